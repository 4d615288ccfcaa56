import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { e2eServerEnv } from "./server-env";

/**
 * Written by `npm run build:e2e` into the build it made (`next build` empties .next, so a
 * later plain build drops it): a fingerprint of the environment that build was given.
 */
export const E2E_BUILD_MARKER = ".next/e2e-build.json";

/** A digest of the e2e server's environment (its secrets included), which it never reveals. */
export function e2eEnvFingerprint(port: number): string {
  const entries = Object.entries(e2eServerEnv(port)).sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(entries)).digest("hex");
}

/** Whether the build in .next was made by `npm run build:e2e` with the e2e server's environment for this port. */
export function builtWithE2eEnv(port: number): boolean {
  if (!existsSync(E2E_BUILD_MARKER)) return false;
  const marker = z.object({ fingerprint: z.string() }).safeParse(JSON.parse(readFileSync(E2E_BUILD_MARKER, "utf8")));
  return marker.success && marker.data.fingerprint === e2eEnvFingerprint(port);
}
