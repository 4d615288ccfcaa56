import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { paymentAttempts, refunds, type Refund } from "@/db/schema";
import type { AtomClient } from "@/lib/atom";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { lockOrder, transitionRefund } from "@/lib/lifecycle/transitions";
import { openAttention } from "@/lib/attention/open-attention";
import { crashPoint } from "@/lib/crash-point";
import { formatRupees } from "@/lib/money";
import { log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { RefundRuleError } from "./errors";
import { outcomeOfRefundAnswer, outcomeOfRefundError, type RefundGatewayOutcome } from "./gateway-outcome";
import { applyRefundOutcome, type RefundAudit } from "./settle-refund";

export type RefundGateway = Pick<AtomClient, "refund">;

/** requested → processing, conditionally: whoever moves it first is the one who sends it. */
export async function markSent(db: Database, refund: Refund, audit: RefundAudit): Promise<Refund | undefined> {
  return db.transaction(async (tx) => {
    await lockOrder(tx, refund.orderId);
    const sent = await transitionRefund(tx, {
      id: refund.id,
      from: "requested",
      to: "processing",
      set: { sendCount: 1, lastSentAt: sql`now()` },
      event: {
        type: "refund_sent",
        ...audit,
        detail: { amountPaise: refund.refundAmount, prodRefundId: refund.prodRefundId, attemptId: refund.attemptId },
      },
    });
    return sent.changed ? sent.row : undefined;
  });
}

/**
 * A processing refund the gateway does not list is sent again, under the SAME
 * prodRefundId, so a gateway that made it can recognise it and not make it twice.
 * Compare-and-set on the send count the caller read: of two workers holding the same
 * refund, one sends. Counted and kept on the timeline.
 */
export async function markResent(db: Database, refund: Refund, audit: RefundAudit): Promise<Refund | undefined> {
  return db.transaction(async (tx) => {
    await lockOrder(tx, refund.orderId);
    const [row] = await tx
      .update(refunds)
      .set({ sendCount: sql`${refunds.sendCount} + 1`, lastSentAt: sql`now()` })
      .where(and(eq(refunds.id, refund.id), eq(refunds.status, "processing"), eq(refunds.sendCount, refund.sendCount)))
      .returning();
    if (row === undefined) return undefined;
    await recordPaymentEvent(tx, {
      orderId: row.orderId,
      refundId: row.id,
      type: "refund_resent",
      ...audit,
      detail: {
        amountPaise: row.refundAmount,
        prodRefundId: row.prodRefundId,
        attemptId: row.attemptId,
        sendCount: row.sendCount,
      },
    });
    return row;
  });
}

/**
 * Calls REFUND for a refund already marked processing (its one line, under its own
 * prodRefundId) and stores the outcome. A re-send never fails the refund: an earlier send
 * may have been made, so neither an error nor a refusal (a gateway may refuse a repeated
 * id as a duplicate) may release the amount. A refused re-send stays processing and goes
 * on the needs-attention list for an admin to settle with the gateway.
 */
export async function sendRefund(
  db: Database,
  gateway: RefundGateway,
  refund: Refund,
  audit: RefundAudit,
  options: { resend: boolean },
): Promise<Refund> {
  const [payment] = await db
    .select({ merchTxnId: paymentAttempts.merchTxnId, atomTxnId: paymentAttempts.atomTxnId })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.id, refund.attemptId));
  if (payment?.atomTxnId == null)
    throw new RefundRuleError("no_gateway_transaction", "The refunded payment has no gateway transaction.");
  const refunded = { merchTxnId: payment.merchTxnId, atomTxnId: payment.atomTxnId };
  return withLogContext({ orderId: refund.orderId, refundId: refund.id, merchTxnId: refunded.merchTxnId }, () =>
    callRefund(db, gateway, refund, audit, options, refunded),
  );
}

async function callRefund(
  db: Database,
  gateway: RefundGateway,
  refund: Refund,
  audit: RefundAudit,
  options: { resend: boolean },
  /** The payment refunded, as REFUND names it. */
  payment: { merchTxnId: string; atomTxnId: string },
): Promise<Refund> {
  log.info(
    { prodRefundId: refund.prodRefundId, amountPaise: refund.refundAmount, resend: options.resend },
    options.resend ? "Refund sent again" : "Refund sent",
  );
  let outcome: RefundGatewayOutcome;
  try {
    const answer = await gateway.refund({
      merchTxnId: payment.merchTxnId,
      atomTxnId: payment.atomTxnId,
      lines: [{ prodRefundId: refund.prodRefundId, amountPaise: refund.refundAmount }],
    });
    crashPoint("refund:after-gateway");
    outcome = outcomeOfRefundAnswer(answer, refund);
  } catch (error) {
    outcome = outcomeOfRefundError(error);
    log.warn({ refundId: refund.id, outcome: outcome.kind, errorMessage: outcome.message }, "refund call failed");
  }
  if (!options.resend || outcome.kind !== "failed")
    return applyRefundOutcome(db, refund.id, "processing", outcome, audit);

  const refused = `The gateway refused the refund sent again (${outcome.message}); an earlier send may have been made.`;
  const settled = await applyRefundOutcome(db, refund.id, "processing", { kind: "unknown", message: refused }, audit);
  await db.transaction((tx) =>
    openAttention(tx, {
      kind: "refund_resend_refused",
      subject: refund.id,
      orderId: refund.orderId,
      reason: `${refused} The refund of ${formatRupees(refund.refundAmount)} (${refund.prodRefundId}) stays processing, its amount held, until settled with the gateway.`,
      detail: { refundId: refund.id, prodRefundId: refund.prodRefundId, statusCode: outcome.statusCode },
    }),
  );
  return settled;
}
