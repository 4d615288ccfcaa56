import { describe, expect, it } from "vitest";
import { AtomValidationError } from "./errors";
import { buildRefundStatusRequest, refundStatusResponseSchema, toRefundStatusResult } from "./refund-status-payload";
import { buildRefundStatusAnswer } from "./gateway-side";
import { testAtomConfig } from "./testing/samples";

const config = testAtomConfig();

describe("refund status payloads", () => {
  it("sends the password base64-encoded and the configured product by default", () => {
    expect(buildRefundStatusRequest(config, { atomTxnId: "11000000460337" })).toEqual({
      payInstrument: {
        headDetails: { api: "REFUNDSTATUS", source: "OTS_ARS" },
        merchDetails: { merchId: 317157, password: "VGVzdEAxMjM=" },
        payDetails: { atomTxnId: 11000000460337, prodDetails: [{ prodName: "NSE" }] },
      },
    });
    expect(() => buildRefundStatusRequest(config, { atomTxnId: "x" })).toThrow(AtomValidationError);
  });

  it("reads the answer at the top level or inside payInstrument", () => {
    const top = buildRefundStatusAnswer([
      {
        prodName: "NSE",
        refunds: [
          {
            refundTxnId: "77",
            prodRefundId: "R-1",
            amountPaise: 500,
            remarks: "Refund processed",
            initiatedAt: "2025-01-16 11:00:00",
          },
        ],
      },
    ]);
    const expected = {
      statusCode: null,
      products: [
        {
          prodName: "NSE",
          refunds: [
            {
              refundTxnId: "77",
              prodRefundId: "R-1",
              amountPaise: 500,
              remarks: "Refund processed",
              initiatedAt: "2025-01-16 11:00:00",
            },
          ],
        },
      ],
    };
    expect(toRefundStatusResult(refundStatusResponseSchema.parse(top))).toEqual(expected);
    const wrapped = { payInstrument: { ...top, responseDetails: { statusCode: "OTS0000" } } };
    expect(toRefundStatusResult(refundStatusResponseSchema.parse(wrapped))).toEqual({
      ...expected,
      statusCode: "OTS0000",
    });
  });
});
