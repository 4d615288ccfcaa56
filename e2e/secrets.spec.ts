import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { builtWithE2eEnv } from "./support/e2e-build";
import { describeLeaks, e2eSecrets, filesUnder, findLeaksInFiles } from "./support/secrets";
import { e2ePort } from "./support/server-env";

// No secret of the e2e server in what the build hands to anyone who asks: the client bundles
// and other build assets, the pages prerendered at build time, and public/. (The server's log
// of the whole run is scanned after the last test: e2e/support/scan-server-log.ts.)

/** Prerendered output under .next/server/app: pages' HTML, RSC payloads, route bodies and their metadata. */
const PRERENDERED = /\.(html|rsc|body|meta)$/;

test("the build's static output holds none of the server's secrets", () => {
  const root = process.cwd();
  const staticFiles = filesUnder(path.join(root, ".next/static"));
  const prerendered = filesUnder(path.join(root, ".next/server/app"), (file) => PRERENDERED.test(file));
  const publicFiles = existsSync(path.join(root, "public")) ? filesUnder(path.join(root, "public")) : [];
  // A build without client bundles or prerendered pages would pass for nothing.
  expect(staticFiles.filter((file) => file.endsWith(".js")).length).toBeGreaterThan(0);
  expect(prerendered.length).toBeGreaterThan(0);

  const secrets = e2eSecrets(e2ePort());
  const leaks = findLeaksInFiles([...staticFiles, ...prerendered, ...publicFiles], secrets, root);
  expect(describeLeaks(leaks), "secrets in the static output").toBe("");
});

test("the build was made with the server's secrets, so the scan above saw what the build could bake in", () => {
  // `npm run test:e2e` builds with them (npm run build:e2e). A plain `next build` is fine for
  // trying specs locally, so only CI insists; elsewhere this says what the scan could not see.
  const built = builtWithE2eEnv(e2ePort());
  if (!built && !process.env.CI) {
    test.info().annotations.push({
      type: "warning",
      description:
        "the build in .next was not made by `npm run build:e2e`: secrets inlined at build time could be missed",
    });
    return;
  }
  expect(built, "the build in .next was made by `npm run build:e2e` for this E2E_PORT").toBe(true);
});
