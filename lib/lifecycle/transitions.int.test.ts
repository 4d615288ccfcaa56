import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Queryable } from "@/db";
import { orders, paymentAttempts, paymentEvents, refunds, type Order } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { createOrder, payingAttemptOf, snapshotOrder } from "@/lib/admin/testing/fixtures";
import { IllegalTransitionError } from "./machines";
import { setNeedsReview, transitionAttempt, transitionOrder, transitionRefund } from "./transitions";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

/** The database's clock inside a transaction: now() is the transaction's start, the same for every statement in it. */
async function databaseNow(tx: Queryable): Promise<Date> {
  // Read through a timestamp column's mapping, so that both drivers give a Date (every test has made an order by now).
  const [row] = await tx
    .select({ now: sql`now()`.mapWith(orders.updatedAt) })
    .from(orders)
    .limit(1);
  return row!.now;
}

async function eventsOf(order: Order) {
  return (await snapshotOrder(database.db, order.id)).events;
}

const summary = {
  statusCode: "OTS0000",
  message: "SUCCESS",
  atomTxnId: "1",
  amount: 100,
  surcharge: 0,
  totalAmount: 100,
  subChannel: "NB",
  bankName: null,
};

describe("transitionOrder", () => {
  it("moves the order, stamps it with the database's clock and appends its event", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const { moved, now } = await database.db.transaction(async (tx) => ({
      now: await databaseNow(tx),
      moved: await transitionOrder(tx, {
        id: order.id,
        from: "paid",
        to: "shipped",
        event: { type: "order_shipped", source: "admin", detail: { from: "paid" } },
      }),
    }));
    expect(moved.changed).toBe(true);
    if (!moved.changed) return;
    expect(moved.row.status).toBe("shipped");
    expect(moved.row.shippedAt?.getTime()).toBe(now.getTime());
    expect(moved.row.updatedAt.getTime()).toBe(now.getTime());
    expect((await eventsOf(order)).at(-1)).toMatchObject({
      type: "order_shipped",
      source: "admin",
      detail: { from: "paid" },
    });
  });

  it("says so when the race was lost, and writes nothing", async () => {
    const order = await createOrder(database.db, { status: "shipped" });
    const before = await snapshotOrder(database.db, order.id);
    const moved = await database.db.transaction((tx) =>
      transitionOrder(tx, {
        id: order.id,
        from: "paid",
        to: "shipped",
        event: { type: "order_shipped", source: "admin", detail: { from: "paid" } },
      }),
    );
    expect(moved).toEqual({ changed: false });
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
  });

  it("throws on an illegal transition before writing anything", async () => {
    const order = await createOrder(database.db, { status: "refunded" });
    const before = await snapshotOrder(database.db, order.id);
    await expect(
      database.db.transaction((tx) =>
        transitionOrder(tx, {
          id: order.id,
          from: "refunded",
          to: "shipped",
          event: { type: "order_shipped", source: "admin", detail: { from: "refunded" } },
        }),
      ),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
  });

  it("appends the event in the caller's transaction: both stay or both go", async () => {
    const order = await createOrder(database.db, { status: "pending", atomTxnId: null });
    const before = await snapshotOrder(database.db, order.id);
    await expect(
      database.db.transaction(async (tx) => {
        await transitionOrder(tx, {
          id: order.id,
          from: "pending",
          to: "cancelled",
          event: { type: "order_cancelled", source: "shopper", detail: {} },
        });
        expect(
          (await tx.select().from(paymentEvents).where(eq(paymentEvents.orderId, order.id))).map((event) => event.type),
        ).toContain("order_cancelled");
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
  });
});

describe("transitionAttempt", () => {
  it("walks the pass-through states to completed and records the path in the event", async () => {
    const order = await createOrder(database.db, { status: "pending", atomTxnId: null });
    const attempt = (await database.db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id)))[0]!;
    const moved = await database.db.transaction((tx) =>
      transitionAttempt(tx, {
        id: attempt.id,
        from: "token_generated",
        to: "completed",
        set: { atomTxnId: "42" },
        event: { type: "payment_succeeded", source: "callback", detail: summary },
      }),
    );
    expect(moved.changed && moved.row).toMatchObject({ status: "completed", atomTxnId: "42" });
    expect((await eventsOf(order)).at(-1)).toMatchObject({
      type: "payment_succeeded",
      attemptId: attempt.id,
      detail: {
        ...summary,
        attemptPath: ["token_generated", "payment_success", "callback_received", "signature_verified", "completed"],
      },
    });
  });

  it("refuses to store a pass-through state, and a step the machine does not have", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const attempt = await payingAttemptOf(database.db, order);
    const before = await snapshotOrder(database.db, order.id);
    const event = { type: "payment_failed", source: "callback", detail: summary } as const;
    await expect(
      database.db.transaction((tx) =>
        transitionAttempt(tx, { id: attempt.id, from: "completed", to: "payment_failed", event }),
      ),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    // A pass-through state is not a stored one: the types refuse it, and so does the kernel.
    const passThrough = { id: attempt.id, from: "token_generated", to: "payment_success", event } as const;
    await expect(
      // @ts-expect-error -- see above
      database.db.transaction((tx) => transitionAttempt(tx, passThrough)),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
    expect((await payingAttemptOf(database.db, order)).status).toBe("completed");
  });

  it("says so when the race was lost, and writes nothing", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const attempt = await payingAttemptOf(database.db, order);
    const before = await snapshotOrder(database.db, order.id);
    const moved = await database.db.transaction((tx) =>
      transitionAttempt(tx, {
        id: attempt.id,
        from: "user_payment",
        to: "payment_failed",
        event: { type: "payment_failed", source: "callback", detail: summary },
      }),
    );
    expect(moved).toEqual({ changed: false });
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
    expect(await payingAttemptOf(database.db, order)).toEqual(attempt);
  });
});

describe("transitionRefund", () => {
  async function requestedRefund(order: Order) {
    const attempt = await payingAttemptOf(database.db, order);
    const [refund] = await database.db
      .insert(refunds)
      .values({
        orderId: order.id,
        attemptId: attempt.id,
        refundAmount: 100,
        prodRefundId: `RF${Date.now()}`,
        status: "requested",
        reason: "test",
        idempotencyKey: crypto.randomUUID(),
      })
      .returning();
    return refund!;
  }

  it("moves the refund with the database's clock; the loser of a race changes nothing; an illegal step throws", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const refund = await requestedRefund(order);
    const event = {
      type: "refund_sent",
      source: "admin",
      detail: { amountPaise: 100, prodRefundId: refund.prodRefundId, attemptId: refund.attemptId },
    } as const;
    const { first, second, now } = await database.db.transaction(async (tx) => ({
      now: await databaseNow(tx),
      first: await transitionRefund(tx, { id: refund.id, from: "requested", to: "processing", event }),
      second: await transitionRefund(tx, { id: refund.id, from: "requested", to: "processing", event }),
    }));
    expect(first.changed && first.row.updatedAt.getTime()).toBe(now.getTime());
    expect(second).toEqual({ changed: false });
    expect((await eventsOf(order)).filter((entry) => entry.type === "refund_sent")).toHaveLength(1);
    await expect(
      database.db.transaction((tx) =>
        transitionRefund(tx, { id: refund.id, from: "processing", to: "requested", event }),
      ),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
  });
});

describe("setNeedsReview", () => {
  it("raises the flag with each flag event and clears it once, by review", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const flag = { type: "duplicate_payment", source: "callback", detail: summary } as const;
    const review = {
      type: "review_completed",
      source: "admin",
      detail: { note: "refunded the extra payment" },
    } as const;
    const raised = await database.db.transaction(async (tx) => ({
      now: await databaseNow(tx),
      result: await setNeedsReview(tx, { orderId: order.id, needsReview: true, event: flag }),
    }));
    expect(raised.result.changed && raised.result.row).toMatchObject({ needsReview: true, updatedAt: raised.now });
    const cleared = await database.db.transaction((tx) =>
      setNeedsReview(tx, { orderId: order.id, needsReview: false, event: review }),
    );
    expect(cleared).toMatchObject({ changed: true, row: { needsReview: false } });
    const again = await database.db.transaction((tx) =>
      setNeedsReview(tx, { orderId: order.id, needsReview: false, event: review }),
    );
    expect(again).toEqual({ changed: false });
    expect((await eventsOf(order)).map((entry) => entry.type)).toEqual(["duplicate_payment", "review_completed"]);
  });
});
