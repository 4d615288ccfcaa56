import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRuns, paymentAttempts } from "@/db/schema";
import { openAttention } from "@/lib/attention/open-attention";
import { getMetrics } from "@/lib/observability/metrics";
import { FAST_JOBS, startShop, type ShopHarness } from "./testing/shop-harness";
import { updateShopGauges } from "./update-shop-gauges";

// The shop_* gauges are read from the database at scrape time.

let shop: ShopHarness;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(async () => {
  await shop?.close();
});

async function gauge(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const { values } = await getMetrics().registry.getSingleMetric(name)!.get();
  return values.find((value) => Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted))?.value;
}

describe("shop gauges", () => {
  it("report the oldest unsettled payment, the jobs' backlog and last runs, and open attention items", async () => {
    const { attempt } = await shop.placeOrder();
    const db = shop.context().db;
    await db.execute(
      sql`update ${paymentAttempts} set created_at = now() - interval '2 hours' where ${paymentAttempts.id} = ${attempt.id}`,
    );
    await db
      .insert(jobRuns)
      .values({ name: "expire-orders", lastFinishedAt: sql`now() - interval '90 seconds'`, runs: 1 })
      .onConflictDoUpdate({ target: jobRuns.name, set: { lastFinishedAt: sql`now() - interval '90 seconds'` } });
    await db.transaction((tx) =>
      openAttention(tx, { kind: "unknown_payment", subject: "gauges/1", reason: "a test item", detail: {} }),
    );

    // Two hours is within the shop's default 48-hour horizon (FAST_JOBS' is 3 s).
    const withinHorizon = { ...FAST_JOBS, paymentHorizonSeconds: 48 * 3600 };
    await updateShopGauges(async () => shop.context({ jobs: withinHorizon }));

    expect(await gauge("shop_database_up")).toBe(1);
    const oldest = (await gauge("shop_oldest_pending_payment_seconds"))!;
    expect(oldest).toBeGreaterThanOrEqual(7_200);
    expect(oldest).toBeLessThan(7_300);
    // FAST_JOBS asks one second after the attempt began: it is due now.
    expect(await gauge("shop_jobs_waiting", { job: "requery-payments" })).toBe(1);
    const sinceRun = (await gauge("shop_job_seconds_since_last_run", { job: "expire-orders" }))!;
    expect(sinceRun).toBeGreaterThanOrEqual(89);
    expect(sinceRun).toBeLessThan(200);
    expect(await gauge("shop_attention_open")).toBe(1);

    // Past the horizon it is the needs-attention list's: no longer the oldest pending.
    await updateShopGauges(async () => shop.context());
    expect(await gauge("shop_oldest_pending_payment_seconds")).toBe(0);
  });

  it("drop the database's figures and say so when it cannot be read", async () => {
    await updateShopGauges(() => Promise.reject(new Error("database unavailable")));
    expect(await gauge("shop_database_up")).toBe(0);
    expect(await gauge("shop_oldest_pending_payment_seconds")).toBeNaN();
    expect(await gauge("shop_attention_open")).toBeNaN();
    expect(await gauge("shop_jobs_waiting", { job: "requery-payments" })).toBeUndefined();
  });
});
