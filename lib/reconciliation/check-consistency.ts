import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { lockOrder } from "@/lib/lifecycle/transitions";
import { secondsAgo } from "@/db/clock";
import { orders, paymentAttempts, refunds } from "@/db/schema";
import { openAttention } from "@/lib/attention/open-attention";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { UNSETTLED_REFUND_STATUSES } from "@/lib/lifecycle/machines";
import { log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { markOrderPaid } from "@/lib/payments/apply-gateway-result";
import { requeryAttempt, type RequeryContext } from "@/lib/payments/requery-payment";

export interface ConsistencyReport {
  /** Problems found on the first pass. */
  found: number;
  /** Of those, put right by the gateway's record (each recorded as `inconsistency_repaired`). */
  repaired: number;
  /** Put on the needs-attention list (new or already there). */
  attention: number;
}

/** At most this many of each problem are handled per run; the rest wait for the next. */
const LIMIT = 50;

/**
 * Looks for what should never be, and puts it right where the gateway's record decides
 * (recorded as an `inconsistency_repaired` event, which notifies the admins); everything
 * else goes on the needs-attention list with the reason. Then checks again, so a repair
 * that did not hold is reported too (consistency check → fix → run again).
 */
export async function checkConsistency(context: RequeryContext): Promise<ConsistencyReport> {
  const first = await findProblems(context);
  let repaired = 0;
  for (const problem of first) {
    const { repair, attention } = problem;
    if (repair === undefined) continue;
    await withLogContext({ orderId: attention.orderId ?? undefined }, async () => {
      if (!(await repair())) return;
      repaired += 1;
      log.info({ problem: attention.kind }, "Inconsistency repaired");
    });
  }
  const remaining = repaired > 0 ? await findProblems(context) : first;
  for (const problem of remaining) await context.db.transaction((tx) => openAttention(tx, problem.attention));
  const report = { found: first.length, repaired, attention: remaining.length };
  if (report.found > 0) log.info(report, "Consistency check found problems");
  return report;
}

interface Problem {
  attention: Parameters<typeof openAttention>[1];
  /** Puts it right from the gateway's record; false when the record does not decide. */
  repair?: () => Promise<boolean>;
}

async function findProblems(context: RequeryContext): Promise<Problem[]> {
  return [
    ...(await paidWithoutTransaction(context)),
    ...(await completedAttemptsOfUnpaidOrders(context)),
    ...(await overRefunded(context)),
    ...(await refundedWithOpenRefund(context)),
    ...(await unpaidPastHorizon(context)),
  ];
}

const PAID_STATUSES = ["paid", "shipped", "delivered", "refunded"] as const;

/** An order paid without the gateway's transaction id: taken from its one completed attempt when there is exactly one. */
async function paidWithoutTransaction({ db }: RequeryContext): Promise<Problem[]> {
  const rows = await db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(and(inArray(orders.status, [...PAID_STATUSES]), isNull(orders.atomTxnId)))
    .limit(LIMIT);
  return rows.map((order) => ({
    attention: {
      kind: "paid_without_transaction",
      subject: order.id,
      orderId: order.id,
      reason: `Order is ${order.status} but records no atomTxnId, and its payments do not show which one paid it.`,
    },
    repair: () =>
      db.transaction(async (tx) => {
        const completed = await tx
          .select({ merchTxnId: paymentAttempts.merchTxnId, atomTxnId: paymentAttempts.atomTxnId })
          .from(paymentAttempts)
          .where(and(eq(paymentAttempts.orderId, order.id), eq(paymentAttempts.status, "completed")));
        const paying = completed.length === 1 ? completed[0] : undefined;
        if (paying?.atomTxnId == null) return false;
        const [fixed] = await tx
          .update(orders)
          .set({ atomTxnId: paying.atomTxnId, merchTxnId: paying.merchTxnId, updatedAt: sql`now()` })
          .where(and(eq(orders.id, order.id), isNull(orders.atomTxnId)))
          .returning({ id: orders.id });
        if (fixed === undefined) return false;
        await recordPaymentEvent(tx, {
          orderId: order.id,
          type: "inconsistency_repaired",
          source: "system",
          detail: {
            problem: `order ${order.status} without atomTxnId`,
            repair: `atomTxnId ${paying.atomTxnId} taken from its completed payment ${paying.merchTxnId}`,
          },
        });
        return true;
      }),
  }));
}

/** A completed payment whose order still waits: paid when a fresh requery confirms it. */
async function completedAttemptsOfUnpaidOrders(context: RequeryContext): Promise<Problem[]> {
  const { db } = context;
  const rows = await db
    .select({ attemptId: paymentAttempts.id, orderId: orders.id, merchTxnId: paymentAttempts.merchTxnId })
    .from(paymentAttempts)
    .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
    .where(and(eq(paymentAttempts.status, "completed"), eq(orders.status, "pending")))
    .limit(LIMIT);
  return rows.map((row) => ({
    attention: {
      kind: "completed_attempt_unpaid_order",
      subject: row.attemptId,
      orderId: row.orderId,
      reason: `Payment ${row.merchTxnId} is completed but its order is still pending, and the gateway did not confirm it.`,
    },
    repair: async () => {
      if ((await requeryAttempt(context, row.attemptId)) !== "success") return false;
      return db.transaction(async (tx) => {
        const order = await lockOrder(tx, row.orderId);
        const [attempt] = await tx.select().from(paymentAttempts).where(eq(paymentAttempts.id, row.attemptId));
        if (order?.status !== "pending" || attempt?.status !== "completed" || attempt.atomTxnId === null) return false;
        const paid = await markOrderPaid(
          tx,
          order,
          attempt,
          {
            atomTxnId: attempt.atomTxnId,
            paymentMethod: attempt.paymentMethod,
            surchargePaise: attempt.surchargeAmount ?? 0,
          },
          "system",
        );
        if (!paid.changed) return false;
        await recordPaymentEvent(tx, {
          orderId: row.orderId,
          attemptId: attempt.id,
          type: "inconsistency_repaired",
          source: "system",
          detail: {
            problem: `payment ${attempt.merchTxnId} completed while its order was pending`,
            repair: `order paid: the gateway confirmed transaction ${attempt.atomTxnId}`,
          },
        });
        return true;
      });
    },
  }));
}

/** More refunded from a payment than it took: only an admin can sort that out with the gateway. */
async function overRefunded({ db }: RequeryContext): Promise<Problem[]> {
  const rows = await db
    .select({
      attemptId: paymentAttempts.id,
      orderId: paymentAttempts.orderId,
      paid: sql<number>`coalesce(${paymentAttempts.totalAmount}, ${paymentAttempts.amount})`,
      refunded: sql<number>`sum(${refunds.refundAmount})::int`,
    })
    .from(refunds)
    .innerJoin(paymentAttempts, eq(paymentAttempts.id, refunds.attemptId))
    .where(eq(refunds.status, "completed"))
    .groupBy(paymentAttempts.id)
    .having(sql`sum(${refunds.refundAmount}) > coalesce(${paymentAttempts.totalAmount}, ${paymentAttempts.amount})`)
    .limit(LIMIT);
  return rows.map((row) => ({
    attention: {
      kind: "over_refunded",
      subject: row.attemptId,
      orderId: row.orderId,
      reason: `Completed refunds of ${row.refunded} paise exceed the ${row.paid} paise this payment took.`,
      detail: { attemptId: row.attemptId, paidPaise: row.paid, refundedPaise: row.refunded },
    },
  }));
}

/** An order marked refunded while a refund of its own payment is still open. */
async function refundedWithOpenRefund({ db }: RequeryContext): Promise<Problem[]> {
  // Of the order's own payment (the attempt carrying its atomTxnId): an extra payment's
  // refund may still be open while the order's own is all back.
  const rows = await db
    .selectDistinct({ orderId: orders.id })
    .from(orders)
    .innerJoin(refunds, eq(refunds.orderId, orders.id))
    .innerJoin(
      paymentAttempts,
      and(eq(paymentAttempts.id, refunds.attemptId), eq(paymentAttempts.atomTxnId, orders.atomTxnId)),
    )
    .where(and(eq(orders.status, "refunded"), inArray(refunds.status, [...UNSETTLED_REFUND_STATUSES])))
    .limit(LIMIT);
  return rows.map((row) => ({
    attention: {
      kind: "refunded_with_open_refund",
      subject: row.orderId,
      orderId: row.orderId,
      reason: "The order is refunded while a refund of its own payment is still requested or processing.",
    },
  }));
}

/** An unpaid order well past its horizon that the expiry could not close (the gateway could not confirm it). */
async function unpaidPastHorizon({ db, jobs }: RequeryContext): Promise<Problem[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "pending"), lt(orders.createdAt, secondsAgo(jobs.paymentHorizonSeconds * 2))))
    .limit(LIMIT);
  return rows.map((order) => ({
    attention: {
      kind: "order_not_expired",
      subject: order.id,
      orderId: order.id,
      reason:
        "The order is still unpaid twice its horizon after it was placed: a payment is pending at the bank, or the gateway could not confirm that none was made.",
    },
  }));
}
