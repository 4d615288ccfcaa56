import { describe, expect, it } from "vitest";
import { AtomValidationError } from "./errors";
import { buildRefundRequest, refundResponseSchema, toRefundResult } from "./refund-payload";
import { buildRefundAnswer } from "./gateway-side";
import { testAtomConfig } from "./testing/samples";

const config = testAtomConfig();

describe("buildRefundRequest", () => {
  it("reproduces the protocol page's sample request and its published signature", () => {
    const payload = buildRefundRequest(config, {
      merchTxnId: "6545e02c9d835",
      atomTxnId: "11000000460337",
      lines: [{ prodRefundId: "refund1", amountPaise: 500 }],
    });
    expect(payload).toEqual({
      payInstrument: {
        headDetails: { api: "REFUNDINIT", source: "OTS" },
        merchDetails: { merchId: 317157, password: "Test@123", merchTxnId: "6545e02c9d835" },
        payDetails: {
          atomTxnId: 11000000460337,
          signature:
            "a4df464724d1154cf2d33baf9b08cb6740637040e46d29034de472445b0df68af31de3c7089c0355bf0b5c887d568cd87b43a7b875ded9de8c9c946d4e57d40d",
          prodDetails: [{ prodName: "NSE", prodRefundId: "refund1", prodRefundAmount: 5 }],
          txnCurrency: "INR",
          totalRefundAmount: 5,
        },
      },
    });
  });

  it("sums several lines into totalRefundAmount", () => {
    const payload = buildRefundRequest(config, {
      merchTxnId: "ORDER-42-A1",
      atomTxnId: "11000000460337",
      lines: [
        { prodRefundId: "R-1", amountPaise: 10_010 },
        { prodRefundId: "R-2", amountPaise: 23_657, prodName: "BSE" },
      ],
    });
    expect(payload.payInstrument.payDetails.totalRefundAmount).toBe(336.67);
    expect(payload.payInstrument.payDetails.prodDetails.map((line) => line.prodRefundAmount)).toEqual([100.1, 236.57]);
  });

  it.each([
    ["no lines", { lines: [] }],
    ["a zero line", { lines: [{ prodRefundId: "R-1", amountPaise: 0 }] }],
    [
      "duplicate prodRefundIds",
      {
        lines: [
          { prodRefundId: "R-1", amountPaise: 1 },
          { prodRefundId: "R-1", amountPaise: 2 },
        ],
      },
    ],
    ["a non-numeric atomTxnId", { atomTxnId: "abc" }],
    ["a prodRefundId too long", { lines: [{ prodRefundId: "r".repeat(51), amountPaise: 1 }] }],
  ])("refuses %s", (_name, change) => {
    const input = {
      merchTxnId: "ORDER-42-A1",
      atomTxnId: "11000000460337",
      lines: [{ prodRefundId: "R-1", amountPaise: 1 }],
      ...change,
    };
    expect(() => buildRefundRequest(config, input)).toThrow(AtomValidationError);
  });
});

describe("toRefundResult", () => {
  it("reads lines with ids as strings and amounts in paise", () => {
    const response = refundResponseSchema.parse(
      buildRefundAnswer(
        { statusCode: "OTS0000", message: "SUCCESS", description: "REFUND INITIATED" },
        {
          atomTxnId: "11000000460337",
          lines: [
            {
              prodName: "NSE",
              refundTxnId: "2000000123",
              prodRefundId: "R-1",
              prodStatusCode: "OTS0000",
              prodDescription: "FULL REFUND INITIATED",
              amountPaise: 10_010,
            },
          ],
        },
      ),
    );
    expect(toRefundResult(response)).toEqual({
      accepted: true,
      atomTxnId: "11000000460337",
      totalRefundAmountPaise: 10_010,
      statusCode: "OTS0000",
      message: "SUCCESS",
      description: "REFUND INITIATED",
      lines: [
        {
          prodName: "NSE",
          refundTxnId: "2000000123",
          prodRefundId: "R-1",
          statusCode: "OTS0000",
          description: "FULL REFUND INITIATED",
          amountPaise: 10_010,
        },
      ],
    });
  });
});
