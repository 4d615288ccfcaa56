import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";

/**
 * Validates configuration and prepares the database (migrate; seed in the sandbox)
 * before the first request, so a bad setting stops start-up with a clear message.
 */
export async function prepareServer(): Promise<void> {
  try {
    getEnv();
    await getDatabase();
  } catch (error) {
    console.error(`Start-up failed: ${error instanceof Error ? error.message : "unknown error"}`);
    process.exit(1);
  }
}
