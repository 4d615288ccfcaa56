import { describe, expect, it } from "vitest";
import { AtomSignatureError, AtomTransactionNotFoundError, AtomValidationError } from "./errors";
import { Secret } from "./secret";
import { signHex, statusSignatureMessage } from "./signature";
import { buildStatusRequest, readStatusResponse } from "./status-payload";
import { buildPaymentInstrument, buildStatusAnswer, withSignature } from "./gateway-side";
import { samplePayment, testAtomConfig } from "./testing/samples";

const config = testAtomConfig();
const check = { merchId: config.merchId, responseHashKey: config.responseHashKey };

describe("buildStatusRequest", () => {
  it("signs merchId + merchTxnId + amount + currency with the request hash key", () => {
    const payload = buildStatusRequest(config, {
      merchTxnId: "ORDER-42-A1",
      merchTxnDate: new Date("2025-01-14T20:00:00Z"), // already 15 January in India
      amountPaise: 500,
    });
    expect(payload).toEqual({
      payInstrument: {
        headDetails: { api: "TXNVERIFICATION", source: "OTS" },
        merchDetails: { merchId: 317157, password: "Test@123", merchTxnId: "ORDER-42-A1", merchTxnDate: "2025-01-15" },
        payDetails: {
          amount: 5,
          txnCurrency: "INR",
          signature: signHex(new Secret("KEY123657234"), "317157ORDER-42-A15INR"),
        },
      },
    });
    expect(
      statusSignatureMessage({ merchId: "317157", merchTxnId: "ORDER-42-A1", amountPaise: 500, currency: "INR" }),
    ).toBe("317157ORDER-42-A15INR");
  });
});

describe("readStatusResponse", () => {
  it("verifies the payment and reads reconStatus", () => {
    const status = readStatusResponse(
      buildStatusAnswer(config, samplePayment(), { reconStatus: "RNS", form: "object" }),
      check,
    );
    expect(status).toMatchObject({
      outcome: "success",
      reconStatus: "RNS",
      signatureChecked: true,
      totalAmountPaise: 33_667,
    });
  });

  it("reads the array form, preferring a successful entry", () => {
    const failedEntry = buildPaymentInstrument(config, samplePayment({ statusCode: "OTS0600" }));
    const payload = buildStatusAnswer(config, samplePayment(), { reconStatus: "RS" });
    const entries = [failedEntry, ...(payload.payInstrument as unknown[])];
    const status = readStatusResponse({ payInstrument: entries }, check);
    expect(status.statusCode).toBe("OTS0000");
  });

  it("accepts an unsigned entry but says it was not checked", () => {
    const status = readStatusResponse(
      { payInstrument: withSignature(buildPaymentInstrument(config, samplePayment()), undefined) },
      check,
    );
    expect(status.signatureChecked).toBe(false);
    expect(status.reconStatus).toBeNull();
  });

  it("rejects a wrong signature", () => {
    const payload = buildStatusAnswer(config, samplePayment({ statusCode: "OTS0551" }), {
      reconStatus: "RS",
      form: "object",
    });
    (payload.payInstrument as { responseDetails: { statusCode: string } }).responseDetails.statusCode = "OTS0000";
    expect(() => readStatusResponse(payload, check)).toThrow(AtomSignatureError);
  });

  it("turns an answer without payment details into the error its code means", () => {
    const noData = {
      payInstrument: [{ responseDetails: { statusCode: "OTS0401", message: "NODATA", description: "No data found" } }],
    };
    expect(() => readStatusResponse(noData, check)).toThrow(AtomTransactionNotFoundError);
    const badSignature = { payInstrument: { responseDetails: { statusCode: "OTS0506", message: "FAILED" } } };
    expect(() => readStatusResponse(badSignature, check)).toThrow(AtomSignatureError);
    expect(() => readStatusResponse({ nothing: true }, check)).toThrow(AtomValidationError);
  });
});
