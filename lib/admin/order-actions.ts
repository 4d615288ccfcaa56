import type { Order } from "@/db/schema";
import { canTransitionOrder } from "@/lib/lifecycle/machines";

/** An admin's step on an order that the order's state may not allow. */
export type ShippingStep = "shipped" | "delivered";

export type ShippingRefusalCode = "illegal_transition" | "needs_review";

/** Why a step is not open now: a stable code and a sentence for the admin. */
export interface ActionRefusal<Code extends string = string> {
  code: Code;
  message: string;
}

/**
 * The one rule for the shipping steps: the order machine allows the move, and a flagged
 * order does not ship (it may have lost its payment to a reversal, or been paid twice) until
 * an admin has looked. The service refuses with this; the pages offer only what it allows.
 */
export function shippingRefusal(
  order: Pick<Order, "status" | "needsReview">,
  to: ShippingStep,
): ActionRefusal<ShippingRefusalCode> | undefined {
  if (!canTransitionOrder(order.status, to))
    return { code: "illegal_transition", message: `A ${order.status} order cannot be marked ${to}.` };
  if (to === "shipped" && order.needsReview)
    return {
      code: "needs_review",
      message: "This order needs review before it ships. Check the timeline, then mark it reviewed.",
    };
  return undefined;
}
