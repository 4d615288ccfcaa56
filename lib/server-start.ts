import { getDatabase } from "@/db";
import { getEnv, type AppEnv } from "@/lib/env";
import { processJobContext } from "@/lib/jobs/job-context";
import { startJobLoop } from "@/lib/jobs/run-jobs";
import { errorFields, log } from "@/lib/log";
import { beginStartup, enterStartupPhase, startupStatus } from "@/lib/startup-phase";

/**
 * Validates configuration at once (a bad setting stops start-up with a clear message),
 * then prepares the shop in the background: the database (migrate; seed in the sandbox),
 * the sandbox gateway, the background jobs. Next lets requests in as soon as this returns,
 * so /api/health can say what the server is doing meanwhile (503 with the step), pages
 * wait for the database, and "Shop ready at …" is logged once the shop answers.
 */
export async function prepareServer(): Promise<void> {
  beginStartup();
  let env: AppEnv;
  try {
    env = getEnv();
  } catch (error) {
    // Configuration errors name variables only.
    log.fatal(errorFields(error), "start-up failed");
    process.exit(1);
  }
  if (env.atom.mode === "sandbox")
    log.warn(
      { atomMode: "sandbox" },
      "Atom gateway: SANDBOX mode, the embedded test gateway at /atom-sandbox; no real money moves",
    );
  else log.info({ atomMode: env.atom.mode, merchId: env.atom.merchId }, "Atom gateway: live mode");
  void startShop(env);
}

async function startShop(env: AppEnv): Promise<void> {
  try {
    await getDatabase();
    // The embedded gateway starts with the server, so callbacks it owes are sent without
    // waiting for a request to reach /atom-sandbox.
    // Loaded only in sandbox mode, so a live server never loads the sandbox's code.
    if (env.atom.mode === "sandbox") {
      enterStartupPhase("sandbox");
      await (await import("@/lib/atom-sandbox/app-sandbox")).getSandboxService();
    }
    // Background work (requery, refund sync, expiry, consistency check, notifications) runs
    // in every instance unless JOBS=off; the database shares it out between them.
    if (env.jobs.enabled) {
      enterStartupPhase("jobs");
      startJobLoop(processJobContext, env.jobs.intervalMs);
      log.info({ intervalMs: env.jobs.intervalMs }, "background jobs: on");
    } else log.info("background jobs: off (JOBS=off): another instance must run them");
    enterStartupPhase("ready");
  } catch (error) {
    // Database errors lose their query parameters.
    log.fatal(errorFields(error), "start-up failed");
    process.exit(1);
  }
  await announceReady(env);
}

/**
 * "Shop ready at …", once this server answers its own /api/health (Next's own "Ready"
 * comes before the database is prepared). The port is the one Next listens on.
 */
async function announceReady(env: AppEnv): Promise<void> {
  const port = process.env.PORT;
  const localUrl = port === undefined ? undefined : `http://localhost:${port}`;
  const answered = localUrl === undefined || (await answersHealth(`${localUrl}/api/health`));
  const fields = { appUrl: env.appUrl, localUrl, startupMs: startupStatus()?.elapsedMs };
  if (!answered) {
    log.warn(fields, `Shop prepared, but it did not answer its own health check at ${localUrl}/api/health`);
    return;
  }
  log.info(fields, `Shop ready at ${env.appUrl}`);
  if (localUrl !== undefined && !appUrlFitsPort(env.appUrl, port!))
    log.warn(fields, `APP_URL is ${env.appUrl} but this server listens on port ${port}: set APP_URL to its address`);
}

async function answersHealth(url: string): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { cache: "no-store", signal: AbortSignal.timeout(30_000) });
      await response.body?.cancel();
      if (response.ok) return true;
    } catch {
      // Not answering yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** False when APP_URL names this machine on another port than the server's (a public address is fine). */
function appUrlFitsPort(appUrl: string, port: string): boolean {
  const url = new URL(appUrl);
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return !local || (url.port || (url.protocol === "https:" ? "443" : "80")) === port;
}
