import { defineConfig, devices } from "@playwright/test";
import { e2eDataDir, e2ePort, e2eServerEnv, e2eServerLog } from "./e2e/support/server-env";

// End-to-end tests run the production build against its own embedded database folder
// and the sandbox gateway. They use the system Chromium and never download a browser.
// `npm run test:e2e` builds first (`npm run build:e2e`: with the server's environment, so the
// secret scan of the static output means something), so the web server's timeout covers only
// its start; running `playwright test` directly needs a current build.
// e2e/security-headers.spec.ts starts two more servers of the build on the next two ports
// (E2E_PORT+1: a sandbox gateway at another origin; E2E_PORT+2: a shop in uat mode using it),
// only while it runs (e2e/support/extra-server.ts).
const port = e2ePort();
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
  // After every test, while the server still runs: its log of the whole run holds no secret.
  globalTeardown: "./e2e/support/scan-server-log.ts",
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
    // The server's stdout and stderr are also kept in its data folder, for the secret scan.
    // Next's data cache (.next/cache/fetch-cache) outlives builds, and its catalog entries are
    // keyed by the database's folder, which each run empties and seeds again with new ids: an
    // earlier run's entries would show this run's pages stale products, so they go too.
    command: `rm -rf ${e2eDataDir(port)} .next/cache/fetch-cache && mkdir -p ${e2eDataDir(port)} && npx next start -p ${port} 2>&1 | tee ${e2eServerLog(port)}`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: e2eServerEnv(port),
  },
});
