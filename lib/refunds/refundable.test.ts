import { describe, expect, it } from "vitest";
import type { OrderStatus } from "@/db/schema";
import { RefundRuleError } from "./errors";
import {
  orderRefundability,
  sameUnits,
  unitsLeftPerLine,
  valueRefundItems,
  type AttemptRefundTotals,
  type RefundableAttempt,
} from "./refundable";

const paying: RefundableAttempt = {
  id: "a1",
  merchTxnId: "M1",
  atomTxnId: "T1",
  status: "completed",
  amount: 10_000,
  surchargeAmount: 236,
};
const extra: RefundableAttempt = {
  id: "a2",
  merchTxnId: "M2",
  atomTxnId: "T2",
  status: "completed",
  amount: 10_000,
  surchargeAmount: null,
};
const failed: RefundableAttempt = {
  id: "a3",
  merchTxnId: "M3",
  atomTxnId: null,
  status: "payment_failed",
  amount: 10_000,
  surchargeAmount: null,
};

function order(status: OrderStatus, atomTxnId: string | null = "T1", refundedAmount = 0) {
  return { status, atomTxnId, totalAmount: 10_000, surchargeAmount: 236, refundedAmount };
}

function totals(
  byAttempt: Record<string, Partial<AttemptRefundTotals>> = {},
): (attemptId: string | undefined) => AttemptRefundTotals {
  return (attemptId) => ({
    completedPaise: 0,
    inFlightPaise: 0,
    ...(attemptId === undefined ? {} : byAttempt[attemptId]),
  });
}

describe("orderRefundability", () => {
  it("leaves a paid order's own payment open for what is not refunded or in progress", () => {
    const { own, extraPayments } = orderRefundability(
      order("shipped", "T1", 2_000),
      [paying],
      totals({ a1: { inFlightPaise: 3_000 } }),
    );
    expect(own).toEqual({
      paidPaise: 10_000,
      surchargePaise: 236,
      refundedPaise: 2_000,
      inFlightPaise: 3_000,
      refundablePaise: 5_000,
      attempt: { ...paying, atomTxnId: "T1" },
    });
    expect(extraPayments).toEqual([]);
  });

  it("closes the order's own payment with the page's words and the refusal a request gets", () => {
    expect(orderRefundability(order("refunded", "T1", 10_000), [paying], totals()).own.closed).toEqual({
      code: "order_not_refundable",
      message: "Everything paid for the goods has been refunded.",
      refusal: "A refunded order cannot be refunded; only paid, shipped or delivered ones can.",
    });
    expect(orderRefundability(order("pending", null), [failed], totals()).own.closed).toEqual({
      code: "order_not_refundable",
      message: "This order has no gateway transaction to refund.",
      refusal: "A pending order cannot be refunded; only paid, shipped or delivered ones can.",
    });
    expect(orderRefundability(order("paid", null), [], totals()).own.closed).toEqual({
      code: "no_gateway_transaction",
      message: "This order has no gateway transaction to refund.",
      refusal: "This order has no gateway transaction (atomTxnId) to refund against.",
    });
    expect(orderRefundability(order("cancelled"), [paying], totals()).own.closed).toEqual({
      code: "order_not_refundable",
      message: "A cancelled order cannot be refunded.",
      refusal: "A cancelled order cannot be refunded; only paid, shipped or delivered ones can.",
    });
    expect(orderRefundability(order("paid"), [paying], totals({ a1: { inFlightPaise: 10_000 } })).own.closed).toEqual({
      code: "amount_exceeds_refundable",
      message: "Nothing is left to refund (refunds in progress count too).",
    });
  });

  it("points to the extra payments' forms when the order's own is closed", () => {
    const { own } = orderRefundability(order("refunded", "T1", 10_000), [paying, extra], totals());
    expect(own.closed?.message).toBe(
      "Everything paid for the goods has been refunded. Extra payments are refunded under Payment attempts.",
    );
  });

  it("keeps an extra payment refundable whatever the order's status, until it is all given back", () => {
    const open = orderRefundability(
      order("cancelled"),
      [paying, extra, failed],
      totals({ a2: { completedPaise: 4_000 } }),
    );
    expect(open.extraPayments).toEqual([
      {
        attemptId: "a2",
        merchTxnId: "M2",
        atomTxnId: "T2",
        paidPaise: 10_000,
        surchargePaise: 0,
        refundedPaise: 4_000,
        inFlightPaise: 0,
        refundablePaise: 6_000,
      },
    ]);
    const [inFlight] = orderRefundability(
      order("paid"),
      [paying, extra],
      totals({ a2: { inFlightPaise: 10_000 } }),
    ).extraPayments;
    expect(inFlight?.closed).toEqual({
      code: "amount_exceeds_refundable",
      message: "Nothing is left to refund (refunds in progress count too).",
    });
    const [done] = orderRefundability(
      order("paid"),
      [paying, extra],
      totals({ a2: { completedPaise: 10_000 } }),
    ).extraPayments;
    expect(done?.closed).toEqual({
      code: "amount_exceeds_refundable",
      message: "Everything from this payment has been refunded.",
    });
  });

  it("says why another attempt is no extra payment", () => {
    const { others } = orderRefundability(order("paid"), [paying, failed, { ...extra, atomTxnId: null }], totals());
    expect(others.get("a3")).toEqual({
      closed: {
        code: "attempt_not_refundable",
        message: "This payment is payment failed: only a completed payment can be refunded.",
        refusal: "This payment is payment failed: only a completed payment can be refunded.",
      },
    });
    expect(others.get("a2")).toMatchObject({ closed: { code: "no_gateway_transaction" } });
    expect(others.has("a1")).toBe(false);
  });
});

const lines = unitsLeftPerLine(
  [
    { id: "tea", name: "Assam Tea", unitPrice: 15_000, quantity: 3 },
    { id: "honey", name: "Wild Honey", unitPrice: 8_800, quantity: 1 },
  ],
  new Map([
    ["tea", 1],
    ["honey", 1],
  ]),
);

describe("unitsLeftPerLine", () => {
  it("is each line's quantity less its units in refunds that have not failed", () => {
    expect(lines).toEqual([
      { orderItemId: "tea", name: "Assam Tea", unitPricePaise: 15_000, quantity: 3, unitsLeft: 2 },
      { orderItemId: "honey", name: "Wild Honey", unitPricePaise: 8_800, quantity: 1, unitsLeft: 0 },
    ]);
  });

  it("counts a line without refunds in full and never goes below 0", () => {
    const [line] = unitsLeftPerLine([{ id: "x", name: "X", unitPrice: 100, quantity: 2 }], new Map([["x", 5]]));
    expect(line?.unitsLeft).toBe(0);
    expect(unitsLeftPerLine([{ id: "x", name: "X", unitPrice: 100, quantity: 2 }], new Map())[0]?.unitsLeft).toBe(2);
  });
});

describe("valueRefundItems", () => {
  it("values each line at unit price × units, exactly, and sums them", () => {
    expect(valueRefundItems(lines, [{ orderItemId: "tea", quantity: 2 }])).toEqual({
      items: [{ orderItemId: "tea", name: "Assam Tea", quantity: 2, amountPaise: 30_000 }],
      amountPaise: 30_000,
    });
    const odd = unitsLeftPerLine([{ id: "o", name: "Odd", unitPrice: 3_333, quantity: 7 }], new Map());
    expect(valueRefundItems(odd, [{ orderItemId: "o", quantity: 7 }]).amountPaise).toBe(23_331);
  });

  it("refuses a line that is not the order's", () => {
    const refuse = () => valueRefundItems(lines, [{ orderItemId: "elsewhere", quantity: 1 }]);
    expect(refuse).toThrow(RefundRuleError);
    expect(refuse).toThrow(expect.objectContaining({ code: "item_not_found", orderItemId: "elsewhere" }));
  });

  it("refuses more units than are left of a line, naming what is left", () => {
    expect(() => valueRefundItems(lines, [{ orderItemId: "tea", quantity: 3 }])).toThrow(
      expect.objectContaining({
        code: "units_exceed_refundable",
        orderItemId: "tea",
        message: "Assam Tea: at most 2 units can still be refunded (refunds in progress count too).",
      }),
    );
    expect(() => valueRefundItems(lines, [{ orderItemId: "honey", quantity: 1 }])).toThrow(
      "Wild Honey: every unit is already refunded or being refunded (refunds in progress count too).",
    );
  });
});

describe("sameUnits", () => {
  it("compares lines and quantities in any order", () => {
    const a = [
      { orderItemId: "tea", quantity: 1 },
      { orderItemId: "honey", quantity: 1 },
    ];
    expect(sameUnits(a, [...a].reverse())).toBe(true);
    expect(sameUnits(a, [{ orderItemId: "tea", quantity: 1 }])).toBe(false);
    expect(sameUnits([{ orderItemId: "tea", quantity: 2 }], [{ orderItemId: "tea", quantity: 1 }])).toBe(false);
  });
});
