import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { markOrdersShipped } from "./ship-orders";
import { createOrder, createUser, snapshotOrder } from "./testing/fixtures";

let database: TestDatabase;
let admin: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
});
afterAll(async () => {
  await database?.destroy();
});

describe(`bulk mark shipped (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("ships each eligible order with its own tracking number and says why each other one did not ship", async () => {
    const first = await createOrder(database.db, { status: "paid" });
    const flagged = await createOrder(database.db, { status: "paid" });
    await database.db.update(orders).set({ needsReview: true }).where(eq(orders.id, flagged.id));
    const pending = await createOrder(database.db, { status: "pending", atomTxnId: null });
    const second = await createOrder(database.db, { status: "paid" });
    const unknown = randomUUID();
    const untouched = await Promise.all([flagged, pending].map((order) => snapshotOrder(database.db, order.id)));

    const results = await markOrdersShipped(database.db, admin, {
      carrier: "Delhivery",
      parcels: [
        { orderId: first.id, trackingNumber: "DL-0001" },
        { orderId: flagged.id, trackingNumber: "DL-0002" },
        { orderId: pending.id, trackingNumber: "DL-0003" },
        { orderId: unknown, trackingNumber: "DL-0004" },
        { orderId: second.id, trackingNumber: "DL 00 05" },
      ],
    });

    expect(results).toEqual([
      { orderId: first.id, outcome: "shipped" },
      {
        orderId: flagged.id,
        outcome: "refused",
        code: "needs_review",
        message: expect.stringMatching(/needs review/i),
      },
      { orderId: pending.id, outcome: "refused", code: "illegal_transition", message: expect.any(String) },
      { orderId: unknown, outcome: "refused", code: "order_not_found", message: "No such order." },
      // The order after the refusals still ships.
      { orderId: second.id, outcome: "shipped" },
    ]);
    const shipped = await database.db.select().from(orders).where(eq(orders.shippingCarrier, "Delhivery"));
    expect(
      shipped.map((order) => [order.id, order.status, order.trackingNumber]).sort((a, b) => a[2]!.localeCompare(b[2]!)),
    ).toEqual([
      [first.id, "shipped", "DL-0001"],
      [second.id, "shipped", "DL0005"],
    ]);
    // The refused orders are as they were: status, flag, timeline.
    expect(await Promise.all([flagged, pending].map((order) => snapshotOrder(database.db, order.id)))).toEqual(
      untouched,
    );
  });

  it("reports a tracking number the service refuses, and ships the rest", async () => {
    const good = await createOrder(database.db, { status: "paid" });
    const bad = await createOrder(database.db, { status: "paid" });
    const results = await markOrdersShipped(database.db, admin, {
      carrier: "Blue Dart",
      parcels: [
        { orderId: bad.id, trackingNumber: "x!" },
        { orderId: good.id, trackingNumber: "BD123456" },
      ],
    });
    expect(results).toEqual([
      { orderId: bad.id, outcome: "refused", code: "invalid", message: expect.any(String) },
      { orderId: good.id, outcome: "shipped" },
    ]);
  });

  it("is for admins only, and ships nothing for anyone else", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const customer = await createUser(database.db, "customer");
    for (const actor of [null, customer])
      await expect(
        markOrdersShipped(database.db, actor, {
          carrier: "India Post",
          parcels: [{ orderId: order.id, trackingNumber: "EE123456789IN" }],
        }),
      ).rejects.toBeInstanceOf(AuthorizationError);
    expect((await snapshotOrder(database.db, order.id)).order.status).toBe("paid");
  });
});
