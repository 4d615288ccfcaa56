import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { orderItems, orders, paymentEvents, products, refundItems, refunds } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import {
  addPaymentAttempt,
  createOrder,
  createUser,
  idempotencyKey,
  snapshotOrder,
} from "@/lib/admin/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";
import { quoteRefund, RefundRuleError, requestRefund } from "@/lib/refunds";
import { applyRefundOutcome } from "./settle-refund";
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

/** The stand-in gateway; answers are awaited for 5 s, as a busy machine may take long (a hang is told its own). */
async function gateway(
  mode: Parameters<typeof startRefundGateway>[0],
  options: Parameters<typeof startRefundGateway>[1] = { timeoutMs: 5_000, maxAttempts: 1 },
): Promise<RefundGatewayStub> {
  const started = await startRefundGateway(mode, options);
  gateways.push(started);
  return started;
}

const TEA_PAISE = 15_000;
const HONEY_PAISE = 8_800;

/**
 * A paid order of two lines: 2 × Tea at ₹150.00 and 1 × Honey at ₹88.00 (₹388.00, unless told), each
 * line holding its units; the products have 5 and 3 left on the shelf.
 */
async function twoLineOrder(options: { surchargePaise?: number; honeyPaise?: number } = {}) {
  const honeyPaise = options.honeyPaise ?? HONEY_PAISE;
  const order = await createOrder(database.db, {
    totalPaise: 2 * TEA_PAISE + honeyPaise,
    surchargePaise: options.surchargePaise,
  });
  await database.db.delete(orderItems).where(eq(orderItems.orderId, order.id));
  const product = async (name: string, price: number, stock: number) => {
    const [row] = await database.db
      .insert(products)
      .values({ slug: `item-refund-${randomUUID()}`, name, description: "For tests.", price, image: "/x.svg", stock })
      .returning();
    return row!;
  };
  const teaProduct = await product("Assam Tea", TEA_PAISE, 5);
  const honeyProduct = await product("Wild Honey", honeyPaise, 3);
  const [tea, honey] = await database.db
    .insert(orderItems)
    .values([
      {
        orderId: order.id,
        productId: teaProduct.id,
        name: "Assam Tea",
        unitPrice: TEA_PAISE,
        quantity: 2,
        heldQuantity: 2,
      },
      {
        orderId: order.id,
        productId: honeyProduct.id,
        name: "Wild Honey",
        unitPrice: honeyPaise,
        quantity: 1,
        heldQuantity: 1,
      },
    ])
    .returning();
  return { order, tea: tea!, honey: honey!, teaProduct, honeyProduct };
}

const byItems = (orderId: string, items: Array<{ orderItemId: string; quantity: number }>, extra = {}) => ({
  orderId,
  items,
  reason: "One jar broken",
  idempotencyKey: idempotencyKey(),
  ...extra,
});

async function stockOf(productId: string): Promise<number> {
  const [row] = await database.db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}

async function heldOf(orderItemId: string): Promise<number> {
  const [row] = await database.db
    .select({ held: orderItems.heldQuantity })
    .from(orderItems)
    .where(eq(orderItems.id, orderItemId));
  return row!.held;
}

async function eventsOf(orderId: string, type: string) {
  return (
    await database.db
      .select()
      .from(paymentEvents)
      .where(eq(paymentEvents.orderId, orderId))
      .orderBy(asc(paymentEvents.id))
  ).filter((event) => event.type === type);
}

async function refusal(promise: Promise<unknown>): Promise<RefundRuleError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RefundRuleError);
  return error as RefundRuleError;
}

describe(`refunds by item (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("values the units at their unit price, sends that sum, and records the units with the refund", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey } = await twoLineOrder();

    const quote = await quoteRefund(
      database.db,
      admin,
      byItems(order.id, [
        { orderItemId: tea.id, quantity: 1 },
        { orderItemId: honey.id, quantity: 1 },
      ]),
    );
    expect(quote).toMatchObject({ amountPaise: TEA_PAISE + HONEY_PAISE, restock: false });
    // A quote creates nothing.
    expect((await snapshotOrder(database.db, order.id)).refunds).toEqual([]);

    const { refund } = await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [
        { orderItemId: tea.id, quantity: 1 },
        { orderItemId: honey.id, quantity: 1 },
      ]),
    );

    expect(refund).toMatchObject({ status: "completed", refundAmount: 23_800, restock: false });
    expect(atom.requests).toEqual([
      expect.objectContaining({ prodRefundId: refund.prodRefundId, totalRefundAmount: 238 }),
    ]);
    const rows = await database.db.select().from(refundItems).where(eq(refundItems.refundId, refund.id));
    expect(
      rows
        .map(({ orderItemId, quantity, amount }) => ({ orderItemId, quantity, amount }))
        .sort((a, b) => a.amount - b.amount),
    ).toEqual([
      { orderItemId: honey.id, quantity: 1, amount: HONEY_PAISE },
      { orderItemId: tea.id, quantity: 1, amount: TEA_PAISE },
    ]);
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ status: "paid", refundedAmount: 23_800 });
    const [requested] = await eventsOf(order.id, "refund_requested");
    expect(requested?.detail).toMatchObject({ amountPaise: 23_800, items: "Assam Tea × 1, Wild Honey × 1" });
    // Not restocked: the refunded unit is written off (no longer held, not back on the shelf).
    expect(await heldOf(tea.id)).toBe(1);
  });

  it("refuses more units than are left of a line, then refunds the remaining ones; the last makes the order refunded", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey } = await twoLineOrder();

    const tooMany = await refusal(
      requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: tea.id, quantity: 3 }])),
    );
    expect(tooMany).toMatchObject({ code: "units_exceed_refundable", orderItemId: tea.id, field: "items" });
    expect(tooMany.message).toBe("Assam Tea: at most 2 units can still be refunded (refunds in progress count too).");

    await requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }]));
    // One unit of tea is refunded: a second refund of two is refused, of one goes through.
    const second = await refusal(
      requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: tea.id, quantity: 2 }])),
    );
    expect(second).toMatchObject({ code: "units_exceed_refundable" });
    expect(second.message).toContain("at most 1 unit can");
    await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [
        { orderItemId: tea.id, quantity: 1 },
        { orderItemId: honey.id, quantity: 1 },
      ]),
    );
    const none = await refusal(
      requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }])),
    );
    // The order is refunded in full: closed, whatever the units.
    expect(none.code).toBe("order_not_refundable");
    const after = await snapshotOrder(database.db, order.id);
    expect(after.order).toMatchObject({ status: "refunded", refundedAmount: 38_800 });
    expect(after.refunds.map((row) => row.refundAmount)).toEqual([TEA_PAISE, TEA_PAISE + HONEY_PAISE]);
    expect(atom.requests).toHaveLength(2);
  });

  it("counts units of refunds in flight, and frees the units of a failed one", async () => {
    const atom = await gateway("hang", { timeoutMs: 200, maxAttempts: 1 });
    const { order, honey } = await twoLineOrder();

    const { refund: open } = await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: honey.id, quantity: 1 }]),
    );
    expect(open.status).toBe("processing");
    const inFlight = await refusal(
      requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: honey.id, quantity: 1 }])),
    );
    expect(inFlight.code).toBe("units_exceed_refundable");

    // The gateway refuses it after all: the unit is refundable again.
    await applyRefundOutcome(
      database.db,
      open.id,
      "processing",
      { kind: "failed", statusCode: "OTS0612", message: "FAILED" },
      { source: "system" },
    );
    atom.mode = "accept";
    const { refund: again } = await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: honey.id, quantity: 1 }]),
    );
    expect(again).toMatchObject({ status: "completed", refundAmount: HONEY_PAISE });
  });

  it("refuses a line of another order and writes nothing", async () => {
    const atom = await gateway("accept");
    const { order } = await twoLineOrder();
    const other = await twoLineOrder();
    const before = await snapshotOrder(database.db, order.id);

    const error = await refusal(
      requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: other.tea.id, quantity: 1 }])),
    );

    expect(error).toMatchObject({ code: "item_not_found", orderItemId: other.tea.id });
    expect(await snapshotOrder(database.db, order.id)).toEqual(before);
    expect(atom.requests).toEqual([]);
  });

  it("refuses items worth more than is still refundable: after a refund by amount, or with the surcharge kept out", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey } = await twoLineOrder();
    // ₹300.00 of ₹388.00 refunded by amount: ₹88.00 left, the honey's worth exactly.
    await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      amountPaise: 30_000,
      reason: "Late delivery",
      idempotencyKey: idempotencyKey(),
    });

    const error = await refusal(
      requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }])),
    );
    expect(error).toMatchObject({ code: "amount_exceeds_refundable", refundablePaise: HONEY_PAISE });
    const quoted = await refusal(
      quoteRefund(database.db, admin, byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }])),
    );
    expect(quoted.code).toBe("amount_exceeds_refundable");

    const { refund } = await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: honey.id, quantity: 1 }]),
    );
    expect(refund).toMatchObject({ status: "completed", refundAmount: HONEY_PAISE });
    expect((await snapshotOrder(database.db, order.id)).order).toMatchObject({
      status: "refunded",
      refundedAmount: 38_800,
    });

    // A surcharge is the gateway's: the items' worth is the goods' price, all refundable.
    const surcharged = await twoLineOrder({ surchargePaise: 915 });
    const { refund: whole } = await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(surcharged.order.id, [
        { orderItemId: surcharged.tea.id, quantity: 2 },
        { orderItemId: surcharged.honey.id, quantity: 1 },
      ]),
    );
    expect(whole.refundAmount).toBe(38_800);
  });

  it("refunds items from the order's own payment only: an extra payment is refunded by amount", async () => {
    const atom = await gateway("accept");
    const { order, tea } = await twoLineOrder();
    const extra = await addPaymentAttempt(database.db, order);

    const error = await refusal(
      requestRefund(
        database.db,
        atom.client,
        admin,
        byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }], { attemptId: extra.id }),
      ),
    );

    expect(error.code).toBe("items_need_order_payment");
    expect((await snapshotOrder(database.db, order.id)).refunds).toEqual([]);
  });

  it("answers a repeated key with the same items with the first refund, and refuses it with other items or an amount", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey } = await twoLineOrder();
    const first = byItems(order.id, [
      { orderItemId: tea.id, quantity: 1 },
      { orderItemId: honey.id, quantity: 1 },
    ]);
    const { refund } = await requestRefund(database.db, atom.client, admin, first);

    // The same lines in another order are the same request.
    const repeated = await requestRefund(database.db, atom.client, admin, {
      ...first,
      items: [...first.items].reverse(),
    });
    expect(repeated).toEqual({ refund: expect.objectContaining({ id: refund.id }), duplicate: true });

    // Another line worth the same would pass an amount comparison: the units are compared too.
    const otherItems = await refusal(
      requestRefund(database.db, atom.client, admin, { ...first, items: [{ orderItemId: tea.id, quantity: 1 }] }),
    );
    expect(otherItems.code).toBe("idempotency_key_reused");
    const asAmount = await refusal(
      requestRefund(database.db, atom.client, admin, {
        orderId: order.id,
        amountPaise: refund.refundAmount,
        reason: first.reason,
        idempotencyKey: first.idempotencyKey,
      }),
    );
    expect(asAmount.code).toBe("idempotency_key_reused");
    expect((await snapshotOrder(database.db, order.id)).refunds).toHaveLength(1);
    expect(atom.requests).toHaveLength(1);
  });

  it("refuses a repeated key with other items worth the same", async () => {
    const atom = await gateway("accept");
    // Honey at the tea's price: one unit of either is worth ₹150.00.
    const { order, tea, honey } = await twoLineOrder({ honeyPaise: TEA_PAISE });
    const first = byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }]);
    await requestRefund(database.db, atom.client, admin, first);

    const error = await refusal(
      requestRefund(database.db, atom.client, admin, { ...first, items: [{ orderItemId: honey.id, quantity: 1 }] }),
    );

    expect(error.code).toBe("idempotency_key_reused");
    expect((await snapshotOrder(database.db, order.id)).refunds).toHaveLength(1);
  });

  it("answers a repeated key of a refund by amount only when asked by the same amount, not by items worth it", async () => {
    const atom = await gateway("accept");
    const { order, honey } = await twoLineOrder();
    const key = idempotencyKey();
    await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      amountPaise: HONEY_PAISE,
      reason: "Late",
      idempotencyKey: key,
    });
    const error = await refusal(
      requestRefund(database.db, atom.client, admin, {
        ...byItems(order.id, [{ orderItemId: honey.id, quantity: 1 }]),
        reason: "Late",
        idempotencyKey: key,
      }),
    );
    expect(error.code).toBe("idempotency_key_reused");
  });
});

describe(`restocking an item refund (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("puts those units back when the refund completes, once, and leaves the other lines held", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey, teaProduct, honeyProduct } = await twoLineOrder();

    const { refund } = await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }], { restock: true }),
    );

    expect(refund).toMatchObject({ status: "completed", restock: true });
    expect(await stockOf(teaProduct.id)).toBe(6);
    expect(await heldOf(tea.id)).toBe(1);
    expect(await stockOf(honeyProduct.id)).toBe(3);
    expect(await heldOf(honey.id)).toBe(1);
    const restocked = await eventsOf(order.id, "stock_restocked");
    expect(restocked.map((event) => [event.detail, event.refundId])).toEqual([[{ items: "Assam Tea × 1" }, refund.id]]);

    // The gateway's answer again (a status sync, a duplicate): the refund is completed already, nothing moves.
    const again = await applyRefundOutcome(
      database.db,
      refund.id,
      "processing",
      { kind: "completed", refundTxnId: refund.refundTxnId!, statusCode: "OTS0000", message: "SUCCESS" },
      { source: "system" },
    );
    expect(again.status).toBe("completed");
    const replayed = await applyRefundOutcome(
      database.db,
      refund.id,
      "completed",
      { kind: "completed", refundTxnId: refund.refundTxnId!, statusCode: "OTS0000", message: "SUCCESS" },
      { source: "system" },
    );
    expect(replayed.status).toBe("completed");
    // The same request again (a double submit): the first refund, nothing moves.
    const duplicate = await requestRefund(database.db, atom.client, admin, {
      ...byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }], { restock: true }),
      idempotencyKey: refund.idempotencyKey!,
    });
    expect(duplicate.duplicate).toBe(true);
    expect(await stockOf(teaProduct.id)).toBe(6);
    expect(await heldOf(tea.id)).toBe(1);
    expect(await eventsOf(order.id, "stock_restocked")).toHaveLength(1);
  });

  it("puts back only what a line still holds: an oversold line its held units, a released line nothing", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey, teaProduct, honeyProduct } = await twoLineOrder();
    // The tea was oversold (1 of its 2 units held); the honey's unit is no longer held.
    await database.db.update(orderItems).set({ heldQuantity: 1 }).where(eq(orderItems.id, tea.id));
    await database.db.update(orderItems).set({ heldQuantity: 0 }).where(eq(orderItems.id, honey.id));

    await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: tea.id, quantity: 2 }], { restock: true }),
    );

    expect([await stockOf(teaProduct.id), await heldOf(tea.id)]).toEqual([6, 0]);
    await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: honey.id, quantity: 1 }], { restock: true }),
    );
    expect([await stockOf(honeyProduct.id), await heldOf(honey.id)]).toEqual([3, 0]);
    expect((await eventsOf(order.id, "stock_restocked")).map((event) => event.detail)).toEqual([
      { items: "Assam Tea × 1" },
    ]);
  });

  it("restocks nothing for a failed refund, nor for one not yet confirmed", async () => {
    const atom = await gateway("decline");
    const { order, tea, teaProduct } = await twoLineOrder();
    const { refund } = await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: tea.id, quantity: 2 }], { restock: true }),
    );
    expect(refund.status).toBe("failed");
    expect(await stockOf(teaProduct.id)).toBe(5);
    expect(await heldOf(tea.id)).toBe(2);

    atom.mode = "hang";
    const { refund: open } = await requestRefund(
      database.db,
      (await gateway("hang", { timeoutMs: 200, maxAttempts: 1 })).client,
      admin,
      byItems(order.id, [{ orderItemId: tea.id, quantity: 2 }], { restock: true }),
    );
    expect(open.status).toBe("processing");
    expect(await stockOf(teaProduct.id)).toBe(5);
    // Confirmed later by the sync: the units go back then.
    await applyRefundOutcome(
      database.db,
      open.id,
      "processing",
      { kind: "completed", refundTxnId: "3000000001", statusCode: "OTS0000", message: "SUCCESS" },
      { source: "system" },
    );
    expect(await stockOf(teaProduct.id)).toBe(7);
    expect(await heldOf(tea.id)).toBe(0);
  });

  it("with a later full refund by amount that restocks, gives back what is still held, never a unit twice", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey, teaProduct, honeyProduct } = await twoLineOrder();
    await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }], { restock: true }),
    );
    expect(await stockOf(teaProduct.id)).toBe(6);

    // Everything left (₹238.00), by amount, restocked: the order is refunded and what it still holds goes back.
    const { refund } = await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      amountPaise: TEA_PAISE + HONEY_PAISE,
      reason: "Returned",
      idempotencyKey: idempotencyKey(),
      restock: true,
    });
    expect(refund.status).toBe("completed");
    expect((await snapshotOrder(database.db, order.id)).order.status).toBe("refunded");
    expect(await stockOf(teaProduct.id)).toBe(7);
    expect(await stockOf(honeyProduct.id)).toBe(4);
    expect([await heldOf(tea.id), await heldOf(honey.id)]).toEqual([0, 0]);
    expect((await eventsOf(order.id, "stock_restocked")).map((event) => event.detail)).toEqual([
      { items: "Assam Tea × 1" },
      { items: expect.stringContaining("Wild Honey × 1") },
    ]);
  });

  it("writes off an item refund's units when it is not restocked, so a later restocked full refund cannot put them back", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey, teaProduct, honeyProduct } = await twoLineOrder();
    // One tea broken in transit and thrown away: refunded by item, not restocked.
    await requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: tea.id, quantity: 1 }]));
    expect(await stockOf(teaProduct.id)).toBe(5);
    expect(await heldOf(tea.id)).toBe(1);
    expect((await eventsOf(order.id, "stock_written_off")).map((event) => event.detail)).toEqual([
      { items: "Assam Tea × 1" },
    ]);

    // Everything left, by amount, restocked: only the tea still held and the honey go back.
    const { refund } = await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      amountPaise: TEA_PAISE + HONEY_PAISE,
      reason: "Returned",
      idempotencyKey: idempotencyKey(),
      restock: true,
    });
    expect(refund.status).toBe("completed");
    expect(await stockOf(teaProduct.id)).toBe(6);
    expect(await stockOf(honeyProduct.id)).toBe(4);
    expect([await heldOf(tea.id), await heldOf(honey.id)]).toEqual([0, 0]);
  });

  it("an item refund that completes the order restocks only its own units: the rest stays held without a restock asked", async () => {
    const atom = await gateway("accept");
    const { order, tea, honey, teaProduct, honeyProduct } = await twoLineOrder();
    await requestRefund(database.db, atom.client, admin, {
      orderId: order.id,
      amountPaise: HONEY_PAISE,
      reason: "Honey never sent",
      idempotencyKey: idempotencyKey(),
    });
    // The rest, by item with restock: the tea goes back; the honey, refunded without restock, stays held.
    await requestRefund(
      database.db,
      atom.client,
      admin,
      byItems(order.id, [{ orderItemId: tea.id, quantity: 2 }], { restock: true }),
    );
    expect((await snapshotOrder(database.db, order.id)).order.status).toBe("refunded");
    expect(await stockOf(teaProduct.id)).toBe(7);
    expect(await heldOf(tea.id)).toBe(0);
    expect(await stockOf(honeyProduct.id)).toBe(3);
    expect(await heldOf(honey.id)).toBe(1);
  });

  it("a refund by amount restocks only when it refunds everything still refundable", async () => {
    const atom = await gateway("accept");
    const { order, teaProduct } = await twoLineOrder();
    const error = await refusal(
      requestRefund(database.db, atom.client, admin, {
        orderId: order.id,
        amountPaise: TEA_PAISE,
        reason: "Part",
        idempotencyKey: idempotencyKey(),
        restock: true,
      }),
    );
    expect(error).toMatchObject({ code: "restock_needs_full_refund", field: "restock" });
    expect(await stockOf(teaProduct.id)).toBe(5);
  });
});

describe(`two item refunds of the last unit at once (${testServerUrl() ? "postgres: one connection each" : "pglite"})`, () => {
  it("lets exactly one through", async () => {
    const atom = await gateway("accept");
    const { order, honey } = await twoLineOrder();

    const results = await Promise.allSettled([
      requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: honey.id, quantity: 1 }])),
      requestRefund(database.db, atom.client, admin, byItems(order.id, [{ orderItemId: honey.id, quantity: 1 }])),
    ]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "units_exceed_refundable" });
    const rows = await database.db
      .select({ quantity: refundItems.quantity })
      .from(refundItems)
      .innerJoin(refunds, eq(refunds.id, refundItems.refundId))
      .where(eq(refunds.orderId, order.id));
    expect(rows).toEqual([{ quantity: 1 }]);
    expect(atom.requests).toHaveLength(1);
    const [after] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(after?.refundedAmount).toBe(HONEY_PAISE);
  });
});
