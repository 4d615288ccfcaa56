import { describe, expect, it } from "vitest";
import { PAYMENT_CHECK_RESULTS } from "@/db/schema";
import { describePaymentCheck, type CheckedPayment } from "./check-payment";

const waiting: CheckedPayment = {
  attemptStatus: "token_generated",
  orderStatus: "pending",
  paidTheOrder: false,
  abandonAfterMinutes: 15,
};
const paid: CheckedPayment = { ...waiting, attemptStatus: "completed", orderStatus: "paid", paidTheOrder: true };

describe("describePaymentCheck", () => {
  it("says what the gateway reported and what the shop now holds", () => {
    expect(describePaymentCheck("success", paid)).toBe("The gateway reports it paid; the order is paid.");
    expect(describePaymentCheck("success", { ...paid, orderStatus: "shipped" })).toBe(
      "The gateway reports it paid; the order is shipped.",
    );
    expect(describePaymentCheck("success", { ...paid, paidTheOrder: false })).toMatch(/extra payment to refund/);
    expect(describePaymentCheck("failed", { ...waiting, attemptStatus: "payment_failed" })).toBe(
      "The gateway reports the payment failed; no money was taken.",
    );
    expect(describePaymentCheck("pending", { ...waiting, attemptStatus: "user_payment" })).toMatch(
      /pending at the bank/,
    );
    expect(describePaymentCheck("unavailable", waiting)).toBe(
      "The gateway could not be asked just now. Try again in a few minutes.",
    );
    expect(describePaymentCheck("mismatch", waiting)).toMatch(/not applied, and the order is flagged/);
  });

  it("tells an attempt the gateway has no payment for apart from one it closed, and from a paid one", () => {
    expect(describePaymentCheck("no_data", waiting)).toBe(
      "The gateway has no payment for it (yet): the shopper has not paid. Left so, it is closed as abandoned 15 minutes after it started.",
    );
    expect(describePaymentCheck("no_data", { ...waiting, attemptStatus: "payment_failed" })).toMatch(
      /the attempt is closed, and the order can be paid again/,
    );
    expect(describePaymentCheck("no_data", paid)).toMatch(/recorded it as paid: ask the gateway's support/);
  });

  it("never says a payment that had succeeded was undone", () => {
    for (const result of ["failed", "pending"] as const)
      expect(describePaymentCheck(result, paid)).toMatch(/had succeeded/);
  });

  it("has words for every result", () => {
    for (const result of PAYMENT_CHECK_RESULTS) expect(describePaymentCheck(result, waiting)).not.toBe("");
  });
});
