// npm run reconcile — runs every background job once, now, beside any running instances
// (they share the work through the database): requery, refund sync, expiry, consistency
// check, notifications. It needs PostgreSQL (DATABASE_URL): an embedded PGlite folder
// belongs to the one process that opened it, so there use /admin/jobs → "Run all jobs now".
import { getEnv } from "@/lib/env";
import { processJobContext } from "@/lib/jobs/job-context";
import { runJobsOnce } from "@/lib/jobs/run-jobs";

const env = getEnv();
if (env.databaseUrl === undefined) {
  console.error(
    "npm run reconcile needs DATABASE_URL (PostgreSQL). With the embedded database, open /admin/jobs in the running shop and press “Run all jobs now”.",
  );
  process.exit(2);
}
const summaries = await runJobsOnce(await processJobContext(), { force: true });
for (const job of summaries) {
  console.info(`${job.name.padEnd(20)} ${job.error === undefined ? `${job.items} item(s)` : `FAILED: ${job.error}`}`);
}
// Exits at once: the connection pool has nothing left to do.
process.exit(summaries.some((job) => job.error !== undefined) ? 1 : 0);
