import { z } from "zod";
import { formatGatewayDateTime, type AtomConfig } from "@/lib/atom";
import { buildPaymentResult, withSignature, type GatewayPayment } from "@/lib/atom/gateway-side";
import type { SandboxTransaction } from "@/db/sandbox-schema";

/** AUTH fields the gateway echoes back in results (read leniently from the stored request). */
const echoSchema = z.object({
  payInstrument: z
    .object({
      payDetails: z
        .object({ custAccNo: z.string().optional(), clientCode: z.string().optional() })
        .partial()
        .optional(),
      custDetails: z.object({ custFirstName: z.string().optional() }).partial().optional(),
      extras: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});

export interface ResultOverrides {
  /** Fault switch tamperAmountPaise: report this amount instead, still validly signed. */
  amountPaise?: number;
}

/** A sandbox transaction as the gateway reports it (callback, return URL, status entry). */
export function gatewayPaymentOf(
  atom: AtomConfig,
  transaction: SandboxTransaction,
  overrides: ResultOverrides = {},
): GatewayPayment {
  const amountPaise = overrides.amountPaise ?? transaction.amount;
  const echo = echoSchema.safeParse(transaction.authRequest).data?.payInstrument;
  const products =
    overrides.amountPaise === undefined
      ? transaction.products
      : [{ prodName: transaction.products[0]?.prodName ?? atom.productId, prodAmount: amountPaise }];
  const started = transaction.paymentStartedAt ?? transaction.createdAt;
  return {
    merchId: transaction.merchId,
    merchTxnId: transaction.merchTxnId,
    merchTxnDate: transaction.merchTxnDate,
    atomTxnId: String(transaction.atomTxnId),
    products: products.map((product) => ({ prodName: product.prodName, amountPaise: product.prodAmount })),
    amountPaise,
    surchargePaise: transaction.surchargeAmount,
    currency: transaction.currency,
    custAccNo: echo?.payDetails?.custAccNo ?? "",
    clientCode: echo?.payDetails?.clientCode ?? "",
    txnInitDate: formatGatewayDateTime(started),
    txnCompleteDate: formatGatewayDateTime(transaction.completedAt ?? started),
    subChannel: transaction.subChannel ?? "",
    bankTxnId: transaction.bankTxnId ?? "",
    bankDetails: transaction.bankDetails ?? {},
    extras: echo?.extras ?? {},
    custDetails: {
      custEmail: transaction.custEmail,
      custMobile: transaction.custMobile,
      ...(echo?.custDetails?.custFirstName === undefined ? {} : { custFirstName: echo.custDetails.custFirstName }),
    },
    responseDetails: {
      statusCode: transaction.statusCode ?? "",
      message: transaction.statusMessage ?? "",
      description: transaction.statusDescription ?? "",
    },
  };
}

/** The callback / return-URL payload. */
export function paymentResultOf(atom: AtomConfig, transaction: SandboxTransaction, overrides: ResultOverrides = {}) {
  return buildPaymentResult(atom, gatewayPaymentOf(atom, transaction, overrides));
}

/** Fault switch corruptSignature: the same length and alphabet, different value. */
export function corruptSignature(payload: ReturnType<typeof paymentResultOf>) {
  const signature = payload.payInstrument.payDetails.signature;
  const last = signature.at(-1) === "0" ? "1" : "0";
  return { ...payload, payInstrument: withSignature(payload.payInstrument, `${signature.slice(0, -1)}${last}`) };
}
