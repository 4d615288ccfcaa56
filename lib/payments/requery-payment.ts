import { and, eq, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { CLAIM_LEASE_SECONDS, claimDue } from "@/db/claim-due";
import { secondsAgo, secondsFromNow } from "@/db/clock";
import { paymentAttempts, type PaymentAttempt, type PaymentCheckResult } from "@/db/schema";
import { AtomTransactionNotFoundError, isAtomError, type AtomClient } from "@/lib/atom";
import { openAttention } from "@/lib/attention/open-attention";
import { delayAfterChecks } from "@/lib/backoff";
import type { JobsConfig } from "@/lib/env";
import { lockOrder, transitionAttempt } from "@/lib/lifecycle/transitions";
import { errorFields, log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { applyVerifiedResult } from "./receive-gateway-result";

export interface RequeryContext {
  db: Database;
  gateway: Pick<AtomClient, "transactionStatus">;
  merchId: string;
  jobs: Pick<JobsConfig, "requerySchedule" | "paymentHorizonSeconds" | "abandonAfterSeconds">;
}

/** The attempt states the requery keeps asking about: the gateway's last word on them may be lost. */
const UNSETTLED_ATTEMPT_STATUSES = ["initializing", "token_generated", "user_payment"] as const;
const unsettled = inArray(paymentAttempts.status, [...UNSETTLED_ATTEMPT_STATUSES]);

/**
 * What the requery asks about: attempts not final, and attempts it closed as abandoned
 * (the gateway had no record then) until the horizon, because a shopper slow at the bank
 * may still pay on them, and that money must be found even if its callback is lost.
 */
const stillAsked = (context: Pick<RequeryContext, "jobs">) =>
  or(
    unsettled,
    and(
      eq(paymentAttempts.status, "payment_failed"),
      eq(paymentAttempts.statusCode, ABANDONED_CODE),
      sql`${paymentAttempts.createdAt} > ${secondsAgo(context.jobs.paymentHorizonSeconds)}`,
    ),
  )!;
/** The status code an abandoned attempt is closed with (the dashboard keeps these out of the failures). */
export const ABANDONED_CODE = "NODATA";

/** The shopper's "Checking with the gateway…" asks at most this often per attempt, whoever reloads. */
const SHOPPER_CHECK_INTERVAL_SECONDS = 10;

/**
 * Asks the transaction status API about one attempt and stores the answer exactly as a
 * callback's (the same integrity checks and state machine, source `requery`; the answer
 * comes over the shop's own TLS request, encrypted with the merchant's response key, and
 * its signature is checked whenever the gateway sends one). "No such transaction" closes an
 * attempt as abandoned once it is older than the grace period (the shopper left the
 * overlay without paying), so they can pay again; it is still asked about until the
 * horizon. A `scheduled` check (the requery job's) counts as a step of the backing-off
 * schedule and sets the next; the shopper's, the admin's and the expiry's own checks do
 * not use up the schedule. An attempt still unsettled past the horizon goes on the
 * needs-attention list. Returns what the gateway said.
 */
export async function requeryAttempt(
  context: RequeryContext,
  attemptId: string,
  options: { scheduled: boolean } = { scheduled: false },
): Promise<PaymentCheckResult> {
  const [attempt] = await context.db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
  if (attempt === undefined) throw new Error(`No payment attempt ${attemptId}`);
  return withLogContext({ orderId: attempt.orderId, merchTxnId: attempt.merchTxnId }, () =>
    requery(context, attempt, options),
  );
}

async function requery(
  context: RequeryContext,
  attempt: PaymentAttempt,
  options: { scheduled: boolean },
): Promise<PaymentCheckResult> {
  const { db } = context;
  const found = await askGateway(context, attempt);
  log.info({ attemptId: attempt.id, scheduled: options.scheduled, answer: found }, "Payment requeried");
  if (found === "no_data") await abandonIfDue(context, attempt);
  const asked = stillAsked(context);
  const next = options.scheduled
    ? secondsFromNow(delayAfterChecks(context.jobs.requerySchedule, attempt.checkCount + 1))
    : paymentAttempts.nextCheckAt;
  // One statement: it locks the attempt alone, so it never holds a lock the order-first writers wait for.
  const [checked] = await db
    .update(paymentAttempts)
    .set({
      ...(options.scheduled ? { checkCount: sql`${paymentAttempts.checkCount} + 1` } : {}),
      lastCheckedAt: sql`now()`,
      lastCheckResult: found,
      nextCheckAt: sql`case when ${asked} then ${next} else null end`,
    })
    .where(eq(paymentAttempts.id, attempt.id))
    .returning({
      id: paymentAttempts.id,
      orderId: paymentAttempts.orderId,
      merchTxnId: paymentAttempts.merchTxnId,
      status: paymentAttempts.status,
      pastHorizon: sql<boolean>`${unsettled} and ${paymentAttempts.createdAt} < ${secondsAgo(context.jobs.paymentHorizonSeconds)}`,
    });
  if (checked?.pastHorizon === true) {
    await db.transaction((tx) =>
      openAttention(tx, {
        kind: "payment_pending_past_horizon",
        subject: checked.id,
        orderId: checked.orderId,
        reason: `Payment ${checked.merchTxnId} is still ${checked.status} ${Math.round(context.jobs.paymentHorizonSeconds / 3600)} h after it started; the gateway's last answer: ${found}. It is still asked about every ${delayAfterChecks(context.jobs.requerySchedule, Number.MAX_SAFE_INTEGER)} s.`,
        detail: { attemptId: checked.id, merchTxnId: checked.merchTxnId, lastCheckResult: found },
      }),
    );
  }
  return found;
}

async function askGateway(context: RequeryContext, attempt: PaymentAttempt): Promise<PaymentCheckResult> {
  try {
    const status = await context.gateway.transactionStatus({
      merchTxnId: attempt.merchTxnId,
      merchTxnDate: attempt.merchTxnDate,
      amountPaise: attempt.amount,
    });
    const outcome = await applyVerifiedResult(context, status, "requery");
    return outcome.kind === "applied" ? status.outcome : "mismatch";
  } catch (error) {
    if (error instanceof AtomTransactionNotFoundError) return "no_data";
    if (!isAtomError(error)) throw error;
    log.warn({ attemptId: attempt.id, merchTxnId: attempt.merchTxnId, ...errorFields(error) }, "requery failed");
    return "unavailable";
  }
}

/** An attempt the gateway has no payment for, older than the grace period, is closed so the order can be paid again. */
async function abandonIfDue(context: RequeryContext, attempt: PaymentAttempt): Promise<void> {
  if (attempt.status !== "initializing" && attempt.status !== "token_generated") return;
  const from = attempt.status;
  await context.db.transaction(async (tx) => {
    await lockOrder(tx, attempt.orderId);
    // Its age on the database's clock, as every instance sees it.
    const [due] = await tx
      .select({ id: paymentAttempts.id })
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.id, attempt.id),
          lt(paymentAttempts.createdAt, secondsAgo(context.jobs.abandonAfterSeconds)),
        ),
      );
    if (due === undefined) return;
    const abandoned = await transitionAttempt(tx, {
      id: attempt.id,
      from,
      to: "payment_failed",
      set: { statusCode: ABANDONED_CODE, statusMessage: "Abandoned: the gateway has no payment for this attempt." },
      event: {
        type: "payment_abandoned",
        source: "requery",
        detail: { statusCode: ABANDONED_CODE, checks: attempt.checkCount + 1 },
      },
    });
    if (abandoned.changed) log.info({ attemptId: attempt.id }, "Payment abandoned: the gateway has no payment for it");
  });
}

/** When an attempt is next due; one never asked about, the schedule's first step after it started. */
const firstDue = (context: Pick<RequeryContext, "jobs">) =>
  sql`coalesce(${paymentAttempts.nextCheckAt}, ${paymentAttempts.createdAt} + make_interval(secs => ${delayAfterChecks(context.jobs.requerySchedule, 0)}))`;

/**
 * Claims up to `limit` attempts still asked about whose check is due: `FOR UPDATE SKIP LOCKED`,
 * and a lease (the next check moved ahead), so several instances never ask about one
 * attempt at once; an instance that dies mid-check leaves it due again when the lease ends.
 */
export async function claimDueAttempts(context: Pick<RequeryContext, "db" | "jobs">, limit: number): Promise<string[]> {
  const due = firstDue(context);
  return claimDue(context.db, {
    table: paymentAttempts,
    id: paymentAttempts.id,
    due: and(stillAsked(context), lte(due, sql`now()`))!,
    orderBy: due,
    lease: { nextCheckAt: secondsFromNow(CLAIM_LEASE_SECONDS) },
    limit,
  });
}

/**
 * Seconds since the oldest attempt that is not final, and not yet past the payment
 * horizon, began; 0 when there is none. Past the horizon an attempt is on the
 * needs-attention list, where an admin settles it.
 */
export async function oldestPendingAttemptSeconds(context: Pick<RequeryContext, "db" | "jobs">): Promise<number> {
  const [row] = await context.db
    .select({
      seconds: sql<number>`coalesce(extract(epoch from now() - min(${paymentAttempts.createdAt})), 0)::float8`,
    })
    .from(paymentAttempts)
    .where(and(unsettled, gte(paymentAttempts.createdAt, secondsAgo(context.jobs.paymentHorizonSeconds))));
  return row?.seconds ?? 0;
}

/** Attempts still asked about whose check is due (the admin's job view). */
export async function countDueAttempts(context: Pick<RequeryContext, "db" | "jobs">): Promise<number> {
  const [row] = await context.db
    .select({ count: sql<number>`count(*)::int` })
    .from(paymentAttempts)
    .where(and(stillAsked(context), lte(firstDue(context), sql`now()`)));
  return row?.count ?? 0;
}

/**
 * The shopper's "Checking with the gateway…": a real requery of the order's newest
 * attempt while it is unsettled (the one the order page reads), at most once per
 * SHOPPER_CHECK_INTERVAL_SECONDS per attempt across every instance (the claim is a
 * conditional update). Returns what it found, or null when there was nothing to ask
 * about or it was asked about too recently.
 */
export async function checkPaymentForShopper(
  context: RequeryContext,
  orderId: string,
): Promise<PaymentCheckResult | null> {
  const { db } = context;
  const [latest] = await db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.orderId, orderId))
    .orderBy(sql`${paymentAttempts.createdAt} desc`)
    .limit(1);
  if (latest === undefined) return null;
  const [claimed] = await db
    .update(paymentAttempts)
    .set({ lastCheckedAt: sql`now()` })
    .where(
      and(
        eq(paymentAttempts.id, latest.id),
        unsettled,
        or(
          isNull(paymentAttempts.lastCheckedAt),
          lt(paymentAttempts.lastCheckedAt, secondsAgo(SHOPPER_CHECK_INTERVAL_SECONDS)),
        ),
      ),
    )
    .returning({ id: paymentAttempts.id });
  return claimed === undefined ? null : requeryAttempt(context, claimed.id);
}
