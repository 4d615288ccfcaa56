import { z } from "zod";
import { paiseToPayloadNumber, statusSignatureMessage, verifyHex } from "@/lib/atom";
import { buildStatusAnswer, buildStatusRefusal, type ResponseDetails } from "@/lib/atom/gateway-side";
import type { SandboxTransaction } from "@/db/sandbox-schema";
import type { SandboxContext } from "../context";
import { STATUS, validationFailed } from "../gateway-status";
import { gatewayPaymentOf } from "../payment-result";
import { settleDuePayments } from "../payments";
import { findByMerchTxnId } from "../transactions";
import { encryptedAnswer } from "../wire";
import { amountInPaise, checkMerchant, firstIssue, mandatoryText, numericId, sectionOf } from "./fields";
import { scopesOfMerchTxnId, type GatewayApi } from "./gateway-api";

const statusRequestSchema = z.object({
  payInstrument: z.object(
    {
      merchDetails: z.object(
        {
          merchId: numericId(10),
          merchTxnId: mandatoryText(50),
          merchTxnDate: z.string({ error: "is mandatory" }).regex(/^\d{4}-\d{2}-\d{2}$/, "must be yyyy-MM-dd"),
        },
        { error: "is mandatory" },
      ),
      payDetails: z.object(
        {
          amount: amountInPaise,
          txnCurrency: z.literal("INR", { error: 'must be "INR"' }),
          signature: mandatoryText(256),
        },
        { error: "is mandatory" },
      ),
    },
    { error: "is mandatory" },
  ),
});

/** An answer about the request itself rather than a payment (no data, bad signature, ...). */
function refusal(context: SandboxContext, status: ResponseDetails): Promise<Response> {
  return encryptedAnswer(context.atom, buildStatusRefusal(status));
}

/** Settlement state: a success is reconciled and settled at once in the sandbox. */
function reconStatusOf(transaction: SandboxTransaction): string {
  return transaction.status === "success" ? "RS" : "NRNS";
}

/**
 * Transaction status (requery). Answers the truth as the sandbox recorded it: callback
 * fault switches (tampered amounts, corrupt signatures) never reach this API. A
 * pending payment whose settlement time has passed is settled first.
 */
export const transactionStatusApi: GatewayApi = {
  name: "status",

  scopes: scopesOfMerchTxnId,

  async answer(context, payload) {
    const merchant = checkMerchant(context.atom, sectionOf(payload, "merchDetails"), { password: "optional" });
    if (merchant === "unknown") return refusal(context, STATUS.invalidMerchant);
    const parsed = statusRequestSchema.safeParse(payload);
    if (!parsed.success) return refusal(context, validationFailed(firstIssue(parsed.error)));
    const { merchDetails, payDetails } = parsed.data.payInstrument;

    const signed = statusSignatureMessage({
      merchId: merchDetails.merchId,
      merchTxnId: merchDetails.merchTxnId,
      amountPaise: payDetails.amount,
      currency: payDetails.txnCurrency,
    });
    if (!verifyHex(context.atom.requestHashKey, signed, payDetails.signature)) {
      return refusal(context, STATUS.signatureMismatch);
    }

    let transaction = await findByMerchTxnId(context.db, merchDetails.merchId, merchDetails.merchTxnId);
    // The gateway files payments by day: a different date finds nothing. A token the
    // shopper never paid on has no payment to report yet.
    if (
      transaction === undefined ||
      transaction.merchTxnDate.slice(0, 10) !== merchDetails.merchTxnDate ||
      transaction.status === "created"
    ) {
      return refusal(context, STATUS.noData);
    }
    if (transaction.amount !== payDetails.amount) {
      return refusal(
        context,
        validationFailed(
          `payDetails.amount does not match the transaction (expected ${paiseToPayloadNumber(transaction.amount)})`,
        ),
      );
    }
    if (transaction.status === "pending") {
      await settleDuePayments(context, transaction.atomTokenId);
      transaction = (await findByMerchTxnId(context.db, merchDetails.merchId, merchDetails.merchTxnId)) ?? transaction;
    }
    const payment = gatewayPaymentOf(context.atom, transaction);
    return encryptedAnswer(
      context.atom,
      buildStatusAnswer(context.atom, payment, { reconStatus: reconStatusOf(transaction) }),
    );
  },
};
