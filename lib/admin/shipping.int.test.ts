import { eq, sql } from "drizzle-orm";
import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import type { SessionUser } from "@/lib/auth/session";
import { markOrderDelivered, markOrderShipped, ShippingError } from "./shipping";
import { createOrder, createUser, snapshotOrder, TEST_SHIPMENT } from "./testing/fixtures";

// Filled by a test's trigger: the order row as it stood when its status became shipped.
const shippedRows = pgTable("shipped_rows", {
  orderId: uuid("order_id"),
  carrier: text("carrier"),
  tracking: text("tracking"),
});

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

    const shipped = await markOrderShipped(database.db, admin, { orderId: order.id, ...TEST_SHIPMENT });
    expect(shipped.status).toBe("shipped");
    expect(shipped.shippedAt).toBeInstanceOf(Date);
    expect(shipped).toMatchObject({ shippingCarrier: "India Post", trackingNumber: "EE123456789IN" });

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

    const error = await run(database.db, admin, { orderId: order.id, ...TEST_SHIPMENT }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ShippingError);
    expect(error).toMatchObject({ code: "illegal_transition" });
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
  });

  it("refuses an unknown order", async () => {
    await expect(
      markOrderShipped(database.db, admin, { orderId: "00000000-0000-4000-8000-000000000000", ...TEST_SHIPMENT }),
    ).rejects.toMatchObject({
      code: "order_not_found",
    });
    await expect(markOrderShipped(database.db, admin, { orderId: "not-a-uuid", ...TEST_SHIPMENT })).rejects.toThrow();
  });

  it("ships once when two admins click at the same time, keeping the winner's tracking number", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const results = await Promise.allSettled([
      markOrderShipped(database.db, admin, { orderId: order.id, carrier: "Delhivery", trackingNumber: "DL-1111" }),
      markOrderShipped(database.db, admin, { orderId: order.id, carrier: "Blue Dart", trackingNumber: "BD-2222" }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const winner = results.find((result) => result.status === "fulfilled")!.value;
    const { order: stored, events } = await snapshotOrder(database.db, order.id);
    expect(events).toHaveLength(1);
    expect([stored!.shippingCarrier, stored!.trackingNumber]).toEqual([winner.shippingCarrier, winner.trackingNumber]);
  });

  it("keeps a shipped order's carrier and tracking number when it is shipped again", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    await markOrderShipped(database.db, admin, { orderId: order.id, ...TEST_SHIPMENT });
    await expect(
      markOrderShipped(database.db, admin, { orderId: order.id, carrier: "DTDC", trackingNumber: "D1234567" }),
    ).rejects.toMatchObject({ code: "illegal_transition" });
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      shippingCarrier: TEST_SHIPMENT.carrier,
      trackingNumber: TEST_SHIPMENT.trackingNumber,
    });
  });

  it("refuses a missing carrier or a bad tracking number and changes nothing", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    const before = await snapshotOrder(database.db, order.id);
    for (const shipment of [
      { carrier: " ", trackingNumber: "EE123456789IN" },
      { carrier: "x".repeat(61), trackingNumber: "EE123456789IN" },
      { carrier: "India Post", trackingNumber: "" },
      { carrier: "India Post", trackingNumber: "EE1" },
      { carrier: "India Post", trackingNumber: "EE123/456" },
      { carrier: "India Post", trackingNumber: "E".repeat(41) },
    ]) {
      await expect(markOrderShipped(database.db, admin, { orderId: order.id, ...shipment })).rejects.toThrow();
    }
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
  });

  it("writes no carrier for an order that needs review, which does not ship", async () => {
    const order = await createOrder(database.db, { status: "paid" });
    await database.db.update(orders).set({ needsReview: true }).where(eq(orders.id, order.id));
    const before = await snapshotOrder(database.db, order.id);
    await expect(markOrderShipped(database.db, admin, { orderId: order.id, ...TEST_SHIPMENT })).rejects.toMatchObject({
      code: "needs_review",
    });
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
  });

  it("has the carrier and tracking number on the row when the order turns shipped, in that transaction", async () => {
    // What a shopper's email enqueued by the move to shipped would read: a trigger copies the
    // row as it is at the status change into a side table, inside the same transaction.
    const order = await createOrder(database.db, { status: "paid" });
    await database.db.execute(
      sql`create table if not exists shipped_rows (order_id uuid, carrier text, tracking text)`,
    );
    await database.db.execute(sql`
      create or replace function copy_shipped_row() returns trigger language plpgsql as $$
      begin
        if new.status = 'shipped' and old.status <> 'shipped' then
          insert into shipped_rows values (new.id, new.shipping_carrier, new.tracking_number);
        end if;
        return new;
      end $$`);
    await database.db.execute(sql`
      create trigger copy_shipped_row after update on orders for each row execute function copy_shipped_row()`);
    try {
      await markOrderShipped(database.db, admin, { orderId: order.id, carrier: "Ekart", trackingNumber: "FMPC0001" });
      const rows = await database.db
        .select({ carrier: shippedRows.carrier, tracking: shippedRows.tracking })
        .from(shippedRows)
        .where(eq(shippedRows.orderId, order.id));
      expect(rows).toEqual([{ carrier: "Ekart", tracking: "FMPC0001" }]);
    } finally {
      await database.db.execute(sql`drop trigger copy_shipped_row on orders`);
    }
  });
});
