import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attentionItems, notifications, orders, paymentAttempts, refunds } from "@/db/schema";
import { testServerUrl } from "@/db/testing/test-database";
import {
  addPaymentAttempt,
  createOrder,
  createUser,
  payingAttemptOf,
  snapshotOrder,
} from "@/lib/admin/testing/fixtures";
import { buildPaymentResult, encryptForMerchant } from "@/lib/atom/gateway-side";
import { samplePayment } from "@/lib/atom/testing/samples";
import { CARD, eventually } from "@/lib/atom-sandbox/testing/sandbox-harness";
import { startShop, type ShopHarness } from "@/lib/jobs/testing/shop-harness";
import { parseGatewayBody, receiveGatewayResult } from "@/lib/payments/receive-gateway-result";
import { checkConsistency } from "./check-consistency";

// What should never be: found, repaired where the gateway's record decides, otherwise
// put on the needs-attention list once, with a notification.

let shop: ShopHarness;
let adminId: string;

beforeAll(async () => {
  shop = await startShop();
  adminId = (await createUser(shop.sandbox.database.db, "admin")).id;
});
afterAll(() => shop?.close());

const db = () => shop.sandbox.database.db;
const openItems = async (orderId: string) =>
  (await db().select().from(attentionItems).where(eq(attentionItems.orderId, orderId))).filter(
    (item) => item.resolvedAt === null,
  );

describe(`consistency check (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("pays an order whose completed payment the gateway confirms while the order was left pending", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.pay(attempt, CARD.success);
    await eventually(async () => ((await shop.order(order.id)).status === "paid" ? true : undefined), 10_000, "paid");
    // What should never be: the attempt completed, the order back at pending.
    await db().update(orders).set({ status: "pending", paidAt: null }).where(eq(orders.id, order.id));

    const report = await checkConsistency(shop.context());

    expect(report.repaired).toBeGreaterThanOrEqual(1);
    expect((await shop.order(order.id)).status).toBe("paid");
    const repairs = (await snapshotOrder(db(), order.id)).events.filter(
      (event) => event.type === "inconsistency_repaired",
    );
    expect(repairs).toEqual([expect.objectContaining({ source: "system" })]);
    expect(await openItems(order.id)).toEqual([]);
  });

  it("does not pay such an order when the gateway cannot confirm the payment: it goes on the list instead", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.pay(attempt, CARD.success);
    await eventually(async () => ((await shop.order(order.id)).status === "paid" ? true : undefined), 10_000, "paid");
    await db().update(orders).set({ status: "pending", paidAt: null }).where(eq(orders.id, order.id));
    await shop.sandbox.control.set({ scope: { merchTxnId: attempt.merchTxnId }, api: { status: { fail5xx: true } } });

    const report = await checkConsistency(shop.context());

    expect(report.repaired).toBe(0);
    expect((await shop.order(order.id)).status).toBe("pending");
    expect((await openItems(order.id)).map((item) => item.kind)).toEqual(["completed_attempt_unpaid_order"]);
  });

  it("lists refunds that add up to more than was paid, once however often it runs, with one notification", async () => {
    const order = await createOrder(db(), { totalPaise: 5_000, status: "refunded" });
    const attempt = await payingAttemptOf(db(), order);
    for (const [index, amount] of [3_000, 3_000].entries()) {
      await db()
        .insert(refunds)
        .values({
          orderId: order.id,
          attemptId: attempt.id,
          refundAmount: amount,
          prodRefundId: `RFOVER${order.id.slice(0, 8)}${index}`,
          status: "completed",
          reason: "Test",
          requestedBy: adminId,
        });
    }

    await checkConsistency(shop.context());
    await checkConsistency(shop.context());

    const items = await openItems(order.id);
    expect(items.map((item) => item.kind)).toEqual(["over_refunded"]);
    expect(items[0]!.reason).toContain("6000 paise exceed the 5000");
    const notices = await db().select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(notices.map((notice) => notice.kind)).toEqual(["attention:over_refunded"]);
  });

  it("lists an order refunded while one of its refunds is still processing", async () => {
    const order = await createOrder(db(), { totalPaise: 5_000, status: "refunded" });
    await db()
      .insert(refunds)
      .values({
        orderId: order.id,
        attemptId: (await payingAttemptOf(db(), order)).id,
        refundAmount: 1_000,
        prodRefundId: `RFOPEN${order.id.slice(0, 8)}`,
        status: "processing",
        reason: "Test",
        requestedBy: adminId,
      });

    await checkConsistency(shop.context());

    expect((await openItems(order.id)).map((item) => item.kind)).toEqual(["refunded_with_open_refund"]);
  });

  it("does not list a refunded order whose open refund is of an extra payment", async () => {
    const order = await createOrder(db(), { totalPaise: 5_000, status: "refunded" });
    const extra = await addPaymentAttempt(db(), order);
    await db()
      .insert(refunds)
      .values({
        orderId: order.id,
        attemptId: extra.id,
        refundAmount: 5_000,
        prodRefundId: `RFEXTRA${order.id.slice(0, 8)}`,
        status: "processing",
        reason: "Paid twice",
        requestedBy: adminId,
      });

    await checkConsistency(shop.context());

    expect((await openItems(order.id)).map((item) => item.kind)).toEqual([]);
  });

  it("lists a paid order with no gateway transaction it can be repaired from", async () => {
    const order = await createOrder(db(), { status: "paid", atomTxnId: null });
    await db().update(paymentAttempts).set({ status: "payment_failed" }).where(eq(paymentAttempts.orderId, order.id));

    const report = await checkConsistency(shop.context());

    expect(report.repaired).toBe(0);
    expect((await openItems(order.id)).map((item) => item.kind)).toEqual(["paid_without_transaction"]);
  });

  it("lists an unpaid order left twice its horizon after it was placed", async () => {
    const order = await createOrder(db(), {
      status: "pending",
      atomTxnId: null,
      createdAt: new Date(Date.now() - 60_000),
    });

    await checkConsistency(shop.context());

    expect((await openItems(order.id)).map((item) => item.kind)).toEqual(["order_not_expired"]);
  });

  it("lists a signed payment for a merchTxnId the shop never issued", async () => {
    const merchTxnId = `UNKNOWN${Date.now()}`;
    const result = buildPaymentResult(shop.sandbox.atom, samplePayment({ merchTxnId, atomTxnId: "77000000000001" }));
    const body = parseGatewayBody(`encData=${await encryptForMerchant(shop.sandbox.atom, result)}`);
    const context = { db: db(), gateway: shop.sandbox.client(), merchId: shop.sandbox.atom.merchId };

    expect(await receiveGatewayResult(body, "callback", context)).toMatchObject({ kind: "rejected" });
    await receiveGatewayResult(body, "callback", context);

    const items = await db().select().from(attentionItems).where(eq(attentionItems.kind, "unknown_payment"));
    expect(items.filter((item) => item.subjectKey.includes(merchTxnId))).toHaveLength(1);
  });
});
