import { describe, expect, it } from "vitest";
import type { RefundableSummary } from "@/lib/refunds/refundable";
import { describeOrderMoney } from "./describe-money";

const refundable: RefundableSummary = {
  paidPaise: 18_999,
  surchargePaise: 0,
  refundedPaise: 0,
  inFlightPaise: 0,
  refundablePaise: 18_999,
};

describe("describeOrderMoney", () => {
  it("shows a pending order as awaiting payment: nothing paid, nothing refundable", () => {
    expect(describeOrderMoney({ status: "pending", totalAmount: 18_999 }, refundable)).toEqual({
      state: "awaiting_payment",
      duePaise: 18_999,
    });
  });

  it("shows nothing paid for a cancelled order", () => {
    expect(describeOrderMoney({ status: "cancelled", totalAmount: 18_999 }, refundable)).toEqual({ state: "not_paid" });
  });

  it.each(["paid", "shipped", "delivered"] as const)(
    "shows a %s order's paid, refunded and refundable amounts",
    (status) => {
      expect(describeOrderMoney({ status, totalAmount: 18_999 }, refundable)).toEqual({
        state: "paid",
        amounts: refundable,
      });
    },
  );

  it("shows a refunded order as refunded in full", () => {
    const amounts = { ...refundable, refundedPaise: 18_999, refundablePaise: 0 };
    expect(describeOrderMoney({ status: "refunded", totalAmount: 18_999 }, amounts)).toEqual({
      state: "refunded",
      amounts,
    });
  });
});
