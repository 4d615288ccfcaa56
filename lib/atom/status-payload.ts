import { z } from "zod";
import { paiseToPayloadNumber } from "./amount";
import type { AtomConfig } from "./config";
import { formatGatewayDate, GATEWAY_DATE } from "./gateway-date";
import { merchantReference, merchIdNumber, parseOrThrow, payloadAmount, responseDetailsSchema } from "./payload-fields";
import { errorForGatewayStatus } from "./gateway-errors";
import { paymentOutcomeFor } from "./outcome";
import { verifyPaymentInstrument, type PaymentCheck, type VerifiedPayment } from "./payment-payload";
import { signHex, statusSignatureMessage } from "./signature";

/**
 * Transaction status (requery) request. The protocol page lists merchDetails
 * { merchId, merchTxnId, merchTxnDate } and payDetails { amount, txnCurrency, signature };
 * the gateway's sample kits also send headDetails { api: "TXNVERIFICATION", source: "OTS" }
 * and the password, so we send them too (extra fields are harmless where unused).
 */
const statusRequestSchema = z.object({
  payInstrument: z.object({
    headDetails: z.object({ api: z.literal("TXNVERIFICATION"), source: z.literal("OTS") }),
    merchDetails: z.object({
      merchId: merchIdNumber,
      password: z.string().min(1).max(80),
      merchTxnId: merchantReference(50),
      merchTxnDate: z.string().regex(GATEWAY_DATE, "must be yyyy-MM-dd"),
    }),
    payDetails: z.object({
      amount: payloadAmount,
      txnCurrency: z.literal("INR"),
      signature: z.string().regex(/^[0-9a-f]{128}$/),
    }),
  }),
});
export type StatusRequestPayload = z.infer<typeof statusRequestSchema>;

export interface TransactionStatusInput {
  merchTxnId: string;
  /** The attempt's own date (the same Date given to AUTH): the gateway looks it up by day. */
  merchTxnDate: Date;
  amountPaise: number;
}

export function buildStatusRequest(config: AtomConfig, input: TransactionStatusInput): StatusRequestPayload {
  const currency = "INR";
  const signature = signHex(
    config.requestHashKey,
    statusSignatureMessage({
      merchId: config.merchId,
      merchTxnId: input.merchTxnId,
      amountPaise: input.amountPaise,
      currency,
    }),
  );
  const payload = {
    payInstrument: {
      headDetails: { api: "TXNVERIFICATION", source: "OTS" },
      merchDetails: {
        merchId: Number(config.merchId),
        password: config.password.reveal(),
        merchTxnId: input.merchTxnId,
        merchTxnDate: formatGatewayDate(input.merchTxnDate),
      },
      payDetails: { amount: paiseToPayloadNumber(input.amountPaise), txnCurrency: currency, signature },
    },
  };
  return parseOrThrow(statusRequestSchema, payload, "Transaction status request");
}

/**
 * The response is "shaped like the callback payload plus settlementDetails.reconStatus".
 * Several kits receive payInstrument as an array of such entries, so both forms are
 * read. An entry without merchDetails/payDetails is the gateway's answer about the
 * request itself (no data, bad signature, ...), told apart by its statusCode.
 */
const statusEntrySchema = z.looseObject({
  responseDetails: responseDetailsSchema,
  merchDetails: z.unknown().optional(),
  payDetails: z.unknown().optional(),
});
const statusResponseSchema = z.object({
  payInstrument: z.union([statusEntrySchema, z.array(statusEntrySchema).min(1)]),
});

/** reconStatus values (protocol page §6). */
export type ReconStatus = "RS" | "RNS" | "NRNS" | "PNRNS" | "PNRS";

export interface VerifiedTransactionStatus extends VerifiedPayment {
  /** Settlement state; null when the gateway sent none. Unknown values are passed through. */
  reconStatus: ReconStatus | (string & {}) | null;
  /** False when the gateway sent no signature (verified whenever it sends one). */
  signatureChecked: boolean;
}

/**
 * A decrypted status response → the payment it reports, verified like a callback
 * (its signature checked whenever present). With several entries (the shopper tried
 * more than once on the same token) a successful one wins, else the last.
 */
export function readStatusResponse(
  payload: unknown,
  check: Omit<PaymentCheck, "signature">,
): VerifiedTransactionStatus {
  const response = parseOrThrow(statusResponseSchema, payload, "Transaction status response", { api: "STATUS" });
  const entries = Array.isArray(response.payInstrument) ? response.payInstrument : [response.payInstrument];
  const payments = entries.filter((entry) => entry.merchDetails !== undefined && entry.payDetails !== undefined);
  const chosen =
    payments.find((entry) => paymentOutcomeFor(entry.responseDetails.statusCode) === "success") ?? payments.at(-1);
  if (chosen === undefined) {
    throw errorForGatewayStatus(entries.at(-1)?.responseDetails ?? { statusCode: "(none)" }, "STATUS");
  }
  const { payment, signatureChecked } = verifyPaymentInstrument(chosen, payload as Record<string, unknown>, {
    ...check,
    signature: "when-present",
  });
  const settlement = chosen.settlementDetails as { reconStatus?: unknown } | undefined | null;
  const reconStatus = typeof settlement?.reconStatus === "string" ? settlement.reconStatus : null;
  return { ...payment, reconStatus, signatureChecked };
}
