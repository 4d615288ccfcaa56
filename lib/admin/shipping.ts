import { z } from "zod";
import type { Database } from "@/db";
import { DomainError } from "@/lib/domain-error";
import { type Order } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { canTransitionOrder } from "@/lib/lifecycle/machines";
import { movedUnderLock, transitionOrder, lockOrder } from "@/lib/lifecycle/transitions";
import { assertAdmin, auditActor } from "@/lib/auth/authorize";

type ShippingStep = "shipped" | "delivered";

export class ShippingError extends DomainError<"order_not_found" | "illegal_transition" | "needs_review"> {
  override name = "ShippingError";
}

const shippingInputSchema = z.object({ orderId: z.uuid("Unknown order.") });

/** paid → shipped. */
export function markOrderShipped(db: Database, actor: SessionUser | null, input: { orderId: string }): Promise<Order> {
  return advanceShipping(db, actor, input, "shipped");
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
 * Moves an order along the order state machine under its row lock and records who did
 * it. An illegal step (shipping a pending or refunded order, delivering twice) changes
 * nothing and says why.
 */
async function advanceShipping(
  db: Database,
  actor: SessionUser | null,
  input: { orderId: string },
  to: ShippingStep,
): Promise<Order> {
  assertAdmin(actor);
  const { orderId } = shippingInputSchema.parse(input);
  const admin = auditActor(actor);
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order === undefined) throw new ShippingError("order_not_found", "No such order.");
    if (!canTransitionOrder(order.status, to)) {
      throw new ShippingError("illegal_transition", `A ${order.status} order cannot be marked ${to}.`);
    }
    // A flagged order may have lost its payment (a reversal) or been paid twice: look first.
    if (to === "shipped" && order.needsReview) {
      throw new ShippingError(
        "needs_review",
        "This order needs review before it ships. Check the timeline, then mark it reviewed.",
      );
    }
    const moved = await transitionOrder(tx, {
      id: orderId,
      from: order.status,
      to,
      event: { type: `order_${to}`, source: "admin", actor: admin, detail: { from: order.status } },
    });
    return movedUnderLock(moved, `Order ${orderId}`);
  });
}
