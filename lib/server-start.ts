import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { processJobContext } from "@/lib/jobs/job-context";
import { startJobLoop } from "@/lib/jobs/run-jobs";
import { errorFields, log } from "@/lib/log";

/**
 * Validates configuration and prepares the database (migrate; seed in the sandbox)
 * before the first request, so a bad setting stops start-up with a clear message.
 */
export async function prepareServer(): Promise<void> {
  try {
    const env = getEnv();
    if (env.atom.mode === "sandbox")
      log.warn(
        { atomMode: "sandbox" },
        "Atom gateway: SANDBOX mode, the embedded test gateway at /atom-sandbox; no real money moves",
      );
    else log.info({ atomMode: env.atom.mode, merchId: env.atom.merchId }, "Atom gateway: live mode");
    await getDatabase();
    // The embedded gateway starts with the server, so callbacks it owes are sent without
    // waiting for a request to reach /atom-sandbox.
    // Loaded only in sandbox mode, so a live server never loads the sandbox's code.
    if (env.atom.mode === "sandbox") await (await import("@/lib/atom-sandbox/app-sandbox")).getSandboxService();
    // Background work (requery, refund sync, expiry, consistency check, notifications) runs
    // in every instance unless JOBS=off; the database shares it out between them.
    if (env.jobs.enabled) {
      startJobLoop(processJobContext, env.jobs.intervalMs);
      log.info({ intervalMs: env.jobs.intervalMs }, "background jobs: on");
    } else log.info("background jobs: off (JOBS=off): another instance must run them");
  } catch (error) {
    // Configuration errors name variables only; database errors lose their query parameters.
    log.fatal(errorFields(error), "start-up failed");
    process.exit(1);
  }
}
