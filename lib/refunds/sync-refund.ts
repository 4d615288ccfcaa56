import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { CLAIM_LEASE_SECONDS, claimDue } from "@/db/claim-due";
import { secondsAgo, secondsFromNow } from "@/db/clock";
import { paymentAttempts, refunds, type Refund } from "@/db/schema";
import type { AtomClient } from "@/lib/atom";
import { openAttention } from "@/lib/attention/open-attention";
import { assertAdmin, auditActor } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { delayAfterChecks } from "@/lib/backoff";
import type { JobsConfig } from "@/lib/env";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { isRefundSettled, UNSETTLED_REFUND_STATUSES } from "@/lib/lifecycle/machines";
import { errorFields, log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { formatRupees } from "@/lib/money";
import { RefundRuleError } from "./errors";
import { outcomeOfRefundStatus } from "./gateway-outcome";
import { markResent, markSent, sendRefund } from "./send-refund";
import { applyRefundOutcome, findRefund, type RefundAudit } from "./settle-refund";

export type RefundSyncGateway = Pick<AtomClient, "refund" | "refundStatus">;

export interface RefundSyncContext {
  db: Database;
  gateway: RefundSyncGateway;
  jobs: Pick<JobsConfig, "refundSyncSchedule" | "refundHorizonSeconds">;
}

export interface RefundStatusCheck {
  refund: Refund;
  /** Whether this check settled the refund (completed or failed). */
  settled: boolean;
}

const UNSETTLED = inArray(refunds.status, [...UNSETTLED_REFUND_STATUSES]);

/** The admin's "Check with the gateway" on a refund whose outcome is unknown: one sync, now. */
export async function checkRefundStatus(
  context: RefundSyncContext,
  actor: SessionUser | null,
  input: { refundId: string },
): Promise<RefundStatusCheck> {
  assertAdmin(actor);
  return syncRefund(context, input.refundId, { source: "admin", actor: auditActor(actor) });
}

/**
 * Settles one unsettled refund by the gateway's record, never refunding twice:
 * - `processing`: REFUNDSTATUS lists it with its refundTxnId → completed (listed without
 *   one: waited for). Not listed, and its last send is older than the first step of the
 *   schedule (a 5xx, a timeout, NODATA) → REFUND is sent again under the SAME prodRefundId,
 *   so a gateway that made it can recognise it; an accepted answer completes it, and
 *   nothing about a re-send releases the amount (see sendRefund).
 * - `requested` older than that step (the server stopped between writing and sending it)
 *   → sent now, under its prodRefundId.
 * Then its next check is scheduled; one still unsettled past the horizon goes on the
 * needs-attention list. Safe from several places at once: every write is conditional.
 */
export async function syncRefund(
  context: RefundSyncContext,
  refundId: string,
  audit: RefundAudit,
): Promise<RefundStatusCheck> {
  const { db } = context;
  // Whether its last send (or, never sent, its writing) is a schedule step old, on the database's clock.
  const [read] = await db
    .select({
      refund: refunds,
      sendDue: sql<boolean>`coalesce(${refunds.lastSentAt}, ${refunds.updatedAt}) <= ${secondsAgo(delayAfterChecks(context.jobs.refundSyncSchedule, 0))}`,
    })
    .from(refunds)
    .where(eq(refunds.id, refundId));
  if (read === undefined) throw new RefundRuleError("refund_not_found", "No such refund.");
  const { refund, sendDue } = read;
  return withLogContext({ orderId: refund.orderId, refundId: refund.id }, () =>
    syncReadRefund(context, refund, sendDue, audit),
  );
}

async function syncReadRefund(
  context: RefundSyncContext,
  refund: Refund,
  sendDue: boolean,
  audit: RefundAudit,
): Promise<RefundStatusCheck> {
  // Settled already (by another check, or the sync): nothing to ask, nothing to schedule.
  if (isRefundSettled(refund.status)) return { refund, settled: false };
  const { db } = context;
  let current = refund;
  if (refund.status === "requested" && sendDue) {
    const sent = await markSent(db, refund, audit);
    if (sent !== undefined) current = await sendRefund(db, context.gateway, sent, audit, { resend: false });
  } else if (refund.status === "processing") {
    current = await settleProcessing(context, refund, audit, sendDue);
  }
  await scheduleNextCheck(context, current);
  // It was unsettled when read (above), so settled now means this check settled it.
  return { refund: current, settled: isRefundSettled(current.status) };
}

async function settleProcessing(
  context: RefundSyncContext,
  refund: Refund,
  audit: RefundAudit,
  sendDue: boolean,
): Promise<Refund> {
  const { db } = context;
  // The refund was sent against its own payment attempt's transaction: ask about that one.
  const [attempt] = await db
    .select({ atomTxnId: paymentAttempts.atomTxnId })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.id, refund.attemptId));
  if (attempt?.atomTxnId == null)
    throw new RefundRuleError("no_gateway_transaction", "The refunded payment has no gateway transaction.");

  let outcome;
  try {
    outcome = outcomeOfRefundStatus(await context.gateway.refundStatus({ atomTxnId: attempt.atomTxnId }), refund);
  } catch (error) {
    // Nothing is known: the next scheduled check asks again.
    log.warn({ refundId: refund.id, ...errorFields(error) }, "refund status check failed");
    return refund;
  }
  log.info({ listed: outcome !== null, sendDue }, "Refund status checked");
  if (outcome !== null) return applyRefundOutcome(db, refund.id, "processing", outcome, audit);

  if (sendDue) {
    const resent = await markResent(db, refund, audit);
    if (resent !== undefined) return sendRefund(db, context.gateway, resent, audit, { resend: true });
    return findRefund(db, refund.id);
  }
  await recordPaymentEvent(db, {
    orderId: refund.orderId,
    refundId: refund.id,
    type: "refund_status_checked",
    source: audit.source,
    actor: audit.actor,
    detail: { listed: false, attemptId: refund.attemptId },
  });
  return refund;
}

async function scheduleNextCheck(context: RefundSyncContext, refund: Refund): Promise<void> {
  // One statement: it locks the refund alone, so it never holds a lock the order-first writers wait for.
  const [checked] = await context.db
    .update(refunds)
    .set({
      checkCount: sql`${refunds.checkCount} + 1`,
      nextCheckAt: sql`case when ${UNSETTLED} then ${secondsFromNow(delayAfterChecks(context.jobs.refundSyncSchedule, refund.checkCount + 1))} else null end`,
    })
    .where(eq(refunds.id, refund.id))
    .returning({
      id: refunds.id,
      orderId: refunds.orderId,
      status: refunds.status,
      refundAmount: refunds.refundAmount,
      prodRefundId: refunds.prodRefundId,
      sendCount: refunds.sendCount,
      pastHorizon: sql<boolean>`${UNSETTLED} and ${refunds.createdAt} < ${secondsAgo(context.jobs.refundHorizonSeconds)}`,
    });
  if (checked?.pastHorizon !== true) return;
  await context.db.transaction((tx) =>
    openAttention(tx, {
      kind: "refund_unsettled_past_horizon",
      subject: checked.id,
      orderId: checked.orderId,
      reason: `The refund of ${formatRupees(checked.refundAmount)} (${checked.prodRefundId}) is still ${checked.status} after ${checked.sendCount} send(s): the gateway has not confirmed it. It is still checked on schedule.`,
      detail: { refundId: checked.id, prodRefundId: checked.prodRefundId, sendCount: checked.sendCount },
    }),
  );
}

/** When a refund that was never checked is first due: the schedule's first step after it last changed. */
const due = (context: Pick<RefundSyncContext, "jobs">) =>
  sql`coalesce(${refunds.nextCheckAt}, ${refunds.updatedAt} + make_interval(secs => ${delayAfterChecks(context.jobs.refundSyncSchedule, 0)}))`;

/**
 * Claims up to `limit` unsettled refunds whose check is due, with `FOR UPDATE SKIP LOCKED`
 * and a lease, so several instances never work on one refund at once.
 */
export async function claimDueRefunds(
  context: Pick<RefundSyncContext, "db" | "jobs">,
  limit: number,
): Promise<string[]> {
  return claimDue(context.db, {
    table: refunds,
    id: refunds.id,
    due: and(UNSETTLED, lte(due(context), sql`now()`))!,
    orderBy: due(context),
    lease: { nextCheckAt: secondsFromNow(CLAIM_LEASE_SECONDS) },
    limit,
  });
}

/** Unsettled refunds whose check is due (the admin's job view). */
export async function countDueRefunds(context: Pick<RefundSyncContext, "db" | "jobs">): Promise<number> {
  const [row] = await context.db
    .select({ count: sql<number>`count(*)::int` })
    .from(refunds)
    .where(and(UNSETTLED, lte(due(context), sql`now()`)));
  return row?.count ?? 0;
}
