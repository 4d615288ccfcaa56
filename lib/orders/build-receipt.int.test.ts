import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, refunds } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { createOrder, payingAttemptOf } from "@/lib/admin/testing/fixtures";
import { SAMPLE_SELLER } from "@/lib/env";
import { buildReceipt } from "./build-receipt";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe(`receipts (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("exist for paid orders only", async () => {
    const pending = await createOrder(database.db, { status: "pending", atomTxnId: null });
    expect(await buildReceipt(database.db, pending.id, SAMPLE_SELLER)).toBeUndefined();
    const cancelled = await createOrder(database.db, { status: "cancelled", atomTxnId: null });
    expect(await buildReceipt(database.db, cancelled.id, SAMPLE_SELLER)).toBeUndefined();
    expect(await buildReceipt(database.db, randomUUID(), SAMPLE_SELLER)).toBeUndefined();
  });

  it("split each line's GST, add the surcharge, and list the completed refunds of the order's payment", async () => {
    const order = await createOrder(database.db, { status: "paid", totalPaise: 105_000, surchargePaise: 1_180 });
    const attempt = await payingAttemptOf(database.db, order);
    const refund = (status: "completed" | "failed", amount: number) => ({
      orderId: order.id,
      attemptId: attempt.id,
      refundAmount: amount,
      prodRefundId: `R${randomUUID().slice(0, 12)}`,
      status,
      reason: "test",
    });
    await database.db.insert(refunds).values([refund("completed", 20_000), refund("failed", 5_000)]);
    await database.db.update(orders).set({ refundedAmount: 20_000 }).where(eq(orders.id, order.id));

    const receipt = await buildReceipt(database.db, order.id, SAMPLE_SELLER);
    expect(receipt).toMatchObject({
      seller: SAMPLE_SELLER,
      gstRatePercent: 5,
      lines: [{ name: "Fixture Tea", quantity: 1, unitPricePaise: 105_000, taxablePaise: 100_000, gstPaise: 5_000 }],
      totals: { amountPaise: 105_000, taxablePaise: 100_000, gstPaise: 5_000 },
      surchargePaise: 1_180,
      paidPaise: 106_180,
      refunds: [{ amountPaise: 20_000 }],
      refundedPaise: 20_000,
    });
    expect(receipt!.invoiceNumber).toMatch(/^LB\d{4}-[0-9A-F]{9}$/);
  });
});
