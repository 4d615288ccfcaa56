import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Queryable } from "@/db";
import { DomainError } from "@/lib/domain-error";
import { orders, type Order } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { movedUnderLock, transitionOrder, lockOrder } from "@/lib/lifecycle/transitions";
import { assertAdmin, auditActor } from "@/lib/auth/authorize";
import { shipmentDetailsSchema, type ShipmentDetails } from "@/lib/orders/shipment-details";
import { shippingRefusal, type ShippingRefusalCode, type ShippingStep } from "./order-actions";

export class ShippingError extends DomainError<"order_not_found" | ShippingRefusalCode> {
  override name = "ShippingError";
}

const shippingInputSchema = z.object({ orderId: z.uuid("Unknown order.") });

/** The "Mark shipped" form: the order, its carrier and its tracking number. */
export const shipOrderSchema = shippingInputSchema.extend(shipmentDetailsSchema.shape);

/** paid → shipped, with the carrier and tracking number the shopper follows the parcel by. */
export async function markOrderShipped(
  db: Database,
  actor: SessionUser | null,
  input: { orderId: string; carrier: string; trackingNumber: string },
): Promise<Order> {
  assertAdmin(actor);
  const shipment = shipOrderSchema.parse(input);
  return advanceShipping(db, actor, shipment, "shipped", (tx) => recordShipment(tx, shipment.orderId, shipment));
}

/** shipped → delivered. */
export function markOrderDelivered(
  db: Database,
  actor: SessionUser | null,
  input: { orderId: string },
): Promise<Order> {
  return advanceShipping(db, actor, input, "delivered");
}

/**
 * The shipment's columns, written in the transaction that ships the order and before its
 * transition, so whatever the move to `shipped` sets off in that transaction (the shopper's
 * email) reads them from the row. Still `paid` under the row lock: checked just before.
 */
async function recordShipment(tx: Queryable, orderId: string, shipment: ShipmentDetails): Promise<void> {
  await tx
    .update(orders)
    .set({ shippingCarrier: shipment.carrier, trackingNumber: shipment.trackingNumber, updatedAt: sql`now()` })
    .where(and(eq(orders.id, orderId), eq(orders.status, "paid")));
}

/**
 * Moves an order along the order state machine under its row lock and records who did
 * it; `beforeMove` writes what goes with the step, in the same transaction. An illegal
 * step (shipping a pending or refunded order, delivering twice) changes nothing and says why.
 */
async function advanceShipping(
  db: Database,
  actor: SessionUser | null,
  input: { orderId: string },
  to: ShippingStep,
  beforeMove?: (tx: Queryable) => Promise<void>,
): Promise<Order> {
  assertAdmin(actor);
  const { orderId } = shippingInputSchema.parse(input);
  const admin = auditActor(actor);
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order === undefined) throw new ShippingError("order_not_found", "No such order.");
    const refusal = shippingRefusal(order, to);
    if (refusal !== undefined) throw new ShippingError(refusal.code, refusal.message);
    await beforeMove?.(tx);
    const moved = await transitionOrder(tx, {
      id: orderId,
      from: order.status,
      to,
      event: { type: `order_${to}`, source: "admin", actor: admin, detail: { from: order.status } },
    });
    return movedUnderLock(moved, `Order ${orderId}`);
  });
}
