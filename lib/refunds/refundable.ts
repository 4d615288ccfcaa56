import { eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { refunds, type Order, type PaymentAttempt, type RefundStatus } from "@/db/schema";

/** Refunds whose money is promised but not yet confirmed: they count against what is refundable. */
export const IN_FLIGHT_REFUND_STATUSES: readonly RefundStatus[] = ["requested", "processing"];

/** What can still be refunded of the order's own payment (the attempt that paid the order). */
export interface RefundableSummary {
  /** What the shopper paid for the goods (orders.total_amount): the most that can be refunded. */
  paidPaise: number;
  /** The gateway's convenience fee on top: not refunded by the merchant. */
  surchargePaise: number;
  /** Completed refunds (orders.refunded_amount). */
  refundedPaise: number;
  /** Requested or processing refunds of the order's own payment. */
  inFlightPaise: number;
  refundablePaise: number;
}

export function refundableSummary(order: Pick<Order, "totalAmount" | "surchargeAmount" | "refundedAmount">, inFlightPaise: number): RefundableSummary {
  return {
    paidPaise: order.totalAmount,
    surchargePaise: order.surchargeAmount,
    refundedPaise: order.refundedAmount,
    inFlightPaise,
    refundablePaise: Math.max(0, order.totalAmount - order.refundedAmount - inFlightPaise),
  };
}

/** The attempt that paid the order: it carries the order's atomTxnId. */
export function isPayingAttempt(order: Pick<Order, "atomTxnId">, attempt: Pick<PaymentAttempt, "atomTxnId">): boolean {
  return order.atomTxnId !== null && attempt.atomTxnId === order.atomTxnId;
}

/**
 * Money the shop holds beyond the order's own payment: a completed attempt with a gateway
 * transaction that did not pay the order (the shopper paid twice, or paid after cancelling).
 */
export function isExtraPayment<Attempt extends Pick<PaymentAttempt, "status" | "atomTxnId">>(
  order: Pick<Order, "atomTxnId">,
  attempt: Attempt,
): attempt is Attempt & { atomTxnId: string } {
  return attempt.status === "completed" && attempt.atomTxnId !== null && !isPayingAttempt(order, attempt);
}

/** What can still be refunded of one extra payment: its amount, less its completed and in-flight refunds. */
export interface ExtraPaymentSummary {
  attemptId: string;
  merchTxnId: string;
  atomTxnId: string;
  /** The attempt's amount for the goods; the gateway's fee on top is not refunded. */
  paidPaise: number;
  surchargePaise: number;
  refundedPaise: number;
  inFlightPaise: number;
  refundablePaise: number;
}

export function extraPaymentSummary(
  attempt: Pick<PaymentAttempt, "id" | "merchTxnId" | "amount" | "surchargeAmount"> & { atomTxnId: string },
  totals: AttemptRefundTotals,
): ExtraPaymentSummary {
  return {
    attemptId: attempt.id,
    merchTxnId: attempt.merchTxnId,
    atomTxnId: attempt.atomTxnId,
    paidPaise: attempt.amount,
    surchargePaise: attempt.surchargeAmount ?? 0,
    refundedPaise: totals.completedPaise,
    inFlightPaise: totals.inFlightPaise,
    refundablePaise: Math.max(0, attempt.amount - totals.completedPaise - totals.inFlightPaise),
  };
}

export interface AttemptRefundTotals {
  completedPaise: number;
  inFlightPaise: number;
}

const NO_REFUNDS: AttemptRefundTotals = { completedPaise: 0, inFlightPaise: 0 };

/** Completed and in-flight refund sums of each of an order's payment attempts. Exact only while the order row is locked. */
export async function refundTotalsByAttempt(db: Queryable, orderId: string): Promise<(attemptId: string | undefined) => AttemptRefundTotals> {
  const inFlight = inArray(refunds.status, [...IN_FLIGHT_REFUND_STATUSES]);
  const rows = await db
    .select({
      attemptId: refunds.attemptId,
      completedPaise: sql<number>`coalesce(sum(${refunds.refundAmount}) filter (where ${eq(refunds.status, "completed")}), 0)`.mapWith(Number),
      inFlightPaise: sql<number>`coalesce(sum(${refunds.refundAmount}) filter (where ${inFlight}), 0)`.mapWith(Number),
    })
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .groupBy(refunds.attemptId);
  const byAttempt = new Map(rows.map(({ attemptId, ...totals }) => [attemptId, totals]));
  return (attemptId) => (attemptId === undefined ? undefined : byAttempt.get(attemptId)) ?? NO_REFUNDS;
}
