import { z } from "zod";
import {
  callbackSignatureMessage,
  formatGatewayDateTime,
  paiseToPayloadNumber,
  signHex,
  type AtomConfig,
} from "@/lib/atom";
import type { SandboxTransaction } from "@/db/sandbox-schema";

/** AUTH fields the gateway echoes back in results (read leniently from the stored request). */
const echoSchema = z.object({
  payInstrument: z
    .object({
      payDetails: z.object({ custAccNo: z.string().optional(), clientCode: z.string().optional() }).partial().optional(),
      custDetails: z.object({ custFirstName: z.string().optional() }).partial().optional(),
      extras: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});

export interface ResultOverrides {
  /** Fault switch tamperAmountPaise: report this amount instead, still validly signed. */
  amountPaise?: number;
}

/**
 * One payment as the gateway reports it (callback, return URL, status entry), signed
 * with the response hash key over merchId + atomTxnId + merchTxnId + totalAmount
 * (two decimals) + statusCode + subChannel[0] + bankTxnId (protocol page §5–6).
 */
export function buildPaymentInstrument(atom: AtomConfig, transaction: SandboxTransaction, overrides: ResultOverrides = {}) {
  const amountPaise = overrides.amountPaise ?? transaction.amount;
  const surchargePaise = transaction.surchargeAmount;
  const totalPaise = amountPaise + surchargePaise;
  const statusCode = transaction.statusCode ?? "";
  const subChannel = transaction.subChannel ?? "";
  const bankTxnId = transaction.bankTxnId ?? "";
  const atomTxnId = String(transaction.atomTxnId);
  const signature = signHex(
    atom.responseHashKey,
    callbackSignatureMessage({
      merchId: transaction.merchId,
      atomTxnId,
      merchTxnId: transaction.merchTxnId,
      totalAmountPaise: totalPaise,
      statusCode,
      subChannel,
      bankTxnId,
    }),
  );
  const echo = echoSchema.safeParse(transaction.authRequest).data?.payInstrument;
  const products =
    overrides.amountPaise === undefined
      ? transaction.products
      : [{ prodName: transaction.products[0]?.prodName ?? atom.productId, prodAmount: amountPaise }];
  const started = transaction.paymentStartedAt ?? transaction.createdAt;
  return {
    merchDetails: {
      merchId: Number(transaction.merchId),
      merchTxnId: transaction.merchTxnId,
      merchTxnDate: transaction.merchTxnDate,
    },
    payDetails: {
      atomTxnId: Number(atomTxnId),
      prodDetails: products.map((product) => ({ prodName: product.prodName, prodAmount: paiseToPayloadNumber(product.prodAmount) })),
      amount: paiseToPayloadNumber(amountPaise),
      surchargeAmount: paiseToPayloadNumber(surchargePaise),
      totalAmount: paiseToPayloadNumber(totalPaise),
      custAccNo: echo?.payDetails?.custAccNo ?? "",
      clientCode: echo?.payDetails?.clientCode ?? "",
      txnCurrency: transaction.currency,
      signature,
      txnInitDate: formatGatewayDateTime(started),
      txnCompleteDate: formatGatewayDateTime(transaction.completedAt ?? started),
    },
    payModeSpecificData: {
      subChannel: subChannel === "" ? [] : [subChannel],
      bankDetails: { ...transaction.bankDetails, bankTxnId },
    },
    extras: echo?.extras ?? {},
    custDetails: {
      custEmail: transaction.custEmail,
      custMobile: transaction.custMobile,
      ...(echo?.custDetails?.custFirstName === undefined ? {} : { custFirstName: echo.custDetails.custFirstName }),
    },
    responseDetails: {
      statusCode,
      message: transaction.statusMessage ?? "",
      description: transaction.statusDescription ?? "",
    },
  };
}

/** The callback / return-URL payload. */
export function buildPaymentResult(atom: AtomConfig, transaction: SandboxTransaction, overrides: ResultOverrides = {}) {
  return { payInstrument: buildPaymentInstrument(atom, transaction, overrides) };
}

/** Fault switch corruptSignature: the same length and alphabet, different value. */
export function corruptSignature<T extends { payInstrument: { payDetails: { signature: string } } }>(payload: T): T {
  const signature = payload.payInstrument.payDetails.signature;
  const last = signature.at(-1) === "0" ? "1" : "0";
  return {
    ...payload,
    payInstrument: { ...payload.payInstrument, payDetails: { ...payload.payInstrument.payDetails, signature: `${signature.slice(0, -1)}${last}` } },
  };
}
