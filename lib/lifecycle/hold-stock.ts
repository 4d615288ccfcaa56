import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orderItems, products, refundItems } from "@/db/schema";
import { openAttention } from "@/lib/attention/open-attention";
import { log } from "@/lib/log";
import { recordPaymentEvent, type EventOrigin, type PaymentEventDetails } from "./events";
import { describeUnits, planStockTake, type StockNeed, type StockShortage } from "./plan-stock";

// The units an order holds of the shop's stock. products.stock is what is left to sell;
// order_items.held_quantity is what each line holds. Taking and giving back move both in
// one transaction, under the order's row lock (taken by every caller, see lockOrder), so a
// repeated call (a duplicate callback, a job run twice, a retry after a crash) finds
// nothing left to move and moves nothing. Product rows are locked in id order, after the
// order: the shop's one lock order, so two checkouts never deadlock. Nothing here decides
// *when*: ./transitions.ts does, by ./plan-stock.ts's rules, and checkout reserves.

export type ReleaseReason = PaymentEventDetails["stock_released"]["because"];

/**
 * A checkout's reservation: every line of the order takes what it does not hold yet, or,
 * when any product has too few left, nothing is taken and the shortages are returned (the
 * caller refuses the checkout). Race-free: the product rows are locked, then checked, then
 * taken with a conditional update.
 */
export async function reserveOrderStock(tx: Queryable, orderId: string, origin: EventOrigin): Promise<StockShortage[]> {
  const { taken, shortages } = await takeStock(tx, orderId, "all");
  if (shortages.length > 0) return shortages;
  if (taken.length > 0)
    await recordPaymentEvent(tx, {
      ...origin,
      orderId,
      type: "stock_reserved",
      detail: { because: "checkout", items: describeUnits(taken) },
    });
  return [];
}

/**
 * Takes back what an order no longer holds, as much as there is (never below 0): a payment
 * pending at the bank, or a success, after the reservation was released. On `order_paid`
 * a shortfall is an oversold order: the money is real and the order is paid, so it goes on
 * the timeline and the needs-attention list for an admin to restock or refund.
 */
export async function takeBackOrderStock(
  tx: Queryable,
  orderId: string,
  origin: EventOrigin,
  because: "payment_pending" | "order_paid",
): Promise<void> {
  const { taken, shortages } = await takeStock(tx, orderId, "available");
  if (taken.length > 0)
    await recordPaymentEvent(tx, {
      ...origin,
      orderId,
      type: "stock_reserved",
      detail: { because, items: describeUnits(taken) },
    });
  if (because !== "order_paid" || shortages.length === 0) return;
  const short = shortages
    .map((line) => `${line.name}: ${line.available} of the ${line.wanted} still needed were in stock`)
    .join("; ");
  log.warn({ orderId, short }, "Oversold: an order was paid for goods no longer in stock");
  await recordPaymentEvent(tx, { ...origin, orderId, type: "stock_oversold", detail: { short } });
  await openAttention(tx, {
    kind: "oversold",
    subject: orderId,
    orderId,
    reason: `A payment arrived after this order's reservation was released, and the stock had gone meanwhile. ${short}. The order is paid: restock and ship it, or refund what cannot be sent.`,
    detail: { shortages },
  });
}

/**
 * Gives back everything the order holds (a failure, a cancellation, an expiry, or a full
 * refund the admin restocked), with its event. An order holding nothing writes nothing.
 */
export async function releaseOrderStock(
  tx: Queryable,
  orderId: string,
  origin: EventOrigin,
  because: ReleaseReason | "restocked",
): Promise<void> {
  const held = await tx
    .select({
      itemId: orderItems.id,
      productId: orderItems.productId,
      name: orderItems.name,
      held: orderItems.heldQuantity,
    })
    .from(orderItems)
    .where(and(eq(orderItems.orderId, orderId), gt(orderItems.heldQuantity, 0)))
    .orderBy(asc(orderItems.productId), asc(orderItems.id));
  if (held.length === 0) return;
  for (const line of held) {
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${line.held}` })
      .where(eq(products.id, line.productId));
    await tx.update(orderItems).set({ heldQuantity: 0 }).where(eq(orderItems.id, line.itemId));
  }
  const items = describeUnits(held.map((line) => ({ name: line.name, units: line.held })));
  await recordPaymentEvent(
    tx,
    because === "restocked"
      ? { ...origin, orderId, type: "stock_restocked", detail: { items } }
      : { ...origin, orderId, type: "stock_released", detail: { because, items } },
  );
}

/**
 * An item refund, on completing: THOSE units leave the order's hold, each line as many as it
 * still holds (never more: a line already released or restocked moves nothing). Restocked,
 * they go back on the shelf (`stock_restocked`); otherwise they are written off
 * (`stock_written_off`: the shopper keeps them or they are thrown away), so that a later
 * release of what the order holds (a full refund restocked, say) never puts them back.
 * Run once per refund, in its completion transaction under the order's lock; a refund by
 * amount names no units and moves nothing here (a full one restocked releases the rest, above).
 */
export async function settleRefundedItems(
  tx: Queryable,
  orderId: string,
  refund: { id: string; restock: boolean },
  origin: EventOrigin,
): Promise<void> {
  const lines = await tx
    .select({
      itemId: orderItems.id,
      productId: orderItems.productId,
      name: orderItems.name,
      units: sql<number>`least(${refundItems.quantity}, ${orderItems.heldQuantity})`.mapWith(Number),
    })
    .from(refundItems)
    .innerJoin(orderItems, eq(orderItems.id, refundItems.orderItemId))
    .where(and(eq(refundItems.refundId, refund.id), eq(orderItems.orderId, orderId), gt(orderItems.heldQuantity, 0)))
    .orderBy(asc(orderItems.productId), asc(orderItems.id));
  const moved = lines.filter((line) => line.units > 0);
  if (moved.length === 0) return;
  for (const line of moved) {
    if (refund.restock)
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} + ${line.units}` })
        .where(eq(products.id, line.productId));
    await tx
      .update(orderItems)
      .set({ heldQuantity: sql`${orderItems.heldQuantity} - ${line.units}` })
      .where(eq(orderItems.id, line.itemId));
  }
  const items = describeUnits(moved.map((line) => ({ name: line.name, units: line.units })));
  await recordPaymentEvent(tx, {
    ...origin,
    orderId,
    type: refund.restock ? "stock_restocked" : "stock_written_off",
    detail: { items },
  });
}

interface Taken {
  name: string;
  units: number;
}

async function takeStock(
  tx: Queryable,
  orderId: string,
  mode: "all" | "available",
): Promise<{ taken: Taken[]; shortages: StockShortage[] }> {
  const lines = await tx
    .select({
      itemId: orderItems.id,
      productId: orderItems.productId,
      name: orderItems.name,
      missing: sql<number>`${orderItems.quantity} - ${orderItems.heldQuantity}`.mapWith(Number),
    })
    .from(orderItems)
    .where(and(eq(orderItems.orderId, orderId), sql`${orderItems.heldQuantity} < ${orderItems.quantity}`))
    .orderBy(asc(orderItems.productId), asc(orderItems.id));
  if (lines.length === 0) return { taken: [], shortages: [] };
  const needs: StockNeed[] = lines;
  // Locked before they are read: a racing checkout waits here, then reads what this one left.
  // NO KEY UPDATE, not UPDATE: each racer's new order_items row already holds KEY SHARE on
  // its products (the foreign key), which FOR UPDATE would wait on, each for the other: a deadlock.
  const levels = await tx
    .select({ id: products.id, stock: products.stock })
    .from(products)
    .where(
      inArray(
        products.id,
        needs.map((need) => need.productId),
      ),
    )
    .orderBy(asc(products.id))
    .for("no key update");
  const plan = planStockTake(needs, new Map(levels.map((level) => [level.id, level.stock])), mode);
  for (const { itemId, productId, take } of plan.takes) {
    // Conditional as well as locked: stock never goes below 0, whatever a caller does.
    const [updated] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${take}` })
      .where(and(eq(products.id, productId), sql`${products.stock} >= ${take}`))
      .returning({ id: products.id });
    if (updated === undefined) throw new Error(`Product ${productId}'s stock changed under its row lock`);
    await tx
      .update(orderItems)
      .set({ heldQuantity: sql`${orderItems.heldQuantity} + ${take}` })
      .where(eq(orderItems.id, itemId));
  }
  return { taken: plan.takes.map((take) => ({ name: take.name, units: take.take })), shortages: plan.shortages };
}
