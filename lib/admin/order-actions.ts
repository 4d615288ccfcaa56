import type { Order, OrderStatus } from "@/db/schema";
import { canTransitionOrder } from "@/lib/lifecycle/machines";
import type { RefundClosed } from "@/lib/refunds/refundable";

/** An admin's step on an order that the order's state may not allow. */
export type ShippingStep = "shipped" | "delivered";

export type ShippingRefusalCode = "illegal_transition" | "needs_review";

/** Why a step is not open now: a stable code and a sentence for the admin. */
export interface ActionRefusal<Code extends string = string> {
  code: Code;
  message: string;
}

// Why a shipping step does not fit the order's status, said from the order's side.
const NOT_PAID = "it is not paid yet";
const NOTHING_TO_SHIP: Partial<Record<OrderStatus, string>> = {
  refunded: "it was refunded in full, so nothing is left to ship",
  cancelled: "it was cancelled, so nothing is left to ship",
};
const CLOSED_STEP: Record<ShippingStep, Partial<Record<OrderStatus, string>>> = {
  shipped: { ...NOTHING_TO_SHIP, pending: NOT_PAID, shipped: "it has shipped already", delivered: "it was delivered" },
  delivered: {
    ...NOTHING_TO_SHIP,
    pending: NOT_PAID,
    paid: "it has not shipped yet",
    delivered: "it was delivered already",
  },
};

/**
 * The one rule for the shipping steps: the order machine allows the move, and a flagged
 * order does not ship (it may have lost its payment to a reversal, or been paid twice) until
 * an admin has looked. The service refuses with this; the pages offer only what it allows.
 */
export function shippingRefusal(
  order: Pick<Order, "status" | "needsReview">,
  to: ShippingStep,
): ActionRefusal<ShippingRefusalCode> | undefined {
  if (!canTransitionOrder(order.status, to)) {
    const because = CLOSED_STEP[to][order.status];
    return {
      code: "illegal_transition",
      message: `A ${order.status} order cannot be marked ${to}${because === undefined ? "" : `: ${because}`}.`,
    };
  }
  if (to === "shipped" && order.needsReview)
    return {
      code: "needs_review",
      message: "Needs review before it ships. Check the timeline, then mark it reviewed.",
    };
  return undefined;
}

export type ReviewRefusalCode = "not_flagged";

/** Marking an order reviewed clears its needs-review flag: open only while the flag is up. */
export function reviewRefusal(order: Pick<Order, "needsReview">): ActionRefusal<ReviewRefusalCode> | undefined {
  return order.needsReview ? undefined : { code: "not_flagged", message: "This order is not waiting for a review." };
}

/** An action the admin's order page may offer: open, or closed with the reason it shows instead. */
export type ActionAvailability<Code extends string = string> = { open: true } | ({ open: false } & ActionRefusal<Code>);

/**
 * What the order page offers. There is no admin cancel: only the shopper cancels an unpaid
 * order, and an unpaid one expires on its own.
 */
export interface OrderActions {
  ship: ActionAvailability<ShippingRefusalCode>;
  deliver: ActionAvailability<ShippingRefusalCode>;
  /** A refund of the order's own payment (extra payments have their own forms under Payment attempts). */
  refund: ActionAvailability<RefundClosed["code"]>;
  markReviewed: ActionAvailability<ReviewRefusalCode>;
}

function availability<Code extends string>(refusal: ActionRefusal<Code> | undefined): ActionAvailability<Code> {
  return refusal === undefined ? { open: true } : { open: false, code: refusal.code, message: refusal.message };
}

/**
 * Which actions are open on an order, each from the rule its service refuses with:
 * shipping from `shippingRefusal`, the refund from the order's own payment's `closed`
 * (lib/refunds/refundable.ts `orderRefundability`, computed once by the caller), the
 * review from `reviewRefusal`.
 */
export function orderActions(
  order: Pick<Order, "status" | "needsReview">,
  ownPayment: { closed?: RefundClosed },
): OrderActions {
  return {
    ship: availability(shippingRefusal(order, "shipped")),
    deliver: availability(shippingRefusal(order, "delivered")),
    refund: availability(ownPayment.closed),
    markReviewed: availability(reviewRefusal(order)),
  };
}
