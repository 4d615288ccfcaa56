/**
 * Builds what the gateway sends: payment results (callback, return URL, status
 * response), AUTH / refund / refund-status answers, encrypted with the response
 * key and signed with the response hash key exactly as the gateway does. One
 * helper for every test that needs a gateway payload, so tests round-trip through
 * the real cipher and signature code instead of hand-made fixtures.
 */
import { paiseToPayloadNumber } from "../amount";
import { decryptJson, deriveCipherKey, encryptJson } from "../cipher";
import { parseAtomConfig, UAT_CREDENTIALS, type AtomConfig } from "../config";
import { callbackSignatureMessage, signHex } from "../signature";

export const TEST_APP_URL = "http://127.0.0.1:3000";

/** Sandbox-mode config with the public UAT credentials; pass ATOM_* overrides as needed. */
export function testAtomConfig(env: Record<string, string | undefined> = {}, appUrl = TEST_APP_URL): AtomConfig {
  return parseAtomConfig({ ATOM_MODE: "sandbox", ...env }, { appUrl });
}

/** The gateway's side of the shared secrets: what it encrypts and signs with. */
export type GatewaySide = Pick<AtomConfig, "merchId" | "requestEncryption" | "responseEncryption" | "responseHashKey">;

const defaultGateway = (): GatewaySide => testAtomConfig();

export interface PaymentResultOptions {
  merchTxnId?: string;
  merchTxnDate?: string;
  atomTxnId?: string;
  amountPaise?: number;
  surchargePaise?: number;
  /** The signed total; amount + surcharge unless given (to test a total that does not add up). */
  totalAmountPaise?: number;
  currency?: string;
  statusCode?: string;
  message?: string;
  description?: string;
  /** First (only) subChannel; null leaves the array empty. */
  subChannel?: string | null;
  bankTxnId?: string;
  bankName?: string;
  custEmail?: string;
  custMobile?: string;
  /** Replaces the computed signature (to test forged or missing ones; "" drops it). */
  signature?: string;
}

export const DEFAULT_PAYMENT = {
  merchTxnId: "TEST-TXN-0001",
  merchTxnDate: "2025-01-15 10:20:30",
  atomTxnId: "11000000460337",
  amountPaise: 33_667,
  surchargePaise: 0,
  currency: "INR",
  statusCode: "OTS0000",
  message: "SUCCESS",
  description: "TRANSACTION IS SUCCESSFUL",
  subChannel: "DC",
  bankTxnId: "SBI1234567890",
  bankName: "State Bank of India",
  custEmail: "shopper@example.com",
  custMobile: "9876543210",
} as const;

/** One signed payment entry (payInstrument) as the gateway writes it: ids and amounts as JSON numbers. */
export function buildPaymentInstrument(options: PaymentResultOptions = {}, gateway: GatewaySide = defaultGateway()) {
  const p = { ...DEFAULT_PAYMENT, ...options };
  const totalPaise = options.totalAmountPaise ?? p.amountPaise + p.surchargePaise;
  const subChannel = p.subChannel === null ? [] : [p.subChannel];
  const signature =
    options.signature ??
    signHex(
      gateway.responseHashKey,
      callbackSignatureMessage({
        merchId: gateway.merchId,
        atomTxnId: p.atomTxnId,
        merchTxnId: p.merchTxnId,
        totalAmountPaise: totalPaise,
        statusCode: p.statusCode,
        subChannel: subChannel[0] ?? "",
        bankTxnId: p.bankTxnId,
      }),
    );
  return {
    merchDetails: { merchId: Number(gateway.merchId), merchTxnId: p.merchTxnId, merchTxnDate: p.merchTxnDate },
    payDetails: {
      atomTxnId: Number(p.atomTxnId),
      prodDetails: [{ prodName: UAT_CREDENTIALS.productId, prodAmount: paiseToPayloadNumber(p.amountPaise) }],
      amount: paiseToPayloadNumber(p.amountPaise),
      surchargeAmount: paiseToPayloadNumber(p.surchargePaise),
      totalAmount: paiseToPayloadNumber(totalPaise),
      custAccNo: "213232323",
      clientCode: "1234",
      txnCurrency: p.currency,
      ...(signature === "" ? {} : { signature }),
      txnInitDate: p.merchTxnDate,
      txnCompleteDate: p.merchTxnDate,
    },
    payModeSpecificData: {
      subChannel,
      bankDetails: { otsBankId: 2001, bankTxnId: p.bankTxnId, otsBankName: p.bankName },
    },
    extras: { udf1: "", udf2: "", udf3: "", udf4: "", udf5: "" },
    custDetails: { custEmail: p.custEmail, custMobile: p.custMobile },
    responseDetails: { statusCode: p.statusCode, message: p.message, description: p.description },
  };
}

/** The decrypted JSON of a callback / return-URL post. */
export function buildCallbackPayload(options: PaymentResultOptions = {}, gateway: GatewaySide = defaultGateway()) {
  return { payInstrument: buildPaymentInstrument(options, gateway) };
}

/** A transaction-status answer: a payment entry plus settlementDetails.reconStatus. */
export function buildStatusResponsePayload(
  options: PaymentResultOptions & { reconStatus?: string | null; asArray?: boolean } = {},
  gateway: GatewaySide = defaultGateway(),
) {
  const entry = {
    ...buildPaymentInstrument(options, gateway),
    ...(options.reconStatus === null ? {} : { settlementDetails: { reconStatus: options.reconStatus ?? "RS" } }),
  };
  return { payInstrument: options.asArray === true ? [entry] : entry };
}

export function buildAuthResponsePayload(
  options: { atomTokenId?: string; statusCode?: string; message?: string; description?: string } = {},
) {
  const statusCode = options.statusCode ?? "OTS0000";
  return {
    ...(statusCode === "OTS0000" ? { atomTokenId: Number(options.atomTokenId ?? "15000000085830") } : {}),
    responseDetails: {
      txnStatusCode: statusCode,
      txnMessage: options.message ?? (statusCode === "OTS0000" ? "SUCCESS" : "FAILED"),
      txnDescription: options.description ?? (statusCode === "OTS0000" ? "ATOM TOKEN ID HAS BEEN GENERATED" : "FAILED"),
    },
  };
}

export interface RefundLineAnswer {
  prodName?: string;
  prodRefundId: string;
  amountPaise: number;
  refundTxnId?: string;
  statusCode?: string;
}

export function buildRefundResponsePayload(options: {
  atomTxnId?: string;
  lines: readonly RefundLineAnswer[];
  statusCode?: string;
  message?: string;
  description?: string;
}) {
  const statusCode = options.statusCode ?? "OTS0000";
  const totalPaise = options.lines.reduce((total, line) => total + line.amountPaise, 0);
  return {
    payInstrument: {
      payDetails: {
        atomTxnId: Number(options.atomTxnId ?? DEFAULT_PAYMENT.atomTxnId),
        prodDetails: options.lines.map((line, index) => ({
          prodName: line.prodName ?? UAT_CREDENTIALS.productId,
          refundTxnId: Number(line.refundTxnId ?? `${2000000100 + index}`),
          prodRefundId: line.prodRefundId,
          prodStatusCode: line.statusCode ?? statusCode,
          prodDescription: (line.statusCode ?? statusCode) === "OTS0000" ? "FULL REFUND INITIATED" : "REFUND FAILED",
          prodRefundAmount: paiseToPayloadNumber(line.amountPaise),
        })),
        totalRefundAmount: paiseToPayloadNumber(totalPaise),
        txnCurrency: "INR",
      },
      responseDetails: {
        statusCode,
        message: options.message ?? (statusCode === "OTS0000" ? "SUCCESS" : "FAILED"),
        description: options.description ?? (statusCode === "OTS0000" ? "REFUND INITIATED" : "REFUND FAILED"),
      },
    },
  };
}

export function buildRefundStatusResponsePayload(options: {
  prodName?: string;
  refunds: ReadonlyArray<{ refundTxnId?: string; prodRefundId: string; amountPaise: number; remarks?: string; initiatedAt?: string }>;
}) {
  return {
    refundStatusDetails: [
      {
        prodName: options.prodName ?? UAT_CREDENTIALS.productId,
        refundStatus: options.refunds.map((refund, index) => ({
          refundTxnId: Number(refund.refundTxnId ?? `${2000000100 + index}`),
          prodRefundId: refund.prodRefundId,
          refundAmt: paiseToPayloadNumber(refund.amountPaise),
          remarks: refund.remarks ?? "Refund processed",
          refundInitiatedDate: refund.initiatedAt ?? "2025-01-16 11:00:00",
        })),
      },
    ],
  };
}

/** encData as the gateway writes it: the JSON encrypted with the response key, uppercase hex. */
export async function encryptForMerchant(payload: unknown, gateway: GatewaySide = defaultGateway()): Promise<string> {
  const key = await deriveCipherKey(gateway.responseEncryption.key, gateway.responseEncryption.salt);
  return encryptJson(key, payload);
}

/** A signed, encrypted callback: the JSON (to compare against) and the encData to post. */
export async function buildCallbackEncData(options: PaymentResultOptions = {}, gateway: GatewaySide = defaultGateway()) {
  const payload = buildCallbackPayload(options, gateway);
  return { payload, encData: await encryptForMerchant(payload, gateway) };
}

/** An API answer body as the gateway sends it: form-encoded merchId and encData. */
export async function gatewayResponseBody(payload: unknown, gateway: GatewaySide = defaultGateway()): Promise<string> {
  return new URLSearchParams({ merchId: gateway.merchId, encData: await encryptForMerchant(payload, gateway) }).toString();
}

/** What the merchant POSTed: the form's merchId and the request JSON decrypted with the request key. */
export async function readMerchantRequest(
  formBody: string,
  gateway: GatewaySide = defaultGateway(),
): Promise<{ merchId: string | null; payload: unknown }> {
  const form = new URLSearchParams(formBody);
  const key = await deriveCipherKey(gateway.requestEncryption.key, gateway.requestEncryption.salt);
  return { merchId: form.get("merchId"), payload: decryptJson(key, form.get("encData") ?? "") };
}
