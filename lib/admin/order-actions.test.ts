import { describe, expect, it } from "vitest";
import type { OrderStatus } from "@/db/schema";
import { orderRefundability, type AttemptRefundTotals, type RefundableAttempt } from "@/lib/refunds/refundable";
import { orderActions, shippingRefusal, type OrderActions } from "./order-actions";

const paying: RefundableAttempt = {
  id: "a1",
  merchTxnId: "M1",
  atomTxnId: "T1",
  status: "completed",
  amount: 18_999,
  surchargeAmount: 0,
};

interface OrderState {
  status: OrderStatus;
  needsReview?: boolean;
  /** Completed refunds of the order's own payment. */
  refundedPaise?: number;
  /** Refunds of it still in progress. */
  inFlightPaise?: number;
}

/** The order page's actions for an order in `state`, its refundability from the one refund rule. */
function actionsFor({ status, needsReview = false, refundedPaise = 0, inFlightPaise = 0 }: OrderState): OrderActions {
  const paid = status !== "pending" && status !== "cancelled";
  const order = {
    status,
    needsReview,
    atomTxnId: paid ? "T1" : null,
    totalAmount: 18_999,
    surchargeAmount: 0,
    refundedAmount: refundedPaise,
  };
  const attempts = [paid ? paying : { ...paying, atomTxnId: null, status: "token_generated" as const }];
  const totals = (): AttemptRefundTotals => ({ completedPaise: refundedPaise, inFlightPaise });
  const { own } = orderRefundability(order, attempts, totals);
  return orderActions(order, own);
}

/** Which actions are open: the page renders exactly these. */
function openActions(actions: OrderActions): string[] {
  return Object.entries(actions)
    .filter(([, availability]) => availability.open)
    .map(([name]) => name);
}

describe("orderActions: what the admin's order page offers in each state", () => {
  it.each<[string, OrderState, string[]]>([
    ["pending", { status: "pending" }, []],
    ["paid", { status: "paid" }, ["ship", "refund"]],
    ["paid and flagged for review", { status: "paid", needsReview: true }, ["refund", "markReviewed"]],
    ["shipped", { status: "shipped" }, ["deliver", "refund"]],
    ["shipped and flagged for review", { status: "shipped", needsReview: true }, ["deliver", "refund", "markReviewed"]],
    ["delivered", { status: "delivered" }, ["refund"]],
    ["refunded", { status: "refunded", refundedPaise: 18_999 }, []],
    ["cancelled", { status: "cancelled" }, []],
    ["cancelled and flagged (paid after cancelling)", { status: "cancelled", needsReview: true }, ["markReviewed"]],
    ["paid with nothing left to refund (all of it in progress)", { status: "paid", inFlightPaise: 18_999 }, ["ship"]],
    ["partially refunded", { status: "paid", refundedPaise: 5_000 }, ["ship", "refund"]],
  ])("%s", (_name, state, open) => {
    expect(openActions(actionsFor(state))).toEqual(open);
  });

  it("closes shipping on a flagged order with the reason the page shows instead of the form", () => {
    expect(actionsFor({ status: "paid", needsReview: true }).ship).toEqual({
      open: false,
      code: "needs_review",
      message: "Needs review before it ships. Check the timeline, then mark it reviewed.",
    });
  });

  it("says why a step does not fit the order's status", () => {
    const pending = actionsFor({ status: "pending" });
    expect(pending.ship).toEqual({
      open: false,
      code: "illegal_transition",
      message: "A pending order cannot be marked shipped: it is not paid yet.",
    });
    expect(pending.refund).toMatchObject({ open: false, code: "order_not_refundable" });
    expect(actionsFor({ status: "paid" }).deliver).toMatchObject({
      message: "A paid order cannot be marked delivered: it has not shipped yet.",
    });
    expect(actionsFor({ status: "refunded", refundedPaise: 18_999 }).refund).toMatchObject({
      code: "order_not_refundable",
      message: "Everything paid for the goods has been refunded.",
    });
    expect(actionsFor({ status: "paid", inFlightPaise: 18_999 }).refund).toMatchObject({
      code: "amount_exceeds_refundable",
    });
    expect(actionsFor({ status: "paid" }).markReviewed).toMatchObject({ code: "not_flagged" });
  });

  it("is the rule the shipping service refuses with", () => {
    for (const status of ["pending", "paid", "shipped", "delivered", "refunded", "cancelled"] as const) {
      for (const needsReview of [false, true]) {
        const actions = actionsFor({ status, needsReview, refundedPaise: status === "refunded" ? 18_999 : 0 });
        expect(actions.ship.open).toBe(shippingRefusal({ status, needsReview }, "shipped") === undefined);
        expect(actions.deliver.open).toBe(shippingRefusal({ status, needsReview }, "delivered") === undefined);
      }
    }
  });
});
