import { E2E_ADMIN, E2E_METRICS_TOKEN, E2E_SANDBOX_CONTROL_TOKEN } from "./accounts";

// The e2e server's environment, in one place: playwright.config.ts's webServer runs with it,
// and `npm run build:e2e` (scripts/build-for-e2e.ts) builds with it, so the build sees every
// secret the server has and the scan of its static output means something. Test-only values.

/** The port the e2e server listens on: `E2E_PORT`, 3100 by default. */
export function e2ePort(): number {
  return Number(process.env.E2E_PORT ?? 3100);
}

/** The e2e run's own folder (its database, the server's log): wiped when the server starts. */
export function e2eDataDir(port: number): string {
  return `.data/e2e-${port}`;
}

/** The copy of the server's stdout and stderr that the secret scan reads after the run. */
export function e2eServerLog(port: number): string {
  return `${e2eDataDir(port)}/server.log`;
}

/** The e2e servers' AUTH_SECRET (the extra servers of e2e/support/extra-server.ts use it too). */
export const E2E_AUTH_SECRET = "e2e-only-auth-secret-not-for-production-use";

export function e2eServerEnv(port: number): Record<string, string> {
  return {
    PGLITE_DIR: `${e2eDataDir(port)}/pglite`,
    APP_URL: `http://localhost:${port}`,
    ATOM_MODE: "sandbox",
    AUTH_SECRET: E2E_AUTH_SECRET,
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    METRICS_TOKEN: E2E_METRICS_TOKEN,
    // As behind one reverse proxy: a spec stands for a client elsewhere by sending the
    // X-Forwarded-For such a proxy would append (its own counts, its own lockouts), while
    // everything else is the browser on this machine (the shop without a proxy is tested
    // in lib/client-address.test.ts, on a real socket).
    TRUST_PROXY: "1",
    SANDBOX_CONTROL_TOKEN: E2E_SANDBOX_CONTROL_TOKEN,
    NEXT_TELEMETRY_DISABLED: "1",
    // A refund the gateway has not confirmed is first synced 10 min after its send, not 1 min:
    // a spec that leaves one processing checks it itself, and a sync within its time would
    // complete it under the spec's feet. The sync is tested in lib/jobs/reliability.int.test.ts
    // and lib/refunds, and by the soak.
    REFUND_SYNC_SCHEDULE_SECONDS: "600,1200,3600",
  };
}

/** The variables of that environment whose values are secrets (the Atom ones are read by parseAtomConfig). */
export const E2E_SECRET_VARIABLES = [
  "AUTH_SECRET",
  "ADMIN_PASSWORD",
  "METRICS_TOKEN",
  "SANDBOX_CONTROL_TOKEN",
] as const;
