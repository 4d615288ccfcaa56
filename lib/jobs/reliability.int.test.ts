import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { sandboxRefunds } from "@/db/sandbox-schema";
import { notifications, orders } from "@/db/schema";
import { testServerUrl } from "@/db/testing/test-database";
import { createUser, idempotencyKey, snapshotOrder } from "@/lib/admin/testing/fixtures";
import { CARD, eventually, returnedEncData } from "@/lib/atom-sandbox/testing/sandbox-harness";
import type { SessionUser } from "@/lib/auth/session";
import { shopperPaymentState } from "@/lib/orders/order-view";
import { parseGatewayBody, receiveGatewayResult } from "@/lib/payments/receive-gateway-result";
import { requeryAttempt } from "@/lib/payments/requery-payment";
import { requestRefund } from "@/lib/refunds";
import { runJobsOnce } from "./run-jobs";
import { FAST_JOBS, startShop, type ShopHarness } from "./testing/shop-harness";

// The shop's own recovery, against the sandbox gateway with its fault switches: nothing
// stuck, nothing lost, nothing twice. The jobs run here as the app's loop runs them.

let shop: ShopHarness;
let admin: SessionUser;

beforeAll(async () => {
  shop = await startShop();
  admin = await createUser(shop.sandbox.database.db, "admin");
});
afterAll(() => shop?.close());
beforeEach(async () => {
  await shop.sandbox.control.reset();
  await shop.sandbox.control.set({ callback: { retryBaseMs: 50 } });
});

const db = () => shop.sandbox.database.db;
const events = async (orderId: string) => (await snapshotOrder(db(), orderId)).events;
const typesOf = async (orderId: string) => (await events(orderId)).map((event) => event.type);

/** Runs the jobs, as the app's loop does, until `check` holds. */
function runJobsUntil<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  return eventually(
    async () => {
      await runJobsOnce(shop.context());
      return check();
    },
    timeoutMs,
    what,
  );
}

const paidOrder = (orderId: string) => async () => {
  const order = await shop.order(orderId);
  return order.status === "paid" ? order : undefined;
};

describe(`payment requery (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("pays an order whose callback was dropped and whose shopper never came back", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.sandbox.control.set({ scope: { merchTxnId: attempt.merchTxnId }, callback: { drop: true } });
    await shop.pay(attempt, CARD.success);
    expect((await shop.order(order.id)).status).toBe("pending");

    const paid = await runJobsUntil(paidOrder(order.id), "the requery to pay the order");

    expect(paid.atomTxnId).not.toBeNull();
    expect((await events(order.id)).filter((event) => event.type === "order_paid")).toEqual([
      expect.objectContaining({ source: "requery" }),
    ]);
    expect(await shop.attempt(attempt.id)).toMatchObject({
      status: "completed",
      lastCheckResult: "success",
      nextCheckAt: null,
    });
  });

  it("pays a payment pending at the bank that settles later without a callback", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.sandbox.control.set({
      scope: { merchTxnId: attempt.merchTxnId },
      callback: { drop: true },
      pending: { settleAfterMs: 6_000, settleAs: "success" },
    });
    await shop.pay(attempt, CARD.pending);

    await runJobsUntil(async () => {
      const seen = await shop.attempt(attempt.id);
      return seen.status === "user_payment" ? seen : undefined;
    }, "the requery to see the payment pending");
    await runJobsUntil(paidOrder(order.id), "the requery to pay the settled payment");

    const types = await typesOf(order.id);
    expect(types.filter((type) => type === "payment_pending")).toHaveLength(1);
    expect(types.filter((type) => type === "order_paid")).toHaveLength(1);
  });

  it("closes an attempt the gateway has no payment for so the order can be paid again; past the horizon the order expires", async () => {
    const { order, attempt } = await shop.placeOrder();

    // The shopper closed the overlay: the gateway never heard of a payment on this token.
    const abandoned = await runJobsUntil(async () => {
      const seen = await shop.attempt(attempt.id);
      return seen.status === "payment_failed" ? seen : undefined;
    }, "the attempt to be closed as abandoned");
    expect(abandoned).toMatchObject({ lastCheckResult: "no_data", statusCode: "NODATA" });
    // Still asked about until the horizon: a late payment on it must be found.
    expect(abandoned.nextCheckAt).not.toBeNull();
    expect(await typesOf(order.id)).toContain("payment_abandoned");
    expect(shopperPaymentState({ order: await shop.order(order.id), attempts: [abandoned] })).toBe("failed");

    // Past the horizon (3 s here) the order expires, after a fresh requery of its payment.
    const askedBefore = abandoned.lastCheckedAt!.getTime();
    const expired = await runJobsUntil(async () => {
      const seen = await shop.order(order.id);
      return seen.status === "cancelled" ? seen : undefined;
    }, "the order to expire");
    expect(expired.cancelledAt).not.toBeNull();
    expect((await shop.attempt(attempt.id)).lastCheckedAt!.getTime()).toBeGreaterThan(askedBefore);
    expect((await events(order.id)).at(-1)).toMatchObject({ type: "order_expired", source: "system" });
  });

  it("still finds a payment made late on an attempt it closed as abandoned, with its callback lost", async () => {
    const { order, attempt } = await shop.placeOrder();
    await runJobsUntil(async () => {
      const seen = await shop.attempt(attempt.id);
      return seen.status === "payment_failed" ? seen : undefined;
    }, "the attempt to be closed as abandoned");
    // The shopper was slow at the bank: the payment goes through now, and its callback is lost.
    await shop.sandbox.control.set({ scope: { merchTxnId: attempt.merchTxnId }, callback: { drop: true } });
    await shop.pay(attempt, CARD.success);

    await runJobsUntil(paidOrder(order.id), "the requery to find the late payment");
    expect(await shop.attempt(attempt.id)).toMatchObject({ status: "completed" });
  });

  it("never expires an order without a fresh answer from the gateway", async () => {
    const { order, attempt } = await shop.placeOrder();
    await runJobsUntil(async () => {
      const seen = await shop.attempt(attempt.id);
      return seen.status === "payment_failed" ? seen : undefined;
    }, "the attempt to be closed as abandoned");
    // Past the horizon, but the gateway cannot be asked: the order waits for an answer.
    await shop.sandbox.control.set({ scope: { merchTxnId: attempt.merchTxnId }, api: { status: { fail5xx: true } } });
    const placed = (await shop.order(order.id)).createdAt.getTime();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, placed + 3_500 - Date.now())));

    await runJobsOnce(shop.context(), { force: true });

    expect((await shop.order(order.id)).status).toBe("pending");
    expect((await shop.attempt(attempt.id)).lastCheckResult).toBe("unavailable");
    expect(await typesOf(order.id)).not.toContain("order_expired");
  });

  it("applies 20 identical callbacks, the browser's return and a requery as one transition and one paid event", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.sandbox.control.set({ scope: { merchTxnId: attempt.merchTxnId }, callback: { duplicates: 20 } });
    const page = await import("@/lib/atom-sandbox/testing/sandbox-harness").then(({ payOnPage }) =>
      payOnPage(shop.sandbox.url, attempt.atomTokenId!, CARD.success),
    );
    const context = shop.context();
    await Promise.all([
      receiveGatewayResult(parseGatewayBody(`encData=${returnedEncData(page.html)}`), "return", {
        db: context.db,
        gateway: shop.sandbox.client(),
        merchId: context.merchId,
      }),
      requeryAttempt(context, attempt.id),
    ]);
    await eventually(
      async () => {
        const deliveries = await shop.sandbox.control.deliveries({ merchTxnId: attempt.merchTxnId });
        return deliveries.length === 20 && deliveries.every((delivery) => delivery.status === "delivered")
          ? true
          : undefined;
      },
      15_000,
      "the 20 callbacks to be delivered",
    );

    const types = await typesOf(order.id);
    expect(types.filter((type) => type === "payment_succeeded")).toHaveLength(1);
    expect(types.filter((type) => type === "order_paid")).toHaveLength(1);
    expect((await shop.order(order.id)).status).toBe("paid");
  });
});

describe("two instances running the jobs", () => {
  it("claim each due attempt once: every payment is asked about once and paid once", async () => {
    const placed = [];
    for (let index = 0; index < 8; index += 1) {
      const { order, attempt } = await shop.placeOrder();
      await shop.sandbox.control.set({ scope: { merchTxnId: attempt.merchTxnId }, callback: { drop: true } });
      await shop.pay(attempt, CARD.success);
      placed.push({ order, attempt });
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // A second instance: its own connection pool on PostgreSQL (PGlite has one connection).
    const url = shop.sandbox.database.url;
    const second = url === undefined ? undefined : openDatabase({ url, poolMax: 5 });
    try {
      // (A long horizon: the expiry's own fresh requery is not what this counts.)
      const jobs = { ...FAST_JOBS, paymentHorizonSeconds: 3600 };
      await Promise.all([
        runJobsOnce(shop.context({ jobs })),
        runJobsOnce(shop.context(second === undefined ? { jobs } : { jobs, db: second.db })),
      ]);
    } finally {
      await second?.close();
    }

    for (const { order, attempt } of placed) {
      expect(await shop.attempt(attempt.id)).toMatchObject({ status: "completed", checkCount: 1 });
      expect((await typesOf(order.id)).filter((type) => type === "order_paid")).toHaveLength(1);
    }
  });
});

describe("callback delivery while the database is down", () => {
  it("answers 503, and the gateway's retry stores the payment once the database is back", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.sandbox.control.set({
      scope: { merchTxnId: attempt.merchTxnId },
      callback: { retryBaseMs: 400, maxAttempts: 6 },
    });
    shop.setCallbackDatabase(false);
    const answered = shop.callbackStatuses.length;
    try {
      await shop.pay(attempt, CARD.success);
      await eventually(
        async () => (shop.callbackStatuses.slice(answered).includes(503) ? true : undefined),
        10_000,
        "a 503",
      );
    } finally {
      shop.setCallbackDatabase(true);
    }

    const paid = await eventually(paidOrder(order.id), 15_000, "the gateway's retry to pay the order");
    expect(paid.status).toBe("paid");
    expect(shop.callbackStatuses.slice(answered)).toContain(200);
    expect((await events(order.id)).filter((event) => event.type === "order_paid")).toEqual([
      expect.objectContaining({ source: "callback" }),
    ]);
  });
});

describe("refund sync", () => {
  async function paidOrderAtGateway() {
    const { order, attempt } = await shop.placeOrder();
    await shop.pay(attempt, CARD.success);
    await eventually(paidOrder(order.id), 10_000, "the order to be paid");
    return { order: await shop.order(order.id), attempt };
  }
  const ledger = async (prodRefundId: string) =>
    db().select().from(sandboxRefunds).where(eq(sandboxRefunds.prodRefundId, prodRefundId));

  it("re-sends a refund answered 503 (nothing refunded) under the same prodRefundId; the gateway refunds it once", async () => {
    const { order, attempt } = await paidOrderAtGateway();
    await shop.sandbox.control.set({ scope: { merchTxnId: attempt.merchTxnId }, api: { refund: { fail5xx: 1 } } });

    const { refund } = await requestRefund(db(), shop.context().gateway, admin, {
      orderId: order.id,
      amountPaise: order.totalAmount,
      reason: "Damaged in transit",
      idempotencyKey: idempotencyKey(),
    });
    expect(refund.status).toBe("processing");
    expect(await ledger(refund.prodRefundId)).toHaveLength(0);

    const settled = await runJobsUntil(async () => {
      const seen = (await snapshotOrder(db(), order.id)).refunds[0];
      return seen?.status === "completed" ? seen : undefined;
    }, "the refund sync to settle the refund");

    expect(settled).toMatchObject({ prodRefundId: refund.prodRefundId, sendCount: 2 });
    expect(await ledger(refund.prodRefundId)).toHaveLength(1);
    expect((await shop.order(order.id)).status).toBe("refunded");
    expect(await typesOf(order.id)).toContain("refund_resent");
  });

  it("completes a refund whose answer was lost after the gateway made it, without sending it again", async () => {
    const { order, attempt } = await paidOrderAtGateway();
    await shop.sandbox.control.set({ scope: { merchTxnId: attempt.merchTxnId }, api: { refund: { hangMs: 3_000 } } });

    const { refund } = await requestRefund(db(), shop.context({}, { timeoutMs: 500 }).gateway, admin, {
      orderId: order.id,
      amountPaise: 1_000,
      reason: "Partial: one item missing",
      idempotencyKey: idempotencyKey(),
    });
    expect(refund.status).toBe("processing");

    const settled = await runJobsUntil(async () => {
      const seen = (await snapshotOrder(db(), order.id)).refunds[0];
      return seen?.status === "completed" ? seen : undefined;
    }, "the refund sync to find the refund");

    expect(settled.sendCount).toBe(1);
    expect(await ledger(refund.prodRefundId)).toHaveLength(1);
    expect(await shop.order(order.id)).toMatchObject({ status: "paid", refundedAmount: 1_000 });
  });
});

describe("notifications", () => {
  it("puts one notification in the outbox for a tampered result however often it arrives, and sends it once", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.sandbox.control.set({
      scope: { merchTxnId: attempt.merchTxnId },
      callback: { duplicates: 3, tamperAmountPaise: 1 },
    });
    await shop.pay(attempt, CARD.success);
    await eventually(
      async () =>
        (await typesOf(order.id)).filter((type) => type === "result_mismatch").length >= 3 ? true : undefined,
      10_000,
      "the tampered callbacks",
    );

    const queued = await db().select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(queued.map((row) => [row.kind, row.status])).toEqual([["result_mismatch", "pending"]]);
    await runJobsOnce(shop.context());
    const [sent] = await db().select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(sent).toMatchObject({ status: "sent", channel: "outbox", attempts: 1 });
    // The order itself was never paid by the tampered result.
    const [stored] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(stored?.needsReview).toBe(true);
  });
});
