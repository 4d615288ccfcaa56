import { z } from "zod";
import { AtomSignatureError, AtomValidationError } from "./errors";
import { paymentOutcomeFor, type PaymentOutcome } from "./outcome";
import { gatewayId, gatewayPaise, optionalText, parseOrThrow, responseDetailsSchema } from "./payload-fields";
import type { Secret } from "./secret";
import { callbackSignatureMessage, verifyHex } from "./signature";

/**
 * One payment as the gateway reports it: the callback / return-URL payload, and each
 * entry of a transaction-status response (protocol page §6). Only the fields the shop
 * uses are parsed; the decrypted JSON is kept whole in VerifiedPayment.payload.
 */
const blankAsNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const paymentInstrumentSchema = z.object({
  merchDetails: z.object({
    merchId: gatewayId,
    merchTxnId: z.string().min(1),
    merchTxnDate: optionalText,
  }),
  payDetails: z.object({
    atomTxnId: gatewayId,
    amount: gatewayPaise,
    // Not covered by the signature: read leniently ("" as absent), so a genuinely signed
    // result is never lost to a formatting quirk; the shop checks amount + surcharge
    // against the signed totalAmount.
    surchargeAmount: z.preprocess(blankAsNull, gatewayPaise.nullish()).transform((value) => value ?? 0),
    totalAmount: gatewayPaise,
    txnCurrency: z.preprocess(blankAsNull, z.string().nullish()).transform((value) => value ?? "INR"),
    signature: z.string().nullish(),
  }),
  payModeSpecificData: z
    .object({
      // An array in callbacks (["DC"]); tolerate a bare string.
      subChannel: z.union([z.array(z.string()), z.string()]).nullish(),
      bankDetails: z
        .object({
          bankTxnId: gatewayId.nullish(),
          otsBankName: z.string().nullish(),
        })
        .nullish(),
    })
    .nullish(),
  responseDetails: responseDetailsSchema,
  settlementDetails: z.object({ reconStatus: z.string().nullish() }).nullish(),
});
export type PaymentInstrument = z.output<typeof paymentInstrumentSchema>;

/** The JSON shape of a callback / return-URL payload before encryption (what the gateway writes). */
export type CallbackPayload = { payInstrument: z.input<typeof paymentInstrumentSchema> };

/** The app's view of a payment result it has decrypted and verified. */
export interface VerifiedPayment {
  merchId: string;
  merchTxnId: string;
  merchTxnDate: string;
  atomTxnId: string;
  /** Not covered by the signature; totalAmountPaise is. */
  amountPaise: number;
  surchargePaise: number;
  /** The signed figure: compare this with what the shop expected to be paid. */
  totalAmountPaise: number;
  currency: string;
  statusCode: string;
  message: string;
  description: string;
  subChannel: string | null;
  bankTxnId: string;
  bankName: string | null;
  outcome: PaymentOutcome;
  /** The decrypted JSON as received (holds no secrets), for the audit trail. */
  payload: Record<string, unknown>;
}

/** The string the gateway signed for this payment (protocol page §5). */
function paymentSignatureMessage(instrument: PaymentInstrument): string {
  return callbackSignatureMessage({
    merchId: instrument.merchDetails.merchId,
    atomTxnId: instrument.payDetails.atomTxnId,
    merchTxnId: instrument.merchDetails.merchTxnId,
    totalAmountPaise: instrument.payDetails.totalAmount,
    statusCode: instrument.responseDetails.statusCode,
    subChannel: firstSubChannel(instrument) ?? "",
    bankTxnId: instrument.payModeSpecificData?.bankDetails?.bankTxnId ?? "",
  });
}

function firstSubChannel(instrument: PaymentInstrument): string | null {
  const subChannel = instrument.payModeSpecificData?.subChannel;
  const first = Array.isArray(subChannel) ? subChannel[0] : subChannel;
  return first === undefined || first === null || first === "" ? null : first;
}

export interface PaymentCheck {
  merchId: string;
  responseHashKey: Secret;
  /** Callbacks must be signed; a status response is checked only when it carries a signature. */
  signature: "required" | "when-present";
}

/**
 * parse → merchant check → signed string → constant-time compare → the app's type.
 * Throws AtomValidationError for a payload of the wrong shape or merchant and
 * AtomSignatureError when the signature is missing or wrong.
 */
export function verifyPaymentInstrument(
  rawInstrument: unknown,
  payload: Record<string, unknown>,
  check: PaymentCheck,
): { payment: VerifiedPayment; signatureChecked: boolean } {
  const instrument = parseOrThrow(paymentInstrumentSchema, rawInstrument, "Gateway payment payload");
  const { merchDetails, payDetails, responseDetails } = instrument;
  if (merchDetails.merchId !== check.merchId) {
    throw new AtomValidationError("Gateway payment payload is for another merchant", [
      `payInstrument.merchDetails.merchId: expected ${check.merchId}, got ${merchDetails.merchId}`,
    ]);
  }
  const signature = payDetails.signature ?? "";
  const claimed = { claimedMerchTxnId: merchDetails.merchTxnId };
  if (signature === "" && check.signature === "required") {
    throw new AtomSignatureError("Gateway payment payload has no signature: it cannot be trusted", claimed);
  }
  if (signature !== "" && !verifyHex(check.responseHashKey, paymentSignatureMessage(instrument), signature)) {
    throw new AtomSignatureError(
      "Gateway payment signature does not match: check the response hash key (ATOM_RES_HASH_KEY); otherwise the payload was altered",
      claimed,
    );
  }
  const bankDetails = instrument.payModeSpecificData?.bankDetails;
  const payment: VerifiedPayment = {
    merchId: merchDetails.merchId,
    merchTxnId: merchDetails.merchTxnId,
    merchTxnDate: merchDetails.merchTxnDate,
    atomTxnId: payDetails.atomTxnId,
    amountPaise: payDetails.amount,
    surchargePaise: payDetails.surchargeAmount,
    totalAmountPaise: payDetails.totalAmount,
    currency: payDetails.txnCurrency,
    statusCode: responseDetails.statusCode,
    message: responseDetails.message,
    description: responseDetails.description,
    subChannel: firstSubChannel(instrument),
    bankTxnId: bankDetails?.bankTxnId ?? "",
    bankName: bankDetails?.otsBankName ?? null,
    outcome: paymentOutcomeFor(responseDetails.statusCode),
    payload,
  };
  return { payment, signatureChecked: signature !== "" };
}

/** A decrypted callback / return-URL payload → VerifiedPayment. */
export function verifyCallbackPayload(payload: unknown, check: Omit<PaymentCheck, "signature">): VerifiedPayment {
  const envelope = parseOrThrow(z.object({ payInstrument: z.unknown() }), payload, "Gateway callback payload");
  return verifyPaymentInstrument(envelope.payInstrument, payload as Record<string, unknown>, {
    ...check,
    signature: "required",
  }).payment;
}
