import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentAttempts } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import type { SessionUser } from "@/lib/auth/session";
import { startRefundGateway, type RefundGatewayStub } from "@/lib/refunds/testing/refund-gateway";
import { listRefundsForOrder, requestRefund } from "@/lib/refunds";
import { ADMIN_PAGE_SIZE, COUNT_LIMIT, cursorParam } from "./filters";
import { getOrderForAdmin, listOrdersForAdmin } from "./orders";
import { parseOrderListFilters } from "./order-list-filters";
import { listRefundsForAdmin, parseRefundListFilters } from "./refunds";
import { markOrderShipped } from "./shipping";
import {
  addPaymentAttempt,
  createOrder,
  createUser,
  idempotencyKey,
  payingAttemptOf,
  TEST_SHIPMENT,
} from "./testing/fixtures";

let database: TestDatabase;
let admin: SessionUser;
let atom: RefundGatewayStub;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
  atom = await startRefundGateway("accept");
});
afterAll(async () => {
  await atom?.close();
  await database?.destroy();
});

const ids = (page: { rows: Array<{ id: string }> }) => page.rows.map((row) => row.id);

describe(`admin order queries (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("filters by status and by day (India time), searches by ids and email, and pages", async () => {
    // 2025-03-10 23:30 IST is still the 10th in India but already the 10th 18:00 UTC.
    const lateOnTenth = await createOrder(database.db, {
      status: "shipped",
      email: "Meera.Iyer@example.test",
      createdAt: new Date("2025-03-10T18:00:00Z"),
    });
    const earlyEleventh = await createOrder(database.db, {
      status: "paid",
      createdAt: new Date("2025-03-10T19:00:00Z"),
    });
    const pending = await createOrder(database.db, {
      status: "pending",
      atomTxnId: null,
      createdAt: new Date("2025-03-12T06:00:00Z"),
    });

    const list = (params: Record<string, string>) =>
      listOrdersForAdmin(database.db, admin, parseOrderListFilters(params));

    expect(ids(await list({ from: "2025-03-10", to: "2025-03-10" }))).toEqual([lateOnTenth.id]);
    expect(ids(await list({ from: "2025-03-11", to: "2025-03-12" }))).toEqual([pending.id, earlyEleventh.id]);
    expect(ids(await list({ status: "shipped", from: "2025-03-01", to: "2025-03-31" }))).toEqual([lateOnTenth.id]);
    expect(ids(await list({ q: "meera.iyer" }))).toEqual([lateOnTenth.id]);
    expect(ids(await list({ q: earlyEleventh.merchTxnId! }))).toEqual([earlyEleventh.id]);
    expect(ids(await list({ q: earlyEleventh.atomTxnId! }))).toEqual([earlyEleventh.id]);
    expect(ids(await list({ q: pending.id.toUpperCase() }))).toEqual([pending.id]);
    expect(ids(await list({ q: "%" }))).toEqual([]);
    // A bad filter in the URL is ignored, not an error.
    expect((await list({ status: "teleported", from: "2025-13-45", after: "not-a-row" })).previous).toBeUndefined();

    // An earlier attempt's merchTxnId finds the order too.
    await database.db.insert(paymentAttempts).values({
      orderId: pending.id,
      merchTxnId: "EARLIER-ATTEMPT-1",
      merchTxnDate: new Date(),
      amount: pending.totalAmount,
      status: "payment_failed",
    });
    expect(ids(await list({ q: "EARLIER-ATTEMPT-1" }))).toEqual([pending.id]);
  });

  it("pages by keyset with a fixed page size, newest first, forwards and back", async () => {
    const email = `pager-${idempotencyKey()}@example.test`;
    for (let index = 0; index < ADMIN_PAGE_SIZE + 3; index += 1) {
      await createOrder(database.db, { email, createdAt: new Date(Date.UTC(2024, 0, 1, 0, index)) });
    }
    const list = (params: Record<string, string>) =>
      listOrdersForAdmin(database.db, admin, parseOrderListFilters({ q: email, ...params }));
    const first = await list({});
    const second = await list({ after: cursorParam(first.next)! });
    expect(first).toMatchObject({ total: ADMIN_PAGE_SIZE + 3, previous: undefined });
    expect(first.rows).toHaveLength(ADMIN_PAGE_SIZE);
    expect(second.rows).toHaveLength(3);
    expect(second.next).toBeUndefined();
    expect(first.rows[0]!.createdAt.getTime()).toBeGreaterThan(second.rows[0]!.createdAt.getTime());
    // Previous from the second page is the first page again, with nothing before it.
    const back = await list({ before: cursorParam(second.previous)! });
    expect(ids(back)).toEqual(ids(first));
    expect(back.previous).toBeUndefined();
    expect(back.next).toEqual(first.next);
  });

  it("counts the matching orders only up to COUNT_LIMIT + 1", async () => {
    const email = `many-${idempotencyKey()}@count.test`;
    await database.db.execute(sql`
      insert into orders (email, mobile, total_amount)
      select ${email}, '9876543210', 10000 from generate_series(1, ${COUNT_LIMIT + 5})`);
    const listed = await listOrdersForAdmin(database.db, admin, parseOrderListFilters({ q: email }));
    expect(listed.total).toBe(COUNT_LIMIT + 1);
    expect(listed.rows).toHaveLength(ADMIN_PAGE_SIZE);
    await database.db.execute(sql`delete from orders where email = ${email}`);
  });

  it("shows an order with its items, attempts, timeline, refunds and what is still refundable", async () => {
    const order = await createOrder(database.db, { totalPaise: 20_000, surchargePaise: 472 });
    await markOrderShipped(database.db, admin, { orderId: order.id, ...TEST_SHIPMENT });
    await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      amountPaise: 5_000,
      reason: "One jar broken",
      idempotencyKey: idempotencyKey(),
    });

    const detail = await getOrderForAdmin(database.db, admin, order.id);

    expect(detail?.order).toMatchObject({ status: "shipped", refundedAmount: 5_000 });
    expect(detail?.items).toHaveLength(1);
    expect(detail?.attempts.map((attempt) => attempt.merchTxnId)).toEqual([order.merchTxnId]);
    expect(detail?.attempts[0]).not.toHaveProperty("gatewayPayload");
    expect(detail?.events.map((event) => event.type)).toEqual([
      "order_shipped",
      "refund_requested",
      "refund_sent",
      "refund_completed",
    ]);
    expect(detail?.refunds).toMatchObject([
      { refundAmount: 5_000, status: "completed", reason: "One jar broken", requestedByEmail: admin.email },
    ]);
    expect(detail?.refundable).toEqual({
      paidPaise: 20_000,
      surchargePaise: 472,
      refundedPaise: 5_000,
      inFlightPaise: 0,
      refundablePaise: 15_000,
    });
    expect(detail?.money).toEqual({ state: "paid", amounts: detail?.refundable });
    expect(detail?.actions).toMatchObject({
      ship: { open: false, code: "illegal_transition" },
      deliver: { open: true },
      refund: { open: true },
      markReviewed: { open: false },
    });
    expect(await getOrderForAdmin(database.db, admin, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getOrderForAdmin(database.db, admin, "nonsense")).toBeNull();

    // The shopper's view of the same refunds: amounts and states, nothing internal.
    const shopperView = await listRefundsForOrder(database.db, order.id);
    expect(shopperView).toHaveLength(1);
    expect(Object.keys(shopperView[0]!).sort()).toEqual([
      "attemptId",
      "createdAt",
      "id",
      "refundAmount",
      "refundTxnId",
      "status",
      "updatedAt",
    ]);
  });

  it("shows each extra payment with what is left to refund of it, apart from the order's own payment", async () => {
    const order = await createOrder(database.db, { totalPaise: 12_000 });
    const failed = await addPaymentAttempt(database.db, order, { outcome: "failed" });
    const extra = await addPaymentAttempt(database.db, order);
    await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      attemptId: extra.id,
      amountPaise: 2_000,
      reason: "Paid twice",
      idempotencyKey: idempotencyKey(),
    });
    atom.mode = "refund-then-hang";
    await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      attemptId: extra.id,
      amountPaise: 3_000,
      reason: "Paid twice",
      idempotencyKey: idempotencyKey(),
    });
    atom.mode = "accept";

    const detail = await getOrderForAdmin(database.db, admin, order.id);

    expect(detail?.order).toMatchObject({ status: "paid", refundedAmount: 0, needsReview: true });
    expect(detail?.payingAttemptId).toBe((await payingAttemptOf(database.db, order)).id);
    expect(detail?.refundable).toEqual({
      paidPaise: 12_000,
      surchargePaise: 0,
      refundedPaise: 0,
      inFlightPaise: 0,
      refundablePaise: 12_000,
    });
    expect(detail?.extraPayments).toEqual([
      {
        attemptId: extra.id,
        merchTxnId: extra.merchTxnId,
        atomTxnId: extra.atomTxnId,
        paidPaise: 12_000,
        surchargePaise: 0,
        refundedPaise: 2_000,
        inFlightPaise: 3_000,
        refundablePaise: 7_000,
      },
    ]);
    expect(detail?.extraPayments.map((payment) => payment.attemptId)).not.toContain(failed.id);
    expect(detail?.refunds.map((refund) => refund.attemptId)).toEqual([extra.id, extra.id]);
    // Flagged by the second payment: it does not ship until an admin has looked.
    expect(detail?.actions).toMatchObject({
      ship: { open: false, code: "needs_review", message: expect.stringContaining("Needs review before it ships") },
      refund: { open: true },
      markReviewed: { open: true },
    });
  });

  it("shows a pending order as awaiting payment, with nothing paid, refundable or shippable", async () => {
    const order = await createOrder(database.db, { status: "pending", totalPaise: 18_999, atomTxnId: null });

    const detail = await getOrderForAdmin(database.db, admin, order.id);

    expect(detail?.money).toEqual({ state: "awaiting_payment", duePaise: 18_999 });
    expect(Object.values(detail!.actions).map((action) => action.open)).toEqual([false, false, false, false]);
    expect(detail?.actions.refund).toMatchObject({ code: "order_not_refundable" });
  });

  it("lists every refund with its order, filtered by status and searched", async () => {
    const order = await createOrder(database.db, { totalPaise: 9_000, email: "refund-list@example.test" });
    await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      amountPaise: 1_000,
      reason: "Late",
      idempotencyKey: idempotencyKey(),
    });
    atom.mode = "decline";
    await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      amountPaise: 2_000,
      reason: "Late",
      idempotencyKey: idempotencyKey(),
    });
    atom.mode = "accept";

    const list = (params: Record<string, string>) =>
      listRefundsForAdmin(database.db, admin, parseRefundListFilters(params));
    const all = await list({ q: "refund-list@" });
    expect(
      all.rows.map((row) => [row.refundAmount, row.status, row.orderId, row.orderEmail, row.requestedByEmail]),
    ).toEqual([
      [2_000, "failed", order.id, "refund-list@example.test", admin.email],
      [1_000, "completed", order.id, "refund-list@example.test", admin.email],
    ]);
    expect((await list({ q: "refund-list@", status: "failed" })).rows.map((row) => row.refundAmount)).toEqual([2_000]);
    expect((await list({ q: order.id })).total).toBe(2);
    expect((await list({ q: all.rows[1]!.refundTxnId! })).rows.map((row) => row.id)).toEqual([all.rows[1]!.id]);
  });
});
