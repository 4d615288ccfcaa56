import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { E2E_BUILD_MARKER, e2eEnvFingerprint } from "../e2e/support/e2e-build";
import { e2ePort, e2eServerEnv } from "../e2e/support/server-env";

// `npm run build:e2e`: `next build` with the e2e server's own environment (every secret the
// server will have), so whatever the build bakes into its static output is what the secret
// scan (e2e/secrets.spec.ts) reads. Then it marks the build as made so.

const port = e2ePort();
const build = spawnSync("npx", ["next", "build"], {
  stdio: "inherit",
  env: { ...process.env, ...e2eServerEnv(port) },
});
if (build.status !== 0) process.exit(build.status ?? 1);
writeFileSync(E2E_BUILD_MARKER, `${JSON.stringify({ fingerprint: e2eEnvFingerprint(port) })}\n`);
