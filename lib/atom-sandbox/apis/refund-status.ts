import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { formatGatewayDateTime } from "@/lib/atom";
import { buildRefundStatusAnswer, buildRefundStatusRefusal, type ResponseDetails } from "@/lib/atom/gateway-side";
import { sandboxRefunds } from "@/db/sandbox-schema";
import type { SandboxContext } from "../context";
import { STATUS, validationFailed } from "../gateway-status";
import { scopesFor } from "../switches";
import { findByAtomTxnId } from "../transactions";
import { encryptedAnswer } from "../wire";
import { checkMerchant, firstIssue, mandatoryText, numericId, sectionOf, textIn } from "./fields";
import type { GatewayApi } from "./gateway-api";

const refundStatusRequestSchema = z.object({
  payInstrument: z.object(
    {
      headDetails: z.object(
        {
          api: z.literal("REFUNDSTATUS", { error: 'must be "REFUNDSTATUS"' }),
          source: z.literal("OTS_ARS", { error: 'must be "OTS_ARS"' }),
        },
        { error: "is mandatory" },
      ),
      merchDetails: z.object({ merchId: numericId(10), password: mandatoryText(200) }, { error: "is mandatory" }),
      payDetails: z.object(
        {
          atomTxnId: numericId(20),
          prodDetails: z
            .array(z.object({ prodName: mandatoryText(50) }), { error: "is mandatory" })
            .min(1, "is mandatory"),
        },
        { error: "is mandatory" },
      ),
    },
    { error: "is mandatory" },
  ),
});

function refusal(context: SandboxContext, status: ResponseDetails): Promise<Response> {
  return encryptedAnswer(context.atom, buildRefundStatusRefusal(status));
}

/** The sandbox's bank refunds at once, so every accepted refund reads as processed. */
const REFUND_REMARKS = "Refund Processed";

/** REFUNDSTATUS (protocol page §6): the password arrives base64-encoded here. */
export const refundStatusApi: GatewayApi = {
  name: "refundStatus",

  async scopes(context, payload) {
    const atomTxnId = textIn(sectionOf(payload, "payDetails"), "atomTxnId");
    const transaction =
      atomTxnId === null || !/^\d{1,15}$/.test(atomTxnId)
        ? undefined
        : await findByAtomTxnId(context.db, context.atom.merchId, Number(atomTxnId));
    return scopesFor({ atomTokenId: transaction?.atomTokenId, merchTxnId: transaction?.merchTxnId });
  },

  async answer(context, payload) {
    const merchant = checkMerchant(context.atom, sectionOf(payload, "merchDetails"), { password: "base64" });
    if (merchant === "unknown") return refusal(context, STATUS.invalidMerchant);
    const parsed = refundStatusRequestSchema.safeParse(payload);
    if (!parsed.success) return refusal(context, validationFailed(firstIssue(parsed.error)));
    const { merchDetails, payDetails } = parsed.data.payInstrument;

    const transaction = /^\d{1,15}$/.test(payDetails.atomTxnId)
      ? await findByAtomTxnId(context.db, merchDetails.merchId, Number(payDetails.atomTxnId))
      : undefined;
    if (transaction === undefined || transaction.status === "created") return refusal(context, STATUS.noData);

    const refunds = await context.db
      .select()
      .from(sandboxRefunds)
      .where(eq(sandboxRefunds.atomTokenId, transaction.atomTokenId))
      .orderBy(asc(sandboxRefunds.refundTxnId));
    const products = payDetails.prodDetails.map(({ prodName }) => ({
      prodName,
      refunds: refunds
        .filter((refund) => refund.prodName === prodName)
        .map((refund) => ({
          refundTxnId: String(refund.refundTxnId),
          prodRefundId: refund.prodRefundId,
          amountPaise: refund.amount,
          remarks: REFUND_REMARKS,
          initiatedAt: formatGatewayDateTime(refund.createdAt),
        })),
    }));
    return encryptedAnswer(context.atom, buildRefundStatusAnswer(products));
  },
};
