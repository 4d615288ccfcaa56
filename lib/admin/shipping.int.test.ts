import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import type { SessionUser } from "@/lib/auth/session";
import { markOrderDelivered, markOrderShipped, ShippingError } from "./shipping";
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

describe(`shipping (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("ships a paid order, then delivers it, each step on the timeline with the admin's name", async () => {
    const order = await createOrder(database.db, { status: "paid" });

    const shipped = await markOrderShipped(database.db, admin, { orderId: order.id });
    expect(shipped.status).toBe("shipped");
    expect(shipped.shippedAt).toBeInstanceOf(Date);

    const delivered = await markOrderDelivered(database.db, admin, { orderId: order.id });
    expect(delivered.status).toBe("delivered");
    expect(delivered.deliveredAt).toBeInstanceOf(Date);

    const { events } = await snapshotOrder(database.db, order.id);
    expect(
      events.map((event) => [event.type, event.source, event.actorUserId, event.actorEmail, event.detail]),
    ).toEqual([
      ["order_shipped", "admin", admin.id, admin.email, { from: "paid" }],
      ["order_delivered", "admin", admin.id, admin.email, { from: "shipped" }],
    ]);
  });

  it.each([
    ["ship", "pending"],
    ["ship", "cancelled"],
    ["ship", "refunded"],
    ["ship", "shipped"],
    ["deliver", "paid"],
    ["deliver", "delivered"],
    ["deliver", "refunded"],
  ] as const)("refuses to %s a %s order and changes nothing", async (step, status) => {
    const order = await createOrder(database.db, { status });
    const before = await snapshotOrder(database.db, order.id);
    const run = step === "ship" ? markOrderShipped : markOrderDelivered;

    const error = await run(database.db, admin, { orderId: order.id }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ShippingError);
    expect(error).toMatchObject({ code: "illegal_transition" });
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
  });

  it("refuses an unknown order", async () => {
    await expect(
      markOrderShipped(database.db, admin, { orderId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({
      code: "order_not_found",
    });
    await expect(markOrderShipped(database.db, admin, { orderId: "not-a-uuid" })).rejects.toThrow();
  });

  it("ships once when two admins click at the same time", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const results = await Promise.allSettled([
      markOrderShipped(database.db, admin, { orderId: order.id }),
      markOrderShipped(database.db, admin, { orderId: order.id }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await snapshotOrder(database.db, order.id)).events).toHaveLength(1);
  });
});
