import { countOpenAttention } from "@/lib/attention/open-attention";
import { errorFields, log } from "@/lib/log";
import { getMetrics } from "@/lib/observability/metrics";
import { oldestPendingAttemptSeconds } from "@/lib/payments/requery-payment";
import type { JobContext } from "./job-context";
import { listJobStatus } from "./run-jobs";

/**
 * Sets the `shop_*` gauges from the database just before a scrape, so every instance
 * reports the same shop-wide figures (dashboards take their max, not their sum). When the
 * database cannot be read, the scrape still answers (the counters are this instance's):
 * the gauges are dropped (NaN where they have no labels) rather than left stale, and
 * shop_database_up says 0.
 */
export async function updateShopGauges(context: () => Promise<JobContext>): Promise<void> {
  const metrics = getMetrics();
  let figures;
  try {
    figures = await readFigures(await context());
  } catch (error) {
    log.warn(errorFields(error), "metrics: the shop's figures could not be read from the database");
    metrics.jobsWaiting.reset();
    metrics.jobSecondsSinceRun.reset();
    metrics.oldestPendingPayment.set(Number.NaN);
    metrics.openAttention.set(Number.NaN);
    metrics.databaseUp.set(0);
    return;
  }
  const [jobs, oldestPending, openAttention] = figures;
  metrics.databaseUp.set(1);
  const now = Date.now();
  for (const job of jobs) {
    metrics.jobsWaiting.set({ job: job.name }, job.waiting);
    if (job.lastFinishedAt !== null)
      metrics.jobSecondsSinceRun.set({ job: job.name }, Math.max(0, (now - job.lastFinishedAt.getTime()) / 1000));
  }
  metrics.oldestPendingPayment.set(oldestPending);
  metrics.openAttention.set(openAttention);
}

function readFigures(context: JobContext) {
  return Promise.all([listJobStatus(context), oldestPendingAttemptSeconds(context), countOpenAttention(context.db)]);
}
