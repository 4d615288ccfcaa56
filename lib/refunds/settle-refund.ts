import { and, eq, notExists, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import {
  orders,
  paymentAttempts,
  refundItems,
  refunds,
  type PaymentEventSource,
  type Refund,
  type RefundStatus,
} from "@/db/schema";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { settleRefundedItems } from "@/lib/lifecycle/hold-stock";
import { canTransitionOrder, canTransitionRefund } from "@/lib/lifecycle/machines";
import { movedUnderLock, transitionOrder, transitionRefund, lockOrder } from "@/lib/lifecycle/transitions";
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
        log.info({ refundId, status: current.status }, "Refund outcome unknown: it stays open for the refund sync");
        await recordPaymentEvent(tx, {
          ...event,
          type: "refund_outcome_unknown",
          detail: { message: outcome.message, attemptId: current.attemptId },
        });
      }
      return current;
    }

    const target = outcome.kind;
    if (current.status !== expected || !canTransitionRefund(current.status, target)) return current;
    // The order first, as everywhere refunds are written: one lock order, no deadlock.
    const order = await lockOrder(tx, current.orderId);
    if (order === undefined) throw new RefundRuleError("order_not_found", "The refund's order no longer exists.");

    const gatewayFields = { gatewayStatusCode: outcome.statusCode, gatewayMessage: outcome.message.slice(0, 1000) };
    if (outcome.kind === "failed") {
      const failed = await transitionRefund(tx, {
        id: refundId,
        from: current.status,
        to: "failed",
        set: { refundTxnId: null, ...gatewayFields },
        event: {
          ...event,
          type: "refund_failed",
          detail: {
            amountPaise: current.refundAmount,
            statusCode: outcome.statusCode,
            message: outcome.message,
            attemptId: current.attemptId,
          },
        },
      });
      if (!failed.changed) return findRefund(tx, refundId);
      log.info({ refundId, statusCode: outcome.statusCode, amountPaise: current.refundAmount }, "Refund failed");
      return failed.row;
    }

    const completed = {
      id: refundId,
      from: current.status,
      to: "completed",
      set: { refundTxnId: outcome.refundTxnId, ...gatewayFields },
    } as const;
    const line = { amountPaise: current.refundAmount, refundTxnId: outcome.refundTxnId };
    const logCompleted = (extraPayment: boolean) => log.info({ refundId, ...line, extraPayment }, "Refund completed");
    const [attempt] = await tx
      .select({ atomTxnId: paymentAttempts.atomTxnId })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, current.attemptId));
    if (attempt === undefined || !isPayingAttempt(order, attempt)) {
      // An extra payment's refund: the order's refunded total and status describe the
      // order's own payment, so they stay as they are.
      const settled = await transitionRefund(tx, {
        ...completed,
        event: {
          ...event,
          type: "refund_completed",
          detail: { ...line, attemptId: current.attemptId, extraPayment: true },
        },
      });
      if (!settled.changed) return findRefund(tx, refundId);
      logCompleted(true);
      return settled.row;
    }

    const refundedAmount = order.refundedAmount + current.refundAmount;
    const settled = await transitionRefund(tx, {
      ...completed,
      event: {
        ...event,
        type: "refund_completed",
        detail: { ...line, refundedTotalPaise: refundedAmount, attemptId: current.attemptId },
      },
    });
    if (!settled.changed) return findRefund(tx, refundId);
    logCompleted(false);
    // An item refund's units leave the order's hold now, once (the refund completes once):
    // back in stock when the admin asked, written off otherwise.
    await settleRefundedItems(tx, order.id, current, {
      source: audit.source,
      actor: audit.actor,
      attemptId: current.attemptId,
      refundId,
    });

    const fullyRefunded = refundedAmount >= order.totalAmount && order.status !== "refunded";
    if (fullyRefunded && canTransitionOrder(order.status, "refunded")) {
      const refunded = await transitionOrder(tx, {
        id: order.id,
        from: order.status,
        to: "refunded",
        set: { refundedAmount },
        // The admin ticked "Put the items back in stock" on a completed full refund by amount (this one, usually);
        // an item refund restocked its own units above, and the rest stays held.
        restock: await restockAsked(tx, order.id),
        event: { ...event, type: "order_refunded", detail: { from: order.status, refundedTotalPaise: refundedAmount } },
      });
      movedUnderLock(refunded, `Order ${order.id}`);
      return settled.row;
    }
    // A partial refund: the total grows, the status stays (no transition, so no kernel call).
    await tx
      .update(orders)
      .set({ refundedAmount, updatedAt: sql`now()` })
      .where(eq(orders.id, order.id));
    if (fullyRefunded) {
      // The money is back either way; the order's status is left as it was and flagged in the timeline.
      log.error(
        { orderId: order.id, status: order.status },
        "order fully refunded but its status cannot become refunded",
      );
      await recordPaymentEvent(tx, {
        ...event,
        type: "order_refund_transition_refused",
        detail: { from: order.status },
      });
    }
    return settled.row;
  });
}

/** A completed refund by amount (one naming no units) of this order asked for its goods to go back in stock. */
async function restockAsked(tx: Queryable, orderId: string): Promise<boolean> {
  const [asked] = await tx
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        eq(refunds.orderId, orderId),
        eq(refunds.restock, true),
        eq(refunds.status, "completed"),
        notExists(tx.select({ id: refundItems.id }).from(refundItems).where(eq(refundItems.refundId, refunds.id))),
      ),
    )
    .limit(1);
  return asked !== undefined;
}

export async function findRefund(db: Queryable, refundId: string): Promise<Refund> {
  const [refund] = await db.select().from(refunds).where(eq(refunds.id, refundId));
  if (refund === undefined) throw new RefundRuleError("refund_not_found", "No such refund.");
  return refund;
}
