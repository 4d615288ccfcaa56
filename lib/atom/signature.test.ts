import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UAT_CREDENTIALS } from "./config";
import { Secret } from "./secret";
import {
  callbackSignatureMessage,
  refundSignatureMessage,
  signHex,
  statusSignatureMessage,
  verifyHex,
} from "./signature";

const requestHashKey = new Secret(UAT_CREDENTIALS.requestHashKey);
const responseHashKey = new Secret(UAT_CREDENTIALS.responseHashKey);

// Protocol page §5, the gateway's published refund signature vector.
const PUBLISHED_REFUND_SIGNATURE =
  "a4df464724d1154cf2d33baf9b08cb6740637040e46d29034de472445b0df68af31de3c7089c0355bf0b5c887d568cd87b43a7b875ded9de8c9c946d4e57d40d";

describe("signatures", () => {
  it("reproduce the published refund vector (amount 5 written as '5')", () => {
    const message = refundSignatureMessage({
      merchId: "317157",
      password: "Test@123",
      merchTxnId: "6545e02c9d835",
      totalRefundAmountPaise: 500,
      currency: "INR",
    });
    expect(message).toBe("317157Test@1236545e02c9d8355INRREFUNDINIT");
    expect(signHex(requestHashKey, message)).toBe(PUBLISHED_REFUND_SIGNATURE);
    expect(verifyHex(requestHashKey, message, PUBLISHED_REFUND_SIGNATURE)).toBe(true);
    expect(verifyHex(responseHashKey, message, PUBLISHED_REFUND_SIGNATURE)).toBe(false);
  });

  it("write outbound amounts as the JSON number and inbound ones with two decimals", () => {
    expect(statusSignatureMessage({ merchId: "317157", merchTxnId: "T1", amountPaise: 33_660, currency: "INR" })).toBe(
      "317157T1336.6INR",
    );
    expect(
      callbackSignatureMessage({
        merchId: "317157",
        atomTxnId: "11000000460337",
        merchTxnId: "T1",
        totalAmountPaise: 33_660,
        statusCode: "OTS0000",
        subChannel: "DC",
        bankTxnId: "B1",
      }),
    ).toBe("31715711000000460337T1336.60OTS0000DCB1");
  });

  it("accept the signature in either case and refuse garbage without throwing", () => {
    const message = "317157T15INR";
    const signature = signHex(requestHashKey, message);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifyHex(requestHashKey, message, signature.toUpperCase())).toBe(true);
    for (const bad of [
      "",
      "00",
      signature.slice(0, -2),
      `${signature}00`,
      `${signature.slice(0, -1)}g`,
      "x".repeat(128),
    ]) {
      expect(verifyHex(requestHashKey, message, bad)).toBe(false);
    }
    expect(verifyHex(requestHashKey, message, undefined as unknown as string)).toBe(false);
  });

  it("fail when any character of the message or signature changes (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.nat(), fc.nat(), (message, at, digitAt) => {
        const signature = signHex(responseHashKey, message);
        const index = at % message.length;
        const changed = `${message.slice(0, index)}${String.fromCharCode(message.charCodeAt(index) ^ 1)}${message.slice(index + 1)}`;
        expect(verifyHex(responseHashKey, changed, signature)).toBe(false);
        const position = digitAt % signature.length;
        const digit = signature[position] === "0" ? "1" : "0";
        const forged = `${signature.slice(0, position)}${digit}${signature.slice(position + 1)}`;
        expect(verifyHex(responseHashKey, message, forged)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
