import { describe, expect, it } from "vitest";
import type { Order, PaymentAttempt } from "@/db/schema";
import { shopperPaymentState } from "./order-view";

const order = (status: Order["status"]) => ({ status }) as Order;
const attempt = (
  status: PaymentAttempt["status"],
  lastCheckResult: PaymentAttempt["lastCheckResult"] = null,
  statusCode: string | null = null,
) => ({ status, lastCheckResult, statusCode }) as PaymentAttempt;

describe("shopperPaymentState", () => {
  it("reads the latest attempt of a pending order", () => {
    expect(shopperPaymentState({ order: order("pending"), attempts: [] })).toBe("not_started");
    expect(shopperPaymentState({ order: order("pending"), attempts: [attempt("token_generated")] })).toBe("awaiting");
    expect(
      shopperPaymentState({ order: order("pending"), attempts: [attempt("user_payment"), attempt("payment_failed")] }),
    ).toBe("awaiting");
    expect(
      shopperPaymentState({ order: order("pending"), attempts: [attempt("payment_failed"), attempt("user_payment")] }),
    ).toBe("failed");
  });

  it("offers to pay again once the gateway, asked, has no payment for a token", () => {
    const pending = order("pending");
    expect(shopperPaymentState({ order: pending, attempts: [attempt("token_generated", "no_data")] })).toBe(
      "no_payment",
    );
    for (const result of ["pending", "unavailable", "mismatch", null] as const)
      expect(shopperPaymentState({ order: pending, attempts: [attempt("token_generated", result)] })).toBe("awaiting");
    // Pending at the bank is never "no payment", whatever an earlier check said.
    expect(shopperPaymentState({ order: pending, attempts: [attempt("user_payment", "no_data")] })).toBe("awaiting");
    // A newer attempt is what counts.
    expect(
      shopperPaymentState({
        order: pending,
        attempts: [attempt("token_generated"), attempt("token_generated", "no_data")],
      }),
    ).toBe("awaiting");
    expect(shopperPaymentState({ order: order("paid"), attempts: [attempt("token_generated", "no_data")] })).toBe(
      "paid",
    );
  });

  it("tells a payment the shopper cancelled at the gateway from a declined one", () => {
    const pending = order("pending");
    expect(shopperPaymentState({ order: pending, attempts: [attempt("payment_failed", null, "OTS0101")] })).toBe(
      "payment_cancelled",
    );
    expect(shopperPaymentState({ order: pending, attempts: [attempt("payment_failed", null, "OTS0600")] })).toBe(
      "failed",
    );
    expect(shopperPaymentState({ order: pending, attempts: [attempt("payment_failed")] })).toBe("failed");
    // Only the latest attempt counts: a cancel followed by a decline is a decline.
    expect(
      shopperPaymentState({
        order: pending,
        attempts: [attempt("payment_failed", null, "OTS0600"), attempt("payment_failed", null, "OTS0101")],
      }),
    ).toBe("failed");
  });

  it("trusts the order once it is settled", () => {
    expect(shopperPaymentState({ order: order("paid"), attempts: [attempt("payment_failed")] })).toBe("paid");
    expect(shopperPaymentState({ order: order("shipped"), attempts: [attempt("payment_failed")] })).toBe("shipped");
    expect(shopperPaymentState({ order: order("delivered"), attempts: [] })).toBe("delivered");
    expect(shopperPaymentState({ order: order("cancelled"), attempts: [] })).toBe("cancelled");
    expect(shopperPaymentState({ order: order("refunded"), attempts: [] })).toBe("refunded");
  });
});
