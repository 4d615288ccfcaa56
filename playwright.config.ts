import { defineConfig, devices } from "@playwright/test";
import { E2E_ADMIN, E2E_METRICS_TOKEN, E2E_SANDBOX_CONTROL_TOKEN } from "./e2e/support/accounts";

// End-to-end tests run the production build against its own embedded database folder
// and the sandbox gateway. They use the system Chromium and never download a browser.
// `npm run test:e2e` builds first, so the web server's timeout covers only its start;
// running `playwright test` directly needs a current build (`npm run build`).
// e2e/security-headers.spec.ts starts two more servers of the build on the next two ports
// (E2E_PORT+1: a sandbox gateway at another origin; E2E_PORT+2: a shop in uat mode using it),
// only while it runs (e2e/support/extra-server.ts).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "on",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `rm -rf .data/e2e-${port} && npx next start -p ${port}`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PGLITE_DIR: `.data/e2e-${port}/pglite`,
      APP_URL: baseURL,
      ATOM_MODE: "sandbox",
      AUTH_SECRET: "e2e-only-auth-secret-not-for-production-use",
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
    },
  },
});
