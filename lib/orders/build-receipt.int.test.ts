import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderItems, orders, refunds } from "@/db/schema";
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
      // The fixture's order has no delivery state and its line no recorded rate, as an order
      // placed before those existed: intra-state at 5 %.
      supply: { kind: "intra_state", placeOfSupply: null },
      lines: [
        {
          name: "Fixture Tea",
          hsnCode: null,
          rateBasisPoints: 500,
          quantity: 1,
          unitPricePaise: 105_000,
          taxablePaise: 100_000,
          gstPaise: 5_000,
          cgstPaise: 2_500,
          sgstPaise: 2_500,
          igstPaise: 0,
        },
      ],
      totals: { amountPaise: 105_000, taxablePaise: 100_000, gstPaise: 5_000, cgstPaise: 2_500, sgstPaise: 2_500 },
      surchargePaise: 1_180,
      paidPaise: 106_180,
      refunds: [{ amountPaise: 20_000 }],
      refundedPaise: 20_000,
    });
    expect(receipt!.invoiceNumber).toMatch(/^LB\d{4}-[0-9A-F]{9}$/);
  });

  it("print the rate and HSN code each line was sold at, and IGST for a delivery to another state", async () => {
    const order = await createOrder(database.db, { status: "paid", totalPaise: 105_000 });
    const [first] = await database.db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    await database.db
      .update(orderItems)
      .set({ hsnCode: "0902", gstRateBasisPoints: 500 })
      .where(eq(orderItems.id, first!.id));
    await database.db.insert(orderItems).values({
      orderId: order.id,
      productId: first!.productId,
      name: "Fixture Towel",
      hsnCode: "6302",
      gstRateBasisPoints: 1_800,
      unitPrice: 1_180,
      quantity: 2,
    });
    // The sample seller is registered in Maharashtra (27); the order goes to Karnataka (29).
    await database.db
      .update(orders)
      .set({ totalAmount: 107_360, deliveryState: "Karnataka" })
      .where(eq(orders.id, order.id));

    const receipt = await buildReceipt(database.db, order.id, SAMPLE_SELLER);
    expect(receipt!.supply).toEqual({ kind: "inter_state", placeOfSupply: { name: "Karnataka", code: "29" } });
    const byName = new Map(receipt!.lines.map((line) => [line.name, line]));
    expect(byName.get("Fixture Tea")).toMatchObject({ hsnCode: "0902", rateBasisPoints: 500, igstPaise: 5_000 });
    expect(byName.get("Fixture Towel")).toMatchObject({ hsnCode: "6302", rateBasisPoints: 1_800, igstPaise: 360 });
    expect(receipt!.totals).toEqual({
      amountPaise: 107_360,
      taxablePaise: 102_000,
      gstPaise: 5_360,
      cgstPaise: 0,
      sgstPaise: 0,
      igstPaise: 5_360,
    });
  });
});
