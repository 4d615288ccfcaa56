import { paiseToPayloadNumber } from "../amount";
import { callbackSignatureMessage, signHex } from "../signature";
import type { ResponseDetails } from "./answers";
import type { GatewayKeys } from "./wire";

/** One payment as the gateway knows it: everything its result reports, nothing defaulted. */
export interface GatewayPayment {
  merchId: string;
  merchTxnId: string;
  merchTxnDate: string;
  atomTxnId: string;
  /** prodDetails: each product's share of amountPaise. */
  products: ReadonlyArray<{ prodName: string; amountPaise: number }>;
  amountPaise: number;
  surchargePaise: number;
  /** The signed total: amount + surcharge unless given (a total that does not add up is what the shop's check is for). */
  totalAmountPaise?: number;
  currency: string;
  custAccNo: string;
  clientCode: string;
  /** "YYYY-MM-DD hh:mm:ss" in India time, as the gateway writes them. */
  txnInitDate: string;
  txnCompleteDate: string;
  /** The one subChannel the payment used; "" writes an empty array. */
  subChannel: string;
  bankTxnId: string;
  /** The rest of bankDetails (otsBankId, otsBankName, card data); bankTxnId is written from bankTxnId. */
  bankDetails: Readonly<Record<string, string | number>>;
  extras: Readonly<Record<string, string>>;
  custDetails: { custEmail: string; custMobile: string; custFirstName?: string };
  responseDetails: ResponseDetails;
}

/**
 * One payment entry (payInstrument) as the gateway writes it: ids and amounts as JSON
 * numbers, signed with the response hash key over merchId + atomTxnId + merchTxnId +
 * totalAmount (two decimals) + statusCode + subChannel[0] + bankTxnId (protocol page §5–6).
 */
export function buildPaymentInstrument(gateway: GatewayKeys, payment: GatewayPayment) {
  const totalPaise = payment.totalAmountPaise ?? payment.amountPaise + payment.surchargePaise;
  const { statusCode, message, description } = payment.responseDetails;
  const signature = signHex(
    gateway.responseHashKey,
    callbackSignatureMessage({
      merchId: payment.merchId,
      atomTxnId: payment.atomTxnId,
      merchTxnId: payment.merchTxnId,
      totalAmountPaise: totalPaise,
      statusCode,
      subChannel: payment.subChannel,
      bankTxnId: payment.bankTxnId,
    }),
  );
  const { custEmail, custMobile, custFirstName } = payment.custDetails;
  return {
    merchDetails: {
      merchId: Number(payment.merchId),
      merchTxnId: payment.merchTxnId,
      merchTxnDate: payment.merchTxnDate,
    },
    payDetails: {
      atomTxnId: Number(payment.atomTxnId),
      prodDetails: payment.products.map((product) => ({
        prodName: product.prodName,
        prodAmount: paiseToPayloadNumber(product.amountPaise),
      })),
      amount: paiseToPayloadNumber(payment.amountPaise),
      surchargeAmount: paiseToPayloadNumber(payment.surchargePaise),
      totalAmount: paiseToPayloadNumber(totalPaise),
      custAccNo: payment.custAccNo,
      clientCode: payment.clientCode,
      txnCurrency: payment.currency,
      signature,
      txnInitDate: payment.txnInitDate,
      txnCompleteDate: payment.txnCompleteDate,
    },
    payModeSpecificData: {
      subChannel: payment.subChannel === "" ? [] : [payment.subChannel],
      bankDetails: { ...payment.bankDetails, bankTxnId: payment.bankTxnId },
    },
    extras: { ...payment.extras },
    custDetails: { custEmail, custMobile, ...(custFirstName === undefined ? {} : { custFirstName }) },
    responseDetails: { statusCode, message, description },
  };
}

type PaymentInstrumentPayload = ReturnType<typeof buildPaymentInstrument>;

/** The decrypted JSON of a callback and of the browser's return-URL post. */
export function buildPaymentResult(gateway: GatewayKeys, payment: GatewayPayment) {
  return { payInstrument: buildPaymentInstrument(gateway, payment) };
}

/**
 * A transaction-status answer: the payment entry plus settlementDetails.reconStatus
 * (left out when reconStatus is null). payInstrument is an array as the gateway's kits
 * receive it, or the single object the protocol page shows.
 */
export function buildStatusAnswer(
  gateway: GatewayKeys,
  payment: GatewayPayment,
  options: { reconStatus: string | null; form?: "array" | "object" },
) {
  const entry = {
    ...buildPaymentInstrument(gateway, payment),
    ...(options.reconStatus === null ? {} : { settlementDetails: { reconStatus: options.reconStatus } }),
  };
  return { payInstrument: options.form === "object" ? entry : [entry] };
}

/** A status answer about the request rather than a payment (no data, bad signature, ...). */
export function buildStatusRefusal(status: ResponseDetails) {
  return { payInstrument: [{ responseDetails: status }] };
}

/**
 * The same payment entry with another signature, or none (undefined): how a forged,
 * corrupted or missing signature reaches the merchant.
 */
export function withSignature<T extends PaymentInstrumentPayload>(instrument: T, signature: string | undefined) {
  if (signature !== undefined) return { ...instrument, payDetails: { ...instrument.payDetails, signature } };
  const payDetails: Partial<T["payDetails"]> = { ...instrument.payDetails };
  delete payDetails.signature;
  return { ...instrument, payDetails };
}
