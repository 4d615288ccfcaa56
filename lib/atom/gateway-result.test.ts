import { describe, expect, it } from "vitest";
import { AtomError, AtomSignatureError, AtomValidationError, AtomWrongKeyError } from "./errors";
import { verifyGatewayResult } from "./gateway-result";
import { verifyCallbackPayload } from "./payment-payload";
import { buildPaymentResult, encryptForMerchant, withSignature, type GatewayKeys } from "./gateway-side";
import { SAMPLE_PAYMENT, samplePayment, testAtomConfig, type SamplePaymentOptions } from "./testing/samples";

const config = testAtomConfig();

/** A sample payment result as the gateway signs it, and its encData. */
async function callback(options: SamplePaymentOptions = {}, gateway: GatewayKeys = config) {
  const payload = buildPaymentResult(gateway, samplePayment(options));
  return { payload, encData: await encryptForMerchant(gateway, payload) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("verifyGatewayResult", () => {
  it("decrypts, verifies and reshapes a successful callback", async () => {
    const { payload, encData } = await callback({ amountPaise: 33_600, surchargePaise: 67 });
    const payment = await verifyGatewayResult(config, encData);
    expect(payment).toEqual({
      merchId: "317157",
      merchTxnId: SAMPLE_PAYMENT.merchTxnId,
      merchTxnDate: SAMPLE_PAYMENT.merchTxnDate,
      atomTxnId: "11000000460337",
      amountPaise: 33_600,
      surchargePaise: 67,
      totalAmountPaise: 33_667,
      currency: "INR",
      statusCode: "OTS0000",
      message: "SUCCESS",
      description: "TRANSACTION IS SUCCESSFUL",
      subChannel: "DC",
      bankTxnId: SAMPLE_PAYMENT.bankTxnId,
      bankName: SAMPLE_PAYMENT.bankDetails.otsBankName,
      outcome: "success",
      payload,
    });
  });

  it("accepts lowercase encData and reports pending and failed payments as outcomes", async () => {
    const pending = await callback({ statusCode: "OTS0551", message: "PENDING" });
    expect((await verifyGatewayResult(config, pending.encData.toLowerCase())).outcome).toBe("pending");
    const failed = await callback({ statusCode: "OTS0600", subChannel: "", bankTxnId: "" });
    const payment = await verifyGatewayResult(config, failed.encData);
    expect(payment.outcome).toBe("failed");
    expect(payment.subChannel).toBeNull();
  });

  it("reads blank unsigned fields as absent, so a genuinely signed result is not lost", async () => {
    const { payload } = await callback({ amountPaise: 500 });
    Object.assign(payload.payInstrument.payDetails, { surchargeAmount: "", txnCurrency: " " });
    const payment = await verifyGatewayResult(config, await encryptForMerchant(config, payload));
    expect(payment).toMatchObject({
      amountPaise: 500,
      surchargePaise: 0,
      totalAmountPaise: 500,
      currency: "INR",
      outcome: "success",
    });
  });

  it("keeps whole amounts exact ('5.00' is what gets verified)", async () => {
    const { encData } = await callback({ amountPaise: 500 });
    expect((await verifyGatewayResult(config, encData)).totalAmountPaise).toBe(500);
  });

  // Each of these fields is part of the signed string; changing one after signing must fail.
  it.each([
    ["merchTxnId", (p: Callback) => void (p.payInstrument.merchDetails.merchTxnId = "TEST-TXN-0002")],
    ["atomTxnId", (p: Callback) => void (p.payInstrument.payDetails.atomTxnId += 1)],
    ["totalAmount", (p: Callback) => void (p.payInstrument.payDetails.totalAmount = 336.68)],
    ["statusCode", (p: Callback) => void (p.payInstrument.responseDetails.statusCode = "OTS0002")],
    ["subChannel", (p: Callback) => void (p.payInstrument.payModeSpecificData.subChannel = ["CC"])],
    ["bankTxnId", (p: Callback) => void (p.payInstrument.payModeSpecificData.bankDetails.bankTxnId = "SBI1234567891")],
    [
      "signature",
      (p: Callback) =>
        void (p.payInstrument.payDetails.signature = flipLastDigit(p.payInstrument.payDetails.signature)),
    ],
  ])("rejects the callback when %s changes after signing", async (_field, tamper) => {
    const { payload } = await callback(); // the sample payload is signed
    tamper(payload);
    const error = await rejection(verifyGatewayResult(config, await encryptForMerchant(config, payload)));
    expect(error).toBeInstanceOf(AtomSignatureError);
    expect((error as AtomSignatureError).message).toMatch(/ATOM_RES_HASH_KEY/);
    // Which payment the unverified message names, for the log.
    expect((error as AtomSignatureError).claimedMerchTxnId).toBe(payload.payInstrument.merchDetails.merchTxnId);
  });

  it("rejects a payload for another merchant as invalid", async () => {
    const { payload } = await callback();
    payload.payInstrument.merchDetails.merchId = 317158;
    const error = await rejection(verifyGatewayResult(config, await encryptForMerchant(config, payload)));
    expect(error).toBeInstanceOf(AtomValidationError);
  });

  it("rejects a payload without a signature", async () => {
    const { payload } = await callback();
    const encData = await encryptForMerchant(config, {
      payInstrument: withSignature(payload.payInstrument, undefined),
    });
    const error = await rejection(verifyGatewayResult(config, encData));
    expect(error).toBeInstanceOf(AtomSignatureError);
    expect((error as AtomSignatureError).claimedMerchTxnId).toBe("TEST-TXN-0001");
  });

  it("rejects a payload signed with another hash key", async () => {
    const other = testAtomConfig({ ATOM_RES_HASH_KEY: "SOMEONE-ELSES-KEY" });
    const { encData } = await callback({}, other);
    expect(await rejection(verifyGatewayResult(config, encData))).toBeInstanceOf(AtomSignatureError);
  });

  it("rejects a payload encrypted with another key", async () => {
    const other = testAtomConfig({ ATOM_RES_DEC_KEY: "0123456789ABCDEF0123456789ABCDEF" });
    const { encData } = await callback({}, other);
    const error = await rejection(verifyGatewayResult(config, encData));
    expect(error).toBeInstanceOf(AtomWrongKeyError);
    // Nothing could be read of it.
    expect((error as AtomWrongKeyError).claimedMerchTxnId).toBeUndefined();
  });

  it("rejects a payload of the wrong shape with the fields named", async () => {
    const error = await rejection(
      verifyGatewayResult(config, await encryptForMerchant(config, { payInstrument: { merchDetails: {} } })),
    );
    expect(error).toBeInstanceOf(AtomValidationError);
    expect((error as AtomValidationError).issues.join("\n")).toMatch(/merchDetails\.merchId/);
  });

  it("rejects the callback when any single ciphertext byte changes", async () => {
    const { encData } = await callback();
    const bytes = encData.length / 2;
    const accepted: number[] = [];
    for (let index = 0; index < bytes; index += 1) {
      const byte = Number.parseInt(encData.slice(index * 2, index * 2 + 2), 16) ^ 0x01;
      const altered = `${encData.slice(0, index * 2)}${byte.toString(16).padStart(2, "0").toUpperCase()}${encData.slice(index * 2 + 2)}`;
      const error = await rejection(verifyGatewayResult(config, altered)).catch(() => null);
      if (!(error instanceof AtomError) || !["signature", "validation"].includes(error.kind)) accepted.push(index);
    }
    expect(accepted).toEqual([]);
  });

  it("verifies a decrypted payload directly (for callers that decrypted it themselves)", () => {
    const payment = verifyCallbackPayload(buildPaymentResult(config, samplePayment()), {
      merchId: config.merchId,
      responseHashKey: config.responseHashKey,
    });
    expect(payment.outcome).toBe("success");
  });
});

type Callback = ReturnType<typeof buildPaymentResult>;

function flipLastDigit(hex: string): string {
  return `${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}`;
}
