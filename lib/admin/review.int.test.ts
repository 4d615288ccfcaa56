import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import type { SessionUser } from "@/lib/auth/session";
import { setNeedsReview } from "@/lib/lifecycle/transitions";
import { markOrderReviewed, ReviewError } from "./review";
import { markOrderShipped } from "./shipping";
import { createOrder, createUser, snapshotOrder, TEST_SHIPMENT } from "./testing/fixtures";

let database: TestDatabase;
let admin: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
});
afterAll(async () => {
  await database?.destroy();
});

describe(`an admin clears the needs-review flag (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("with a note that stays on the timeline, once", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    await database.db.update(orders).set({ needsReview: true }).where(eq(orders.id, order.id));

    const [first, second] = await Promise.allSettled([
      markOrderReviewed(database.db, admin, { orderId: order.id, note: "Second payment refunded", seenEventId: 0 }),
      markOrderReviewed(database.db, admin, { orderId: order.id, note: "Second payment refunded", seenEventId: 0 }),
    ]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);

    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ needsReview: false, status: "paid" });
    const reviews = after.events.filter((event) => event.type === "review_completed");
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      source: "admin",
      actorEmail: admin.email,
      detail: { note: "Second payment refunded" },
    });
  });

  it("refuses an order that is not flagged, and an empty note, changing nothing", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const before = await snapshotOrder(database.db, order.id);
    await expect(
      markOrderReviewed(database.db, admin, { orderId: order.id, note: "Looked at it", seenEventId: 0 }),
    ).rejects.toBeInstanceOf(ReviewError);
    await database.db.update(orders).set({ needsReview: true }).where(eq(orders.id, order.id));
    await expect(
      markOrderReviewed(database.db, admin, { orderId: order.id, note: " ", seenEventId: 0 }),
    ).rejects.toThrow(/what you checked/);
    const after = await snapshotOrder(database.db, order.id);
    expect(after.events).toEqual(before.events);
    expect(after.order?.needsReview).toBe(true);
  });

  it("refuses to clear a flag raised after the admin opened the page", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    await database.db.update(orders).set({ needsReview: true }).where(eq(orders.id, order.id));
    const seen = (await snapshotOrder(database.db, order.id)).events.at(-1)?.id ?? 0;
    const reversal = {
      statusCode: "OTS0001",
      message: "FAILED",
      atomTxnId: "1",
      amount: order.totalAmount,
      surcharge: 0,
      totalAmount: order.totalAmount,
      subChannel: null,
      bankName: null,
    };
    await setNeedsReview(database.db, {
      orderId: order.id,
      needsReview: true,
      event: { type: "failure_after_success", source: "callback", detail: reversal },
    });
    await expect(
      markOrderReviewed(database.db, admin, { orderId: order.id, note: "Looked at it", seenEventId: seen }),
    ).rejects.toThrow(/new was flagged/);
    expect((await snapshotOrder(database.db, order.id)).order?.needsReview).toBe(true);
  });

  it("a flagged order cannot ship until it is reviewed", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    await database.db.update(orders).set({ needsReview: true }).where(eq(orders.id, order.id));
    await expect(markOrderShipped(database.db, admin, { orderId: order.id, ...TEST_SHIPMENT })).rejects.toMatchObject({
      code: "needs_review",
    });
    const seen = (await snapshotOrder(database.db, order.id)).events.at(-1)?.id ?? 0;
    await markOrderReviewed(database.db, admin, {
      orderId: order.id,
      note: "Payment confirmed with the gateway",
      seenEventId: seen,
    });
    expect(await markOrderShipped(database.db, admin, { orderId: order.id, ...TEST_SHIPMENT })).toMatchObject({
      status: "shipped",
    });
  });
});
