import { describe, expect, it } from "vitest";
import { PAYMENT_EVENT_TYPES, type GatewayResultSummary, type PaymentEventDetails } from "@/lib/lifecycle/events";
import { describeEvent, type DescribableEvent } from "./describe-event";

const upiPayment: GatewayResultSummary = {
  statusCode: "OTS0000",
  message: "SUCCESS",
  atomTxnId: "11000000000001",
  amount: 18_999,
  surcharge: 0,
  totalAmount: 18_999,
  subChannel: "UP",
  bankName: null,
};
const cardFailure: GatewayResultSummary = {
  ...upiPayment,
  statusCode: "OTS0600",
  message: "Card declined",
  subChannel: "CC",
  surcharge: 236,
  totalAmount: 19_235,
};
const refundLine = { amountPaise: 5_000, attemptId: "7d6c2f4e-0000-4000-8000-000000000001" };

/** One recorded detail of every event type and the sentence the timeline shows for it. */
const EXAMPLES: { [T in keyof PaymentEventDetails]: [PaymentEventDetails[T], string] } = {
  order_created: [{ totalAmount: 18_999, items: 2 }, "Order placed: 2 items, ₹189.99."],
  payment_started: [{ merchTxnId: "T4F2A", amount: 18_999 }, "Payment started for ₹189.99 (reference T4F2A)."],
  token_generated: [{ atomTokenId: "15000000123" }, "The gateway opened its payment page."],
  token_failed: [
    { kind: "gateway", gatewayCode: "AUTH01", message: "Merchant not active" },
    "The gateway could not open its payment page: Merchant not active.",
  ],
  payment_pending: [
    { ...upiPayment, statusCode: "OTS0551", message: "Pending at bank" },
    "Payment of ₹189.99 by UPI is pending at the bank.",
  ],
  payment_failed: [
    { ...cardFailure, attemptPath: ["payment_failed"] },
    "Payment of ₹189.99 (+ ₹2.36 gateway fee) by Credit card failed: Card declined.",
  ],
  payment_succeeded: [
    { ...upiPayment, attemptPath: ["payment_success", "callback_received", "signature_verified", "completed"] },
    "Payment received by UPI: ₹189.99.",
  ],
  order_paid: [{ atomTxnId: "11000000000001" }, "The order is paid."],
  stale_try_ignored: [cardFailure, "A late answer about an earlier try was ignored: Card declined."],
  result_mismatch: [
    { ...upiPayment, problems: ["amount 100 paise differs"] },
    "A gateway result did not match this order and was refused: amount 100 paise differs.",
  ],
  duplicate_payment: [
    { ...upiPayment, bankName: "HDFC Bank" },
    "A second payment arrived for this paid order by UPI (HDFC Bank): ₹189.99. Refund it to the shopper.",
  ],
  paid_after_cancel: [
    upiPayment,
    "A payment arrived after the order was cancelled by UPI: ₹189.99. Refund it to the shopper.",
  ],
  failure_after_success: [
    cardFailure,
    "The gateway reported a failure for the payment that paid this order: Card declined. Check it before the goods leave.",
  ],
  review_completed: [
    { note: "Second payment refunded" },
    "Marked reviewed by admin@example.in: Second payment refunded",
  ],
  order_cancelled: [{}, "The order was cancelled."],
  order_shipped: [{ from: "paid" }, "Marked shipped with Delhivery, tracking ABC123."],
  order_delivered: [{ from: "shipped" }, "Marked delivered."],
  refund_requested: [
    { ...refundLine, reason: "One jar broken", prodRefundId: "R1", restock: false },
    "Refund of ₹50.00 requested by admin@example.in — One jar broken.",
  ],
  refund_sent: [{ ...refundLine, prodRefundId: "R1" }, "Refund of ₹50.00 sent to the gateway."],
  refund_resent: [
    { ...refundLine, prodRefundId: "R1", sendCount: 2 },
    "Refund of ₹50.00 sent again (try 2): the gateway had not listed it.",
  ],
  refund_outcome_unknown: [
    { message: "The gateway did not answer in time", attemptId: refundLine.attemptId },
    "No clear answer from the gateway about the refund: The gateway did not answer in time. It stays in progress until checked.",
  ],
  refund_status_checked: [
    { listed: false, attemptId: refundLine.attemptId },
    "Checked the refund with the gateway: it does not list it yet.",
  ],
  refund_failed: [
    { ...refundLine, statusCode: "OTS0401", message: "Insufficient balance" },
    "Refund of ₹50.00 refused by the gateway: Insufficient balance.",
  ],
  refund_completed: [
    { ...refundLine, refundTxnId: "2100000001", refundedTotalPaise: 7_500 },
    "Refund of ₹50.00 completed (gateway reference 2100000001); ₹75.00 refunded in all.",
  ],
  order_refunded: [{ from: "shipped", refundedTotalPaise: 18_999 }, "Refunded in full: ₹189.99."],
  order_refund_transition_refused: [
    { from: "delivered" },
    "Everything paid is refunded, but the delivered order could not be marked refunded.",
  ],
  payment_abandoned: [
    { statusCode: "OTS0951", checks: 3 },
    "Payment abandoned: the gateway had no payment after 3 checks.",
  ],
  order_expired: [{ horizonSeconds: 7_200 }, "Expired unpaid after 2 hours."],
  inconsistency_repaired: [
    { problem: "paid at the gateway, pending here", repair: "marked paid" },
    "Put right from the gateway's record: paid at the gateway, pending here. Repaired: marked paid.",
  ],
  stock_reserved: [
    { because: "checkout", items: "Kashmiri Saffron × 2" },
    "Stock held (at checkout): Kashmiri Saffron × 2.",
  ],
  stock_released: [
    { because: "order_expired", items: "Kashmiri Saffron × 2" },
    "Stock given back (the order expired unpaid): Kashmiri Saffron × 2.",
  ],
  stock_restocked: [{ items: "Kashmiri Saffron × 2" }, "Back in stock after the refund: Kashmiri Saffron × 2."],
  stock_written_off: [
    { items: "Brass Diya × 1" },
    "Refunded without restocking, so no longer held for the order: Brass Diya × 1.",
  ],
  stock_oversold: [
    { short: "Kashmiri Saffron: 1 short" },
    "Paid after its units were given back, and too few were left: Kashmiri Saffron: 1 short.",
  ],
};

function event(type: string, detail: object, source: DescribableEvent["source"] = "admin"): DescribableEvent {
  return { type, source, actorEmail: source === "admin" ? "admin@example.in" : null, detail: { ...detail } };
}

const context = { shipment: { carrier: "Delhivery", trackingNumber: "ABC123" } };

describe("describeEvent", () => {
  it.each(Object.keys(PAYMENT_EVENT_TYPES))("says %s in plain words", (type) => {
    const [detail, sentence] = EXAMPLES[type as keyof PaymentEventDetails];
    expect(describeEvent(event(type, detail), context)).toBe(sentence);
  });

  it("shows no paise, gateway method codes or internal keys", () => {
    for (const [type, [detail]] of Object.entries(EXAMPLES)) {
      const sentence = describeEvent(event(type, detail), context) ?? "";
      expect(sentence).not.toMatch(/attemptPath|attemptId|Paise|\{|\[|\bUP\b|\bCC\b|18999/);
    }
  });

  it("names who cancelled, and a shipment without its details", () => {
    expect(describeEvent(event("order_cancelled", {}, "shopper"))).toBe("The shopper cancelled the order.");
    expect(describeEvent(event("order_shipped", { from: "paid" }))).toBe("Marked shipped.");
  });

  it("says a returned extra payment apart from the order's own refunds", () => {
    const detail = { ...refundLine, refundTxnId: "2100000002", extraPayment: true };
    expect(describeEvent(event("refund_completed", detail))).toBe(
      "Refund of ₹50.00 completed (gateway reference 2100000002), returning an extra payment.",
    );
  });

  it("has no sentence for an unknown type or a detail missing what its sentence needs", () => {
    expect(describeEvent(event("something_new", {}))).toBeUndefined();
    expect(describeEvent(event("refund_sent", { prodRefundId: "R1" }))).toBeUndefined();
    expect(describeEvent(event("stock_reserved", { items: "Tea × 1" }))).toBeUndefined();
  });
});
