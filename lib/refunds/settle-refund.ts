import { and, eq } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import { orders, paymentAttempts, refunds, type PaymentEventSource, type Refund, type RefundStatus } from "@/db/schema";
import { recordPaymentEvent } from "@/lib/orders/events";
import { assertRefundTransition, canTransitionOrder, canTransitionRefund } from "@/lib/orders/state-machine";
import { RefundRuleError } from "./errors";
import type { RefundGatewayOutcome } from "./gateway-outcome";
import { isPayingAttempt } from "./refundable";
import { log } from "@/lib/log";

export interface RefundAudit {
  source: Extract<PaymentEventSource, "admin" | "system">;
  actor?: { userId: string; email: string };
}

/**
 * Stores what the gateway said about a refund, in one transaction: completed (with its
 * refundTxnId; for the order's own payment the order's refunded total grows and the
 * order becomes `refunded` once everything paid is back; an extra payment's refund
 * leaves the order as it is) or failed (with the gateway's message). An unknown outcome
 * changes nothing but the timeline. Conditional on the refund's status, so when two
 * writers race (the admin's request and a status sync) the second changes nothing.
 */
export async function applyRefundOutcome(
  db: Database,
  refundId: string,
  /** The status the caller saw: nothing changes unless the refund is still in it. */
  expected: RefundStatus,
  outcome: RefundGatewayOutcome,
  audit: RefundAudit,
): Promise<Refund> {
  return db.transaction(async (tx) => {
    const current = await findRefund(tx, refundId);
    const event = { orderId: current.orderId, refundId, source: audit.source, actor: audit.actor };

    if (outcome.kind === "unknown") {
      if (current.status === expected) {
        await recordPaymentEvent(tx, { ...event, type: "refund_outcome_unknown", detail: { message: outcome.message, attemptId: current.attemptId } });
      }
      return current;
    }

    const target = outcome.kind;
    if (current.status !== expected || !canTransitionRefund(current.status, target)) return current;
    // The order first, as everywhere refunds are written: one lock order, no deadlock.
    const [order] = await tx.select().from(orders).where(eq(orders.id, current.orderId)).for("update");
    if (order === undefined) throw new RefundRuleError("order_not_found", "The refund's order no longer exists.");

    assertRefundTransition(current.status, target);
    const [updated] = await tx
      .update(refunds)
      .set({
        status: target,
        refundTxnId: outcome.kind === "completed" ? outcome.refundTxnId : null,
        gatewayStatusCode: outcome.statusCode,
        gatewayMessage: outcome.message.slice(0, 1000),
        updatedAt: new Date(),
      })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, current.status)))
      .returning();
    if (updated === undefined) return findRefund(tx, refundId);

    if (outcome.kind === "failed") {
      await recordPaymentEvent(tx, {
        ...event,
        type: "refund_failed",
        detail: { amountPaise: updated.refundAmount, statusCode: outcome.statusCode, message: outcome.message, attemptId: updated.attemptId },
      });
      return updated;
    }

    const [attempt] = await tx.select({ atomTxnId: paymentAttempts.atomTxnId }).from(paymentAttempts).where(eq(paymentAttempts.id, updated.attemptId));
    if (attempt === undefined || !isPayingAttempt(order, attempt)) {
      // An extra payment's refund: the order's refunded total and status describe the
      // order's own payment, so they stay as they are.
      await recordPaymentEvent(tx, {
        ...event,
        type: "refund_completed",
        detail: { amountPaise: updated.refundAmount, refundTxnId: outcome.refundTxnId, attemptId: updated.attemptId, extraPayment: true },
      });
      return updated;
    }

    const refundedAmount = order.refundedAmount + updated.refundAmount;
    const fullyRefunded = refundedAmount >= order.totalAmount && order.status !== "refunded";
    const becomesRefunded = fullyRefunded && canTransitionOrder(order.status, "refunded");
    await tx
      .update(orders)
      .set({ refundedAmount, status: becomesRefunded ? "refunded" : order.status, updatedAt: new Date() })
      .where(eq(orders.id, order.id));
    await recordPaymentEvent(tx, {
      ...event,
      type: "refund_completed",
      detail: { amountPaise: updated.refundAmount, refundTxnId: outcome.refundTxnId, refundedTotalPaise: refundedAmount, attemptId: updated.attemptId },
    });
    if (becomesRefunded) {
      await recordPaymentEvent(tx, { ...event, type: "order_refunded", detail: { from: order.status, refundedTotalPaise: refundedAmount } });
    } else if (fullyRefunded) {
      // The money is back either way; the order's status is left as it was and flagged in the timeline.
      log.error({ orderId: order.id, status: order.status }, "order fully refunded but its status cannot become refunded");
      await recordPaymentEvent(tx, { ...event, type: "order_refund_transition_refused", detail: { from: order.status } });
    }
    return updated;
  });
}

export async function findRefund(db: Queryable, refundId: string): Promise<Refund> {
  const [refund] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  if (refund === undefined) throw new RefundRuleError("refund_not_found", "No such refund.");
  return refund;
}
