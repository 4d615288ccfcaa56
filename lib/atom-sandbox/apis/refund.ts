import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { refundSignatureMessage, verifyHex } from "@/lib/atom";
import { buildRefundAnswer, type RefundAnswerLine, type ResponseDetails } from "@/lib/atom/gateway-side";
import { sandboxRefunds, sandboxTransactions, type SandboxRefund, type SandboxTransaction } from "@/db/sandbox-schema";
import type { SandboxContext } from "../context";
import { STATUS, validationFailed } from "../gateway-status";
import { findByMerchTxnId } from "../transactions";
import { encryptedAnswer } from "../wire";
import { amountInPaise, checkMerchant, firstIssue, mandatoryText, numericId, sectionOf } from "./fields";
import { scopesOfMerchTxnId, type GatewayApi } from "./gateway-api";

const refundRequestSchema = z.object({
  payInstrument: z.object(
    {
      headDetails: z.object(
        {
          api: z.literal("REFUNDINIT", { error: 'must be "REFUNDINIT"' }),
          source: z.literal("OTS", { error: 'must be "OTS"' }),
        },
        { error: "is mandatory" },
      ),
      merchDetails: z.object(
        { merchId: numericId(10), password: mandatoryText(80), merchTxnId: mandatoryText(50) },
        { error: "is mandatory" },
      ),
      payDetails: z.object(
        {
          atomTxnId: numericId(20),
          signature: mandatoryText(256),
          prodDetails: z
            .array(
              z.object({
                prodName: mandatoryText(50),
                prodRefundId: mandatoryText(50),
                prodRefundAmount: amountInPaise,
              }),
              {
                error: "is mandatory",
              },
            )
            .min(1, "is mandatory"),
          txnCurrency: z.literal("INR", { error: 'must be "INR"' }),
          totalRefundAmount: amountInPaise,
        },
        { error: "is mandatory" },
      ),
    },
    { error: "is mandatory" },
  ),
});
type RefundLine = z.output<typeof refundRequestSchema>["payInstrument"]["payDetails"]["prodDetails"][number];

function answer(
  context: SandboxContext,
  status: ResponseDetails,
  details?: { atomTxnId: string; lines: RefundAnswerLine[] },
): Promise<Response> {
  return encryptedAnswer(context.atom, buildRefundAnswer(status, details));
}

const acceptedLine = (refund: SandboxRefund): RefundAnswerLine => ({
  prodName: refund.prodName,
  refundTxnId: String(refund.refundTxnId),
  prodRefundId: refund.prodRefundId,
  prodStatusCode: "OTS0000",
  prodDescription: refund.description,
  amountPaise: refund.amount,
});

const refusedLine = (line: RefundLine, status: ResponseDetails): RefundAnswerLine => ({
  prodName: line.prodName,
  prodRefundId: line.prodRefundId,
  prodStatusCode: status.statusCode,
  prodDescription: status.description,
  amountPaise: line.prodRefundAmount,
});

/** Raised inside the transaction when a racing request stored one of our prodRefundIds first. */
class RefundRace extends Error {}

type RefundOutcome = { status: ResponseDetails; lines: RefundAnswerLine[] };

/**
 * The lines already known by prodRefundId are answered with their first result; the
 * new ones are refunded if the payment is a success with enough left to refund. The
 * balance moves by a conditional update and the lines are inserted under the
 * (merchant, prodRefundId) unique index in one database transaction, so neither a
 * retry nor two instances racing can refund twice.
 */
async function refund(
  context: SandboxContext,
  transaction: SandboxTransaction,
  lines: RefundLine[],
): Promise<RefundOutcome> {
  return context.db.transaction(async (tx) => {
    const ids = lines.map((line) => line.prodRefundId);
    const known = await tx
      .select()
      .from(sandboxRefunds)
      .where(and(eq(sandboxRefunds.merchId, transaction.merchId), inArray(sandboxRefunds.prodRefundId, ids)));
    const fresh = lines.filter((line) => !known.some((refund) => refund.prodRefundId === line.prodRefundId));
    const knownLines = lines.flatMap((line) =>
      known.filter((refund) => refund.prodRefundId === line.prodRefundId).map(acceptedLine),
    );
    if (fresh.length === 0) {
      // A repeat: the first result again, nothing refunded twice.
      const first = knownLines[0]?.prodDescription ?? STATUS.partialRefund.description;
      return { status: { ...STATUS.fullRefund, description: first }, lines: knownLines };
    }

    const freshTotal = fresh.reduce((total, line) => total + line.prodRefundAmount, 0);
    const table = sandboxTransactions;
    const [updated] = await tx
      .update(table)
      .set({ refundedAmount: sql`${table.refundedAmount} + ${freshTotal}`, updatedAt: sql`now()` })
      .where(
        and(
          eq(table.atomTokenId, transaction.atomTokenId),
          eq(table.status, "success"),
          sql`${table.refundedAmount} + ${freshTotal} <= ${table.amount} + ${table.surchargeAmount}`,
        ),
      )
      .returning();
    if (!updated) {
      const refused = transaction.status === "success" ? STATUS.refundExceedsBalance : STATUS.notRefundable;
      return { status: refused, lines: [...knownLines, ...fresh.map((line) => refusedLine(line, refused))] };
    }
    const status =
      updated.refundedAmount === updated.amount + updated.surchargeAmount ? STATUS.fullRefund : STATUS.partialRefund;
    const inserted = await tx
      .insert(sandboxRefunds)
      .values(
        fresh.map((line) => ({
          atomTokenId: transaction.atomTokenId,
          merchId: transaction.merchId,
          prodRefundId: line.prodRefundId,
          prodName: line.prodName,
          amount: line.prodRefundAmount,
          description: status.description,
        })),
      )
      .onConflictDoNothing()
      .returning();
    if (inserted.length !== fresh.length) throw new RefundRace();
    return { status, lines: [...knownLines, ...inserted.map(acceptedLine)] };
  });
}

/** REFUNDINIT (protocol page §6): refusals and results are encrypted answers with HTTP 200. */
export const refundApi: GatewayApi = {
  name: "refund",

  scopes: scopesOfMerchTxnId,

  async answer(context, payload) {
    const merchant = checkMerchant(context.atom, sectionOf(payload, "merchDetails"), { password: "plain" });
    if (merchant === "unknown") return answer(context, STATUS.invalidMerchant);
    const parsed = refundRequestSchema.safeParse(payload);
    if (!parsed.success) return answer(context, validationFailed(firstIssue(parsed.error)));
    const { merchDetails, payDetails } = parsed.data.payInstrument;

    const signed = refundSignatureMessage({
      merchId: merchDetails.merchId,
      password: merchDetails.password,
      merchTxnId: merchDetails.merchTxnId,
      totalRefundAmountPaise: payDetails.totalRefundAmount,
      currency: payDetails.txnCurrency,
    });
    if (!verifyHex(context.atom.requestHashKey, signed, payDetails.signature)) {
      return answer(context, STATUS.signatureMismatch);
    }
    const lines = payDetails.prodDetails;
    if (lines.reduce((total, line) => total + line.prodRefundAmount, 0) !== payDetails.totalRefundAmount) {
      return answer(context, validationFailed("payDetails.totalRefundAmount must equal the sum of prodRefundAmount"));
    }
    if (new Set(lines.map((line) => line.prodRefundId)).size !== lines.length) {
      return answer(context, validationFailed("payDetails.prodDetails prodRefundId values must be unique"));
    }
    if (lines.some((line) => line.prodName !== context.atom.productId)) {
      return answer(
        context,
        validationFailed(`payDetails.prodDetails prodName must be the merchant's product (${context.atom.productId})`),
      );
    }
    const transaction = await findByMerchTxnId(context.db, merchDetails.merchId, merchDetails.merchTxnId);
    if (
      transaction === undefined ||
      transaction.status === "created" ||
      String(transaction.atomTxnId) !== payDetails.atomTxnId
    ) {
      return answer(context, STATUS.noData);
    }

    let outcome: RefundOutcome;
    try {
      outcome = await refund(context, transaction, lines);
    } catch (error) {
      if (!(error instanceof RefundRace)) throw error;
      // The racing request has committed by now: our ids are known, so this answers its result.
      outcome = await refund(context, transaction, lines);
    }
    return answer(context, outcome.status, { atomTxnId: payDetails.atomTxnId, lines: outcome.lines });
  },
};
