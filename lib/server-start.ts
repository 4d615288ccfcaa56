import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
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
  } catch (error) {
    // Configuration errors name variables only; database errors lose their query parameters.
    log.fatal(errorFields(error), "start-up failed");
    process.exit(1);
  }
}
