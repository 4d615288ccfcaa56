import { eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import { orders, paymentAttempts, refunds, type Refund } from "@/db/schema";
import type { AtomClient } from "@/lib/atom";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { transitionRefund } from "@/lib/lifecycle/transitions";
import { crashPoint } from "@/lib/crash-point";
import { log } from "@/lib/log";
import { RefundRuleError } from "./errors";
import { outcomeOfRefundAnswer, outcomeOfRefundError, type RefundGatewayOutcome } from "./gateway-outcome";
import { applyRefundOutcome, type RefundAudit } from "./settle-refund";

export type RefundGateway = Pick<AtomClient, "refund">;

/** requested → processing, conditionally: whoever moves it first is the one who sends it. */
export async function markSent(db: Database, refund: Refund, audit: RefundAudit): Promise<Refund | undefined> {
  return db.transaction(async (tx) => {
    await lockOrderOf(tx, refund);
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
 * prodRefundId: the gateway answers a repeated id with its first result, so a refund it
 * did make is reported, not made twice. Counted and kept on the timeline.
 */
export async function markResent(db: Database, refund: Refund, audit: RefundAudit): Promise<Refund | undefined> {
  return db.transaction(async (tx) => {
    await lockOrderOf(tx, refund);
    const [row] = await tx
      .update(refunds)
      .set({ sendCount: sql`${refunds.sendCount} + 1`, lastSentAt: sql`now()` })
      .where(sql`${refunds.id} = ${refund.id} and ${refunds.status} = 'processing'`)
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

/** The order first, as every writer of payments and refunds locks (see applyGatewayResult): no deadlock. */
async function lockOrderOf(tx: Queryable, refund: Refund): Promise<void> {
  await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, refund.orderId)).for("update");
}

/**
 * Calls REFUND for a refund already marked processing (its one line, under its own
 * prodRefundId) and stores the outcome. On a re-send, an error never fails the refund:
 * an earlier send may have reached the gateway, so only the gateway's own answer decides.
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
    if (options.resend && outcome.kind === "failed") outcome = { kind: "unknown", message: outcome.message };
    log.warn({ refundId: refund.id, outcome: outcome.kind, errorMessage: outcome.message }, "refund call failed");
  }
  return applyRefundOutcome(db, refund.id, "processing", outcome, audit);
}
