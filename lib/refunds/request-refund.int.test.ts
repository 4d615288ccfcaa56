import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { attentionItems, orders, paymentEvents, refunds } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import {
  addPaymentAttempt,
  createOrder,
  createUser,
  idempotencyKey,
  payingAttemptOf,
  snapshotOrder,
} from "@/lib/admin/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";
import { createAtomClient } from "@/lib/atom";
import { testAtomConfig } from "@/lib/atom/testing/samples";
import { unreachableUrl } from "@/lib/atom-sandbox/testing/sandbox-harness";
import { checkRefundStatus, RefundRuleError, requestRefund } from "@/lib/refunds";
import { startRefundGateway, type RefundGatewayStub } from "./testing/refund-gateway";

let database: TestDatabase;
let admin: SessionUser;
const gateways: RefundGatewayStub[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
});
afterAll(async () => {
  await database?.destroy();
});
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

async function gateway(...args: Parameters<typeof startRefundGateway>): Promise<RefundGatewayStub> {
  const started = await startRefundGateway(...args);
  gateways.push(started);
  return started;
}

/** The refund sync's settings in these tests: a minute before a send counts as lost. */
const syncContext = (atom: RefundGatewayStub) => ({
  db: database.db,
  gateway: atom.client,
  jobs: { refundSyncSchedule: [60], refundHorizonSeconds: 3600 },
});

const refund = (orderId: string, amountPaise: number, key = idempotencyKey()) => ({
  orderId,
  amountPaise,
  reason: "Damaged in transit",
  idempotencyKey: key,
});

describe(`requestRefund (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("refunds a whole paid order: the row is completed with its refundTxnId and the order reads refunded", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 54_321, surchargePaise: 1_000 });

    const { refund: result, duplicate } = await requestRefund(
      database.db,
      atom.client,
      admin,
      refund(order.id, 54_321),
    );

    expect(duplicate).toBe(false);
    expect(result).toMatchObject({
      status: "completed",
      refundAmount: 54_321,
      gatewayStatusCode: "OTS0000",
      requestedBy: admin.id,
    });
    expect(result.refundTxnId).toBe(atom.refunded.get(result.prodRefundId)?.refundTxnId);
    // The gateway got the original payment's ids, our stable prodRefundId and rupees.
    expect(atom.requests).toEqual([
      {
        merchTxnId: order.merchTxnId,
        atomTxnId: Number(order.atomTxnId),
        prodRefundId: result.prodRefundId,
        totalRefundAmount: 543.21,
      },
    ]);
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ status: "refunded", refundedAmount: 54_321 });
    expect(after.events.map((event) => [event.type, event.source, event.actorEmail])).toEqual([
      ["refund_requested", "admin", admin.email],
      ["refund_sent", "admin", admin.email],
      ["refund_completed", "admin", admin.email],
      ["order_refunded", "admin", admin.email],
    ]);
  });

  it("partial refunds keep the order's status and add up; the last one makes it refunded", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { status: "shipped", totalPaise: 10_000 });

    await requestRefund(database.db, atom.client, admin, refund(order.id, 2_550));
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "shipped",
      refundedAmount: 2_550,
    });

    await requestRefund(database.db, atom.client, admin, refund(order.id, 7_450));
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ status: "refunded", refundedAmount: 10_000 });
    expect(after.refunds.map((row) => row.status)).toEqual(["completed", "completed"]);
    // Each refund has its own prodRefundId.
    expect(new Set(atom.requests.map((request) => request.prodRefundId)).size).toBe(2);
  });

  it.each(["pending", "cancelled", "refunded"] as const)("refuses a %s order and writes nothing", async (status) => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { status });
    const before = await snapshotOrder(database.db, order.id);

    const error = await requestRefund(database.db, atom.client, admin, refund(order.id, 100)).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(RefundRuleError);
    expect((error as RefundRuleError).code).toBe("order_not_refundable");
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
    expect(atom.requests).toEqual([]);
  });

  it("refunds delivered orders too", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { status: "delivered", totalPaise: 5_000 });
    const { refund: result } = await requestRefund(database.db, atom.client, admin, refund(order.id, 1_000));
    expect(result.status).toBe("completed");
  });

  it("refuses an order without an atomTxnId", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { atomTxnId: null });
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 100))).rejects.toMatchObject({
      code: "no_gateway_transaction",
    });
    expect((await snapshotOrder(database.db, order.id)).refunds).toEqual([]);
    expect(atom.requests).toEqual([]);
  });

  it("refuses an unknown order", async () => {
    const atom = await gateway("accept");
    await expect(
      requestRefund(database.db, atom.client, admin, refund("00000000-0000-4000-8000-000000000000", 100)),
    ).rejects.toMatchObject({ code: "order_not_found" });
  });

  it("never refunds more than the goods: the gateway's surcharge is not refundable", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 10_000, surchargePaise: 236 });

    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 10_001))).rejects.toMatchObject({
      code: "amount_exceeds_refundable",
      refundablePaise: 10_000,
    });
    await requestRefund(database.db, atom.client, admin, refund(order.id, 6_000));
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 4_001))).rejects.toMatchObject({
      code: "amount_exceeds_refundable",
      refundablePaise: 4_000,
    });
    expect((await snapshotOrder(database.db, order.id)).refunds).toHaveLength(1);
    expect(atom.requests).toHaveLength(1);
  });

  it("rejects amounts and reasons that are not valid before touching the order", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db);
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 0))).rejects.toThrow();
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 10.5))).rejects.toThrow();
    await expect(
      requestRefund(database.db, atom.client, admin, { ...refund(order.id, 100), reason: " " }),
    ).rejects.toThrow();
    expect((await snapshotOrder(database.db, order.id)).events).toEqual([]);
  });

  it("stores a declined refund as failed with the gateway's message, and frees the amount", async () => {
    const atom = await gateway("decline");
    const order = await createOrder(database.db, { totalPaise: 3_000 });

    const { refund: declined } = await requestRefund(database.db, atom.client, admin, refund(order.id, 3_000));

    expect(declined).toMatchObject({ status: "failed", gatewayStatusCode: "OTS0612", refundTxnId: null });
    expect(declined.gatewayMessage).toContain("REFUND AMOUNT EXCEEDS TRANSACTION AMOUNT");
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ status: "paid", refundedAmount: 0 });
    expect(after.events.at(-1)).toMatchObject({ type: "refund_failed", actorEmail: admin.email });

    atom.mode = "accept";
    const { refund: retried } = await requestRefund(database.db, atom.client, admin, refund(order.id, 3_000));
    expect(retried.status).toBe("completed");
    expect(retried.prodRefundId).not.toBe(declined.prodRefundId);
  });

  it("makes one refund of a double submit (same idempotency key, at the same time and again later)", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 8_000 });
    const key = idempotencyKey();

    const results = await Promise.all([
      requestRefund(database.db, atom.client, admin, refund(order.id, 2_000, key)),
      requestRefund(database.db, atom.client, admin, refund(order.id, 2_000, key)),
    ]);
    const retried = await requestRefund(database.db, atom.client, admin, refund(order.id, 2_000, key));

    expect(results.map((result) => result.duplicate).sort()).toEqual([false, true]);
    expect(new Set([...results, retried].map((result) => result.refund.id)).size).toBe(1);
    expect(retried).toMatchObject({ duplicate: true, refund: { status: "completed" } });
    expect(atom.requests).toHaveLength(1);
    const after = await snapshotOrder(database.db, order.id);
    expect(after.refunds).toHaveLength(1);
    expect(after.order?.refundedAmount).toBe(2_000);
  });

  it("refuses a key reused for a different refund", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 8_000 });
    const key = idempotencyKey();
    await requestRefund(database.db, atom.client, admin, refund(order.id, 1_000, key));
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 1_500, key))).rejects.toMatchObject({
      code: "idempotency_key_reused",
    });
    expect((await snapshotOrder(database.db, order.id)).refunds).toHaveLength(1);
  });

  it("leaves a refund processing when the gateway times out; it still counts as in flight and is never re-sent under a new id", async () => {
    const atom = await gateway("refund-then-hang");
    const order = await createOrder(database.db, { totalPaise: 9_000 });

    const { refund: pending } = await requestRefund(database.db, atom.client, admin, refund(order.id, 6_000));

    expect(pending).toMatchObject({ status: "processing", refundTxnId: null });
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ status: "paid", refundedAmount: 0 });
    expect(after.events.at(-1)).toMatchObject({ type: "refund_outcome_unknown", actorEmail: admin.email });
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 3_001))).rejects.toMatchObject({
      code: "amount_exceeds_refundable",
      refundablePaise: 3_000,
    });
    expect(atom.requests.map((request) => request.prodRefundId)).toEqual([pending.prodRefundId]);

    // The status check finds the refund the gateway made and settles the same row.
    const checked = await checkRefundStatus(syncContext(atom), admin, { refundId: pending.id });
    expect(checked).toMatchObject({ settled: true, refund: { id: pending.id, status: "completed" } });
    expect(checked.refund.refundTxnId).toBe(atom.refunded.get(pending.prodRefundId)?.refundTxnId);
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({ status: "paid", refundedAmount: 6_000 });

    // Checked again from a page still showing it processing: nothing is written or scheduled.
    const readRefund = async () => (await database.db.select().from(refunds).where(eq(refunds.id, pending.id)))[0];
    const [rowBefore, orderBefore] = [await readRefund(), await snapshotOrder(database.db, order.id)];
    const again = await checkRefundStatus(syncContext(atom), admin, { refundId: pending.id });
    expect(again).toMatchObject({ settled: false, refund: { status: "completed" } });
    expect(await readRefund()).toEqual(rowBefore);
    expect(await snapshotOrder(database.db, order.id)).toEqual(orderBefore);
  });

  it("keeps a timed-out refund processing while the gateway does not list it", async () => {
    const atom = await gateway("hang");
    const order = await createOrder(database.db, { totalPaise: 9_000 });
    const { refund: pending } = await requestRefund(database.db, atom.client, admin, refund(order.id, 9_000));

    const checked = await checkRefundStatus(syncContext(atom), admin, { refundId: pending.id });

    expect(checked).toMatchObject({ settled: false, refund: { status: "processing" } });
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order?.status).toBe("paid");
    expect(after.events.at(-1)).toMatchObject({ type: "refund_status_checked", detail: { listed: false } });
  });

  it("does not re-send a REFUND whose answer was lost when the status check finds it refunded; refunded once", async () => {
    const atom = await gateway("refund-then-hang", { timeoutMs: 300, maxAttempts: 3, baseDelayMs: 10 });
    const order = await createOrder(database.db, { totalPaise: 4_000 });

    const { refund: result } = await requestRefund(database.db, atom.client, admin, refund(order.id, 4_000));

    expect(result.status).toBe("processing");
    expect(atom.requests.map((request) => request.prodRefundId)).toEqual([result.prodRefundId]);
    expect(atom.refunded.size).toBe(1);
    atom.mode = "accept";
    const checked = await checkRefundStatus(syncContext(atom), admin, { refundId: result.id });
    expect(checked).toMatchObject({ settled: true, refund: { status: "completed" } });
    expect((await snapshotOrder(database.db, order.id)).order?.status).toBe("refunded");
  });

  it("sends a refund left `requested` by a stopped server, under its own prodRefundId, when its status is checked", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 4_000 });
    const [abandoned] = await database.db
      .insert(refunds)
      .values({
        orderId: order.id,
        attemptId: (await payingAttemptOf(database.db, order)).id,
        refundAmount: 4_000,
        prodRefundId: "RFABANDONED0000000000000000000001",
        reason: "Left behind",
        requestedBy: admin.id,
        updatedAt: new Date(Date.now() - 10 * 60_000),
      })
      .returning();

    const checked = await checkRefundStatus(syncContext(atom), admin, { refundId: abandoned!.id });

    expect(checked).toMatchObject({ settled: true, refund: { status: "completed", sendCount: 1 } });
    expect(atom.requests.map((request) => request.prodRefundId)).toEqual(["RFABANDONED0000000000000000000001"]);
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "refunded",
      refundedAmount: 4_000,
    });
  });

  it("leaves a fresh `requested` refund alone: its own request may still be sending it", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 4_000 });
    const [fresh] = await database.db
      .insert(refunds)
      .values({
        orderId: order.id,
        attemptId: (await payingAttemptOf(database.db, order)).id,
        refundAmount: 4_000,
        prodRefundId: "RFFRESH00000000000000000000000001",
        reason: "In flight",
        requestedBy: admin.id,
      })
      .returning();

    const checked = await checkRefundStatus(syncContext(atom), admin, { refundId: fresh!.id });

    expect(checked).toMatchObject({ settled: false, refund: { status: "requested" } });
    expect(atom.requests).toEqual([]);
  });

  it("re-sends a processing refund the gateway does not list under the same prodRefundId, and the gateway's answer settles it once", async () => {
    const atom = await gateway("hang");
    const order = await createOrder(database.db, { totalPaise: 7_000 });
    const { refund: pending } = await requestRefund(database.db, atom.client, admin, refund(order.id, 7_000));
    expect(pending.status).toBe("processing");
    // The first send is older than the schedule's first step and the gateway lists nothing.
    await database.db
      .update(refunds)
      .set({ lastSentAt: new Date(Date.now() - 5 * 60_000) })
      .where(eq(refunds.id, pending.id));
    atom.mode = "accept";

    const checked = await checkRefundStatus(syncContext(atom), admin, { refundId: pending.id });

    expect(checked).toMatchObject({ settled: true, refund: { status: "completed", sendCount: 2 } });
    expect(atom.requests.map((request) => request.prodRefundId)).toEqual([pending.prodRefundId, pending.prodRefundId]);
    expect(atom.refunded.size).toBe(1);
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ status: "refunded", refundedAmount: 7_000 });
    expect(after.events.filter((event) => event.type === "refund_resent")).toHaveLength(1);
  });

  /** A refund left processing whose last send is older than the schedule's first step: due to be sent again. */
  async function processingRefundDueAgain(atom: RefundGatewayStub) {
    const order = await createOrder(database.db, { totalPaise: 7_000 });
    const { refund: pending } = await requestRefund(database.db, atom.client, admin, refund(order.id, 7_000));
    expect(pending.status).toBe("processing");
    await database.db
      .update(refunds)
      .set({ lastSentAt: new Date(Date.now() - 5 * 60_000) })
      .where(eq(refunds.id, pending.id));
    return { order, pending };
  }

  it("never fails a re-sent refund on an error: an earlier send may have reached the gateway", async () => {
    const atom = await gateway("hang");
    const { order, pending } = await processingRefundDueAgain(atom);
    // REFUNDSTATUS answers (nothing listed); REFUND cannot be reached, which fails a first send.
    const client = createAtomClient(
      testAtomConfig({
        ATOM_REFUND_URL: `${await unreachableUrl()}/refund`,
        ATOM_REFUND_STATUS_URL: `${atom.url}/refund-status`,
      }),
      { timeoutMs: 400, maxAttempts: 1 },
    );

    const checked = await checkRefundStatus({ ...syncContext(atom), gateway: client }, admin, { refundId: pending.id });

    expect(checked).toMatchObject({ settled: false, refund: { status: "processing", sendCount: 2 } });
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 1))).rejects.toMatchObject({
      code: "amount_exceeds_refundable",
    });
  });

  it("never fails a re-sent refund the gateway refuses: it stays processing, its amount held, on the needs-attention list", async () => {
    const atom = await gateway("hang");
    const { order, pending } = await processingRefundDueAgain(atom);
    // A gateway that refuses the repeated id (say, as a duplicate of a refund it did make).
    atom.mode = "decline";

    const checked = await checkRefundStatus(syncContext(atom), admin, { refundId: pending.id });

    expect(checked).toMatchObject({ settled: false, refund: { status: "processing", sendCount: 2 } });
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 1))).rejects.toMatchObject({
      code: "amount_exceeds_refundable",
    });
    const items = await database.db.select().from(attentionItems).where(eq(attentionItems.orderId, order.id));
    expect(items.map((item) => item.kind)).toEqual(["refund_resend_refused"]);
  });

  it("lets exactly one of two concurrent refunds through when together they exceed what was paid", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 10_000 });

    const results = await Promise.allSettled([
      requestRefund(database.db, atom.client, admin, refund(order.id, 6_000)),
      requestRefund(database.db, atom.client, admin, refund(order.id, 7_000)),
    ]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "amount_exceeds_refundable" });
    const after = await snapshotOrder(database.db, order.id);
    expect(after.refunds).toHaveLength(1);
    expect(after.order?.refundedAmount).toBe(after.refunds[0]?.refundAmount);
    expect(atom.requests).toHaveLength(1);
  });
});

describe(`refunding an extra payment (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  const refundOf = (attempt: { orderId: string; id: string }, amountPaise: number, key = idempotencyKey()) => ({
    ...refund(attempt.orderId, amountPaise, key),
    attemptId: attempt.id,
  });
  const refundEvents = async (orderId: string) =>
    (await snapshotOrder(database.db, orderId)).events.filter(
      (event) => event.type.startsWith("refund_") || event.type === "order_refunded",
    );

  it("refunds a duplicate payment with its own ids and leaves the order paid; the order's own payment stays refundable in full", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 10_000 });
    const extra = await addPaymentAttempt(database.db, order);
    expect(extra).toMatchObject({ status: "completed", orderId: order.id });
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "paid",
      needsReview: true,
      atomTxnId: order.atomTxnId,
    });

    const { refund: result } = await requestRefund(database.db, atom.client, admin, refundOf(extra, 10_000));

    expect(result).toMatchObject({ status: "completed", attemptId: extra.id, refundAmount: 10_000 });
    expect(atom.requests).toEqual([
      {
        merchTxnId: extra.merchTxnId,
        atomTxnId: Number(extra.atomTxnId),
        prodRefundId: result.prodRefundId,
        totalRefundAmount: 100,
      },
    ]);
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "paid",
      refundedAmount: 0,
      needsReview: true,
    });
    const events = await refundEvents(order.id);
    expect(events.map((event) => event.type)).toEqual(["refund_requested", "refund_sent", "refund_completed"]);
    expect(events.every((event) => event.detail.attemptId === extra.id && event.actorEmail === admin.email)).toBe(true);

    // Nothing is left of the extra payment, whatever the order's own payment holds.
    await expect(requestRefund(database.db, atom.client, admin, refundOf(extra, 1))).rejects.toMatchObject({
      code: "amount_exceeds_refundable",
      refundablePaise: 0,
      message: expect.stringContaining("this payment") as unknown,
    });

    const { refund: own } = await requestRefund(database.db, atom.client, admin, refund(order.id, 10_000));
    expect(own).toMatchObject({ status: "completed", attemptId: (await payingAttemptOf(database.db, order)).id });
    expect(atom.requests.at(-1)).toMatchObject({
      merchTxnId: order.merchTxnId,
      atomTxnId: Number(order.atomTxnId),
      totalRefundAmount: 100,
    });
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "refunded",
      refundedAmount: 10_000,
    });
  });

  it("an extra refund in flight does not hold back the order's own; the status check asks about the extra payment's transaction", async () => {
    const atom = await gateway("refund-then-hang");
    const order = await createOrder(database.db, { totalPaise: 7_000 });
    const extra = await addPaymentAttempt(database.db, order);

    const { refund: pending } = await requestRefund(database.db, atom.client, admin, refundOf(extra, 7_000));
    expect(pending).toMatchObject({ status: "processing", attemptId: extra.id });

    atom.mode = "accept";
    await requestRefund(database.db, atom.client, admin, refund(order.id, 7_000));
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "refunded",
      refundedAmount: 7_000,
    });

    // The stand-in lists a refund only under the transaction it was made against.
    const checked = await checkRefundStatus(syncContext(atom), admin, { refundId: pending.id });
    expect(checked).toMatchObject({ settled: true, refund: { id: pending.id, status: "completed" } });
    expect(checked.refund.refundTxnId).toBe(atom.refunded.get(pending.prodRefundId)?.refundTxnId);
    expect(atom.refunded.get(pending.prodRefundId)?.atomTxnId).toBe(Number(extra.atomTxnId));
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "refunded",
      refundedAmount: 7_000,
    });
  });

  it("refunds a payment that arrived after the shopper cancelled, and the order stays cancelled", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { status: "cancelled", atomTxnId: null, totalPaise: 6_000 });
    const late = await addPaymentAttempt(database.db, order);
    expect((await snapshotOrder(database.db, order.id)).events.map((event) => event.type)).toContain(
      "paid_after_cancel",
    );

    // The order's own payment never happened: the default form has nothing to refund.
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 6_000))).rejects.toMatchObject({
      code: "order_not_refundable",
    });

    await requestRefund(database.db, atom.client, admin, refundOf(late, 2_500));
    await requestRefund(database.db, atom.client, admin, refundOf(late, 3_500));

    expect(atom.requests.map((request) => [request.merchTxnId, request.atomTxnId, request.totalRefundAmount])).toEqual([
      [late.merchTxnId, Number(late.atomTxnId), 25],
      [late.merchTxnId, Number(late.atomTxnId), 35],
    ]);
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ status: "cancelled", refundedAmount: 0, needsReview: true });
    expect(after.refunds.map((row) => [row.status, row.attemptId])).toEqual([
      ["completed", late.id],
      ["completed", late.id],
    ]);
    await expect(requestRefund(database.db, atom.client, admin, refundOf(late, 1))).rejects.toMatchObject({
      code: "amount_exceeds_refundable",
    });
  });

  it("refuses an attempt that is not a completed payment, or is not this order's, and writes nothing", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 5_000 });
    const failed = await addPaymentAttempt(database.db, order, { outcome: "failed" });
    expect(failed).toMatchObject({ status: "payment_failed", atomTxnId: expect.any(String) as unknown });
    const other = await createOrder(database.db, { totalPaise: 5_000 });
    const othersExtra = await addPaymentAttempt(database.db, other);
    const before = await snapshotOrder(database.db, order.id);

    await expect(requestRefund(database.db, atom.client, admin, refundOf(failed, 1_000))).rejects.toMatchObject({
      code: "attempt_not_refundable",
    });
    await expect(
      requestRefund(database.db, atom.client, admin, { ...refundOf(othersExtra, 1_000), orderId: order.id }),
    ).rejects.toMatchObject({ code: "attempt_not_found" });

    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
    expect(atom.requests).toEqual([]);
  });

  it("naming the order's own paying attempt is the same as the order's refund", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 5_000 });
    const paying = await payingAttemptOf(database.db, order);

    await requestRefund(database.db, atom.client, admin, refundOf(paying, 3_000));

    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({ status: "paid", refundedAmount: 3_000 });
    await expect(requestRefund(database.db, atom.client, admin, refundOf(paying, 2_001))).rejects.toMatchObject({
      code: "amount_exceeds_refundable",
      refundablePaise: 2_000,
    });
    await requestRefund(database.db, atom.client, admin, refund(order.id, 2_000));
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "refunded",
      refundedAmount: 5_000,
    });
    await expect(requestRefund(database.db, atom.client, admin, refundOf(paying, 1))).rejects.toMatchObject({
      code: "order_not_refundable",
    });
  });

  it("makes one refund of a double submit of the extra payment's form, and refuses its key for another payment", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 5_000 });
    const extra = await addPaymentAttempt(database.db, order);
    const key = idempotencyKey();

    const results = await Promise.all([
      requestRefund(database.db, atom.client, admin, refundOf(extra, 5_000, key)),
      requestRefund(database.db, atom.client, admin, refundOf(extra, 5_000, key)),
    ]);

    expect(results.map((result) => result.duplicate).sort()).toEqual([false, true]);
    expect(atom.requests).toHaveLength(1);
    await expect(requestRefund(database.db, atom.client, admin, refund(order.id, 5_000, key))).rejects.toMatchObject({
      code: "idempotency_key_reused",
    });
  });

  it("lets exactly one of two concurrent refunds of one extra payment through when together they exceed it", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 10_000 });
    const extra = await addPaymentAttempt(database.db, order);

    const results = await Promise.allSettled([
      requestRefund(database.db, atom.client, admin, refundOf(extra, 6_000)),
      requestRefund(database.db, atom.client, admin, refundOf(extra, 7_000)),
    ]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")?.reason).toMatchObject({
      code: "amount_exceeds_refundable",
    });
    const after = await snapshotOrder(database.db, order.id);
    expect(after.refunds).toHaveLength(1);
    expect(after.order).toMatchObject({ status: "paid", refundedAmount: 0 });
    expect(atom.requests).toHaveLength(1);
  });
});

describe("refund rows the database keeps", () => {
  it("gives every refund its own stable prodRefundId within the gateway's limits", async () => {
    const atom = await gateway("accept");
    const order = await createOrder(database.db, { totalPaise: 3_000 });
    const { refund: first } = await requestRefund(database.db, atom.client, admin, refund(order.id, 1_000));
    const [stored] = await database.db.select().from(refunds).where(eq(refunds.id, first.id));
    expect(stored?.prodRefundId).toMatch(/^[A-Z0-9]{1,50}$/);
    expect(stored?.prodRefundId).toBe(first.prodRefundId);
    const events = await database.db.select().from(paymentEvents).where(eq(paymentEvents.refundId, first.id));
    expect(
      events.every(
        (event) => event.detail.prodRefundId === undefined || event.detail.prodRefundId === first.prodRefundId,
      ),
    ).toBe(true);
    const [orderRow] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(orderRow?.refundedAmount).toBe(1_000);
  });
});
