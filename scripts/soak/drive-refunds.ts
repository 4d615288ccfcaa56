import { randomBytes } from "node:crypto";
import { RefundRuleError } from "@/lib/refunds/errors";
import { requestRefund } from "@/lib/refunds/request-refund";
import type { RefundRequest } from "@/lib/refunds/refund-input";
import type { App } from "./connect-app";
import { applyRefundFault, liftRefundFault } from "./inject-faults";
import { randomFor, type Random } from "./seeded-random";
import type { Instance } from "./start-instances";

// The admin's refunds, through the app's own requestRefund: full, partial or in two
// parts, some double-submitted from two instances at once, some under REFUND faults.

export interface RefundWanted {
  orderId: string;
  /** The order's own payment, or an extra one (paid twice, or after cancelling). */
  payment: "own" | "extra";
}

interface RefundTarget {
  attemptId: string;
  merchTxnId: string;
  refundablePaise: number;
}

const PLAN_WEIGHTS = { full: 40, partial: 35, twoParts: 25 } as const;
const DOUBLE_SUBMIT_SHARE = 0.15;

/** Refunds the payment if it can be refunded now; "not_ready" when it is not paid (yet) or nothing is left. */
export async function refundPayment(app: App, wanted: RefundWanted, random: Random): Promise<"sent" | "not_ready"> {
  const target = await findTarget(app, wanted);
  if (target === undefined || target.refundablePaise <= 0) return "not_ready";
  const plan = target.refundablePaise < 2 ? "full" : random.weighted(PLAN_WEIGHTS);
  const left = target.refundablePaise;
  const amounts =
    plan === "full"
      ? [left]
      : plan === "partial"
        ? [random.int(1, left - 1)]
        : ((first) => [first, left - first])(random.int(1, left - 1));
  const faults = await applyRefundFault(app, random, target.merchTxnId);
  try {
    for (const amountPaise of amounts) {
      const input: RefundRequest = {
        orderId: wanted.orderId,
        ...(wanted.payment === "extra" ? { attemptId: target.attemptId } : {}),
        amountPaise,
        reason: `Soak refund (${plan})`,
        idempotencyKey: randomBytes(18).toString("base64url"),
      };
      const first = await app.fleet.next();
      const instances = random.chance(DOUBLE_SUBMIT_SHARE) ? [first, await app.fleet.other(first)] : [first];
      if (instances.length > 1) app.tally.add("refund:double-submitted");
      await Promise.all(instances.map((instance) => sendRefund(app, instance, input)));
    }
  } finally {
    await liftRefundFault(app, target.merchTxnId, faults);
  }
  return "sent";
}

/**
 * The refunds whose payment was not recorded while its shopper waited, `concurrency` at a
 * time; those still not paid are counted as skipped. `firstIndex` keeps their random
 * draws apart from the payments'.
 */
export async function refundDeferred(
  app: App,
  deferred: readonly RefundWanted[],
  concurrency: number,
  seed: number,
  firstIndex: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < deferred.length) {
      const index = next;
      next += 1;
      try {
        const sent = await refundPayment(app, deferred[index]!, randomFor(seed, firstIndex + index));
        if (sent === "not_ready") app.tally.add("refund:skipped, never paid");
      } catch (error) {
        app.tally.error(`deferred refund ${index}`, error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function sendRefund(app: App, instance: Instance, input: RefundRequest): Promise<void> {
  try {
    const outcome = await requestRefund(app.db, app.refundGateway(instance), app.admin, input);
    app.tally.add(`refund:${outcome.duplicate ? "same key, no new refund" : outcome.refund.status}`);
  } catch (error) {
    if (error instanceof RefundRuleError) app.tally.add(`refund:refused ${error.code}`);
    else app.tally.error("requestRefund", error);
  }
}

/** The completed attempt to refund and what is left of it, by the same rules as the admin's page. */
async function findTarget(app: App, wanted: RefundWanted): Promise<RefundTarget | undefined> {
  const rows = await app.sql<
    Array<{
      attemptId: string;
      merchTxnId: string;
      amount: number;
      paying: boolean;
      orderStatus: string;
      totalAmount: number;
      refundedAmount: number;
      completed: number;
      inFlight: number;
    }>
  >`
    select pa.id as "attemptId", pa.merch_txn_id as "merchTxnId", pa.amount,
           coalesce(pa.atom_txn_id = o.atom_txn_id, false) as paying,
           o.status as "orderStatus", o.total_amount as "totalAmount", o.refunded_amount as "refundedAmount",
           coalesce(sum(r.refund_amount) filter (where r.status = 'completed'), 0)::int as completed,
           coalesce(sum(r.refund_amount) filter (where r.status in ('requested', 'processing')), 0)::int as "inFlight"
    from payment_attempts pa
    join orders o on o.id = pa.order_id
    left join refunds r on r.attempt_id = pa.id
    where pa.order_id = ${wanted.orderId} and pa.status = 'completed' and pa.atom_txn_id is not null
    group by pa.id, o.id
    order by pa.created_at`;
  if (wanted.payment === "own") {
    const own = rows.find((row) => row.paying && ["paid", "shipped", "delivered"].includes(row.orderStatus));
    if (own === undefined) return undefined;
    return {
      attemptId: own.attemptId,
      merchTxnId: own.merchTxnId,
      refundablePaise: own.totalAmount - own.refundedAmount - own.inFlight,
    };
  }
  const extra = rows.find((row) => !row.paying);
  if (extra === undefined) return undefined;
  return {
    attemptId: extra.attemptId,
    merchTxnId: extra.merchTxnId,
    refundablePaise: extra.amount - extra.completed - extra.inFlight,
  };
}
