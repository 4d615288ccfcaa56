import { describe, expect, it } from "vitest";
import {
  AtomConfigurationError,
  AtomGatewayError,
  AtomSignatureError,
  AtomTimeoutError,
  AtomSystemError,
  AtomValidationError,
  AtomWrongKeyError,
  type RefundResult,
} from "@/lib/atom";
import { outcomeOfRefundAnswer, outcomeOfRefundError, outcomeOfRefundStatus } from "./gateway-outcome";

const ours = { prodRefundId: "RF0001", refundAmount: 25_050 };

const answer = (
  overrides: Partial<RefundResult> = {},
  line: Partial<RefundResult["lines"][number]> = {},
): RefundResult => ({
  accepted: true,
  atomTxnId: "11000000460337",
  totalRefundAmountPaise: 25_050,
  statusCode: "OTS0000",
  message: "SUCCESS",
  description: "REFUND INITIATED",
  lines: [
    {
      prodName: "NSE",
      refundTxnId: "2000000101",
      prodRefundId: "RF0001",
      statusCode: "OTS0000",
      description: "FULL REFUND INITIATED",
      amountPaise: 25_050,
      ...line,
    },
  ],
  ...overrides,
});

describe("outcomeOfRefundAnswer", () => {
  it("completes with the line's refundTxnId", () => {
    expect(outcomeOfRefundAnswer(answer(), ours)).toMatchObject({
      kind: "completed",
      refundTxnId: "2000000101",
      statusCode: "OTS0000",
    });
  });

  it("fails when the gateway refuses, with its words", () => {
    const outcome = outcomeOfRefundAnswer(
      answer({ accepted: false, statusCode: "OTS0612", message: "FAILED", description: "AMOUNT TOO HIGH" }),
      ours,
    );
    expect(outcome).toEqual({ kind: "failed", statusCode: "OTS0612", message: "OTS0612 FAILED AMOUNT TOO HIGH" });
  });

  it("fails when our line is refused inside an accepted answer", () => {
    expect(outcomeOfRefundAnswer(answer({}, { statusCode: "OTS0613", description: "DUPLICATE" }), ours)).toMatchObject({
      kind: "failed",
      statusCode: "OTS0613",
    });
  });

  it("cannot tell without our line, a refundTxnId, or with another amount", () => {
    expect(outcomeOfRefundAnswer(answer({}, { prodRefundId: "SOMEONE-ELSE" }), ours).kind).toBe("unknown");
    expect(outcomeOfRefundAnswer(answer({}, { refundTxnId: null }), ours).kind).toBe("unknown");
    expect(outcomeOfRefundAnswer(answer({}, { amountPaise: 25_000 }), ours).kind).toBe("unknown");
    expect(outcomeOfRefundAnswer(answer({ lines: [] }), ours).kind).toBe("unknown");
  });

  it("accepts a lone line that names no prodRefundId", () => {
    expect(outcomeOfRefundAnswer(answer({}, { prodRefundId: "" }), ours).kind).toBe("completed");
  });
});

describe("outcomeOfRefundError", () => {
  it("cannot tell after a timeout, a network error, a 5xx or an answer it could not read", () => {
    expect(outcomeOfRefundError(new AtomTimeoutError("t", { api: "REFUND" })).kind).toBe("unknown");
    expect(outcomeOfRefundError(new AtomSystemError("n", "network", { api: "REFUND" })).kind).toBe("unknown");
    expect(outcomeOfRefundError(new AtomSystemError("refused", "unreachable", { api: "REFUND" })).kind).toBe("failed");
    expect(outcomeOfRefundError(new AtomSystemError("u", "unavailable", { api: "REFUND", httpStatus: 503 })).kind).toBe(
      "unknown",
    );
    expect(outcomeOfRefundError(new AtomWrongKeyError("k", { api: "REFUND" })).kind).toBe("unknown");
    expect(
      outcomeOfRefundError(new AtomValidationError("Refund response does not match", [], { api: "REFUND" })).kind,
    ).toBe("unknown");
    expect(outcomeOfRefundError(new AtomGatewayError("no encData", { api: "REFUND" })).kind).toBe("unknown");
    expect(outcomeOfRefundError(new Error("bug")).kind).toBe("unknown");
  });

  it("fails when the gateway refused or nothing was sent", () => {
    expect(
      outcomeOfRefundError(new AtomConfigurationError("c", { api: "REFUND", gatewayCode: "OTS0451" })),
    ).toMatchObject({
      kind: "failed",
      statusCode: "OTS0451",
    });
    expect(outcomeOfRefundError(new AtomSignatureError("s", { api: "REFUND", gatewayCode: "OTS0506" })).kind).toBe(
      "failed",
    );
    expect(outcomeOfRefundError(new AtomValidationError("Refund request does not match")).kind).toBe("failed");
    expect(outcomeOfRefundError(new AtomValidationError("400", [], { api: "REFUND", httpStatus: 400 })).kind).toBe(
      "failed",
    );
    expect(outcomeOfRefundError(new AtomGatewayError("g", { api: "REFUND", gatewayCode: "OTS0699" })).kind).toBe(
      "failed",
    );
  });
});

describe("outcomeOfRefundStatus", () => {
  const listing = (refunds: Array<{ prodRefundId: string; refundTxnId: string | null; amountPaise: number }>) => ({
    statusCode: null,
    products: [
      {
        prodName: "NSE",
        refunds: refunds.map((refund) => ({
          ...refund,
          remarks: "Refund processed",
          initiatedAt: "2025-01-16 11:00:00",
        })),
      },
    ],
  });

  it("completes a refund the gateway lists", () => {
    expect(
      outcomeOfRefundStatus(
        listing([{ prodRefundId: "RF0001", refundTxnId: "2000000150", amountPaise: 25_050 }]),
        ours,
      ),
    ).toMatchObject({
      kind: "completed",
      refundTxnId: "2000000150",
    });
  });

  it("settles nothing while the gateway does not list it", () => {
    expect(
      outcomeOfRefundStatus(listing([{ prodRefundId: "OTHER", refundTxnId: "1", amountPaise: 25_050 }]), ours),
    ).toBeNull();
  });

  it("reads a line listed without its refundTxnId as known but unsettled (never as not listed)", () => {
    expect(
      outcomeOfRefundStatus(listing([{ prodRefundId: "RF0001", refundTxnId: null, amountPaise: 25_050 }]), ours),
    ).toMatchObject({ kind: "unknown" });
  });
});
