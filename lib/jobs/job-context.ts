import { getDatabase, type Database } from "@/db";
import type { AtomClient } from "@/lib/atom";
import { getEnv, type JobsConfig, type MailConfig } from "@/lib/env";
import { getAtomClient } from "@/lib/payments/gateway";

/** Everything the background work needs; one shape serves the requery, the refund sync and the checks. */
export interface JobContext {
  db: Database;
  gateway: Pick<AtomClient, "transactionStatus" | "refund" | "refundStatus">;
  merchId: string;
  appUrl: string;
  jobs: JobsConfig;
  mail: MailConfig;
}

/** This process's database, gateway client and configuration. */
export async function processJobContext(): Promise<JobContext> {
  const env = getEnv();
  return {
    db: await getDatabase(),
    gateway: getAtomClient(),
    merchId: env.atom.merchId,
    appUrl: env.appUrl,
    jobs: env.jobs,
    mail: env.mail,
  };
}
