import { createHmac, timingSafeEqual } from "node:crypto";
import { paiseToSignatureAmount, paiseToTwoDecimals } from "./amount";
import type { Secret } from "./secret";

/**
 * Protocol page §5: HMAC-SHA512 over a plain concatenation, lowercase hex.
 * Each step is a small pure function: build the message, sign it, compare.
 */
export function signHex(hashKey: Secret, message: string): string {
  return createHmac("sha512", hashKey.reveal()).update(message, "utf8").digest("hex");
}

const SHA512_HEX = /^[0-9a-fA-F]{128}$/;

/** Constant-time check; garbage or a wrong length is simply "no". */
export function verifyHex(hashKey: Secret, message: string, signature: string): boolean {
  if (typeof signature !== "string" || !SHA512_HEX.test(signature)) return false;
  const expected = Buffer.from(signHex(hashKey, message), "hex");
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

/** Outbound amounts are written as the payload's JSON number ("5", not "5.00"). */
export function refundSignatureMessage(p: {
  merchId: string;
  password: string;
  merchTxnId: string;
  totalRefundAmountPaise: number;
  currency: string;
}): string {
  return `${p.merchId}${p.password}${p.merchTxnId}${paiseToSignatureAmount(p.totalRefundAmountPaise)}${p.currency}REFUNDINIT`;
}

export function statusSignatureMessage(p: {
  merchId: string;
  merchTxnId: string;
  amountPaise: number;
  currency: string;
}): string {
  return `${p.merchId}${p.merchTxnId}${paiseToSignatureAmount(p.amountPaise)}${p.currency}`;
}

/**
 * Inbound (callback, return URL, status response): totalAmount with exactly two
 * decimals, and only the first subChannel ("" when the gateway sent none).
 */
export function callbackSignatureMessage(p: {
  merchId: string;
  atomTxnId: string;
  merchTxnId: string;
  totalAmountPaise: number;
  statusCode: string;
  subChannel: string;
  bankTxnId: string;
}): string {
  return `${p.merchId}${p.atomTxnId}${p.merchTxnId}${paiseToTwoDecimals(p.totalAmountPaise)}${p.statusCode}${p.subChannel}${p.bankTxnId}`;
}
