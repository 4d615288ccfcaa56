import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import {
  GATEWAY_APIS,
  GATEWAY_CALL_OUTCOMES,
  gatewayCallHours,
  gatewayMessageHours,
  paymentAttempts,
  refunds,
  type GatewayCallHour,
  type GatewayMessageHour,
} from "@/db/schema";
import { countOpenAttention } from "@/lib/attention/open-attention";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import type { GatewayApi, GatewayErrorClass } from "@/lib/observability/metrics";
import { ABANDONED_CODE } from "@/lib/payments/requery-payment";
import { firstValues, type SearchParams } from "./filters";
import { listOpenAttention, type AdminAttentionItem } from "./list-attention";

/**
 * The dashboard's two windows, in whole hours of the database's clock ending with the
 * current one (still filling). 24 hours in hourly points; 7 days in 6-hour points: 28
 * points stay legible in a chart and in its table, and each holds enough payments for a
 * rate to mean something (an hour with two payments swings between 0 % and 100 %).
 */
export const DASHBOARD_WINDOWS = {
  "24h": { hours: 24, bucketHours: 1, label: "Last 24 hours" },
  "7d": { hours: 168, bucketHours: 6, label: "Last 7 days" },
} as const;
export type DashboardWindow = keyof typeof DASHBOARD_WINDOWS;

const windowParam = z.enum(["24h", "7d"]).catch("24h");

/** `?window=7d`; anything else is the last 24 hours. */
export function parseDashboardWindow(params: SearchParams): DashboardWindow {
  return windowParam.parse(firstValues(params).window);
}

export const GATEWAY_ERROR_CLASSES = GATEWAY_CALL_OUTCOMES.filter(
  (outcome): outcome is GatewayErrorClass => outcome !== "ok",
);

/**
 * Payment attempts by what became of them, counted in the hour each started. Abandoned
 * (the shopper left the payment page; the requery closed it) and pending (not final yet)
 * are counted but are not outcomes of the gateway: the success rate leaves them out.
 */
export interface PaymentCounts {
  succeeded: number;
  failed: number;
  abandoned: number;
  pending: number;
}

export interface CallCounts {
  /** Requests sent to the gateway (retries included). */
  calls: number;
  /** Calls that got no HTTP answer (a timeout, a refused connection) or were never sent. */
  unanswered: number;
  durationMsTotal: number;
  durationMsMax: number;
  /** Calls that ended in an error, by its class. */
  errors: Record<GatewayErrorClass, number>;
}

/** Callbacks and browser returns the shop received, and what became of them. */
export interface MessageCounts {
  received: number;
  callbacks: number;
  returns: number;
  applied: number;
  duplicate: number;
  rejected: number;
  signatureFailures: number;
}

/**
 * The seed's five figures: rates as fractions (0–1), times in milliseconds, and null where
 * there was nothing to divide by ("no data", never 0 % or 100 %).
 */
export interface DashboardFigures {
  /** Succeeded / (succeeded + failed). */
  successRate: number | null;
  /** Summed duration / calls, every API. */
  averageResponseMs: number | null;
  /** Calls ending in an error / calls. */
  errorRate: number | null;
  /** Calls answered / calls sent. */
  availability: number | null;
  /** Messages rejected for their signature / messages received. */
  signatureFailureRate: number | null;
}

/** What a stretch of time (the whole window, or one point of it) holds. */
export interface DashboardPeriod {
  payments: PaymentCounts;
  calls: CallCounts;
  callsByApi: Record<GatewayApi, CallCounts>;
  messages: MessageCounts;
  figures: DashboardFigures;
  averageResponseMsByApi: Record<GatewayApi, number | null>;
  errorRateByClass: Record<GatewayErrorClass, number | null>;
}

export interface DashboardPoint extends DashboardPeriod {
  /** The point covers [start, start + bucketHours). */
  start: Date;
}

/** A payment that failed or a refund the gateway refused, in the window. */
export interface RecentFailure {
  kind: "payment" | "refund";
  id: string;
  orderId: string;
  at: Date;
  amountPaise: number;
  /** The merchTxnId of the payment, the prodRefundId of the refund. */
  reference: string;
  code: string | null;
  message: string | null;
}

/**
 * An hour with gateway calls that ended in an error, or messages the shop refused. The
 * hourly tables keep counts, not orders: the orders are in the failures list.
 */
export interface GatewayTrouble {
  hour: Date;
  kind: "call" | "message";
  /** The API called, or where the message came from (callback, return). */
  subject: string;
  /** The error class, or why the message was rejected. */
  reason: string;
  count: number;
}

export interface Dashboard {
  window: DashboardWindow;
  bucketHours: number;
  /** [start, end): whole hours; the last is the current hour, still filling. */
  start: Date;
  end: Date;
  totals: DashboardPeriod;
  /** One per bucket, oldest first, empty ones included. */
  points: DashboardPoint[];
  recentFailures: RecentFailure[];
  gatewayTrouble: GatewayTrouble[];
  attention: { open: AdminAttentionItem[]; openTotal: number };
}

const HOUR_MS = 3_600_000;
const FAILURES_SHOWN = 10;
const TROUBLE_SHOWN = 12;
const ATTENTION_SHOWN = 5;

/**
 * The admin's dashboard over a window: the five figures for the whole window and point by
 * point, the latest failures, the hours the gateway gave trouble, and the open
 * needs-attention items. Computed on the database's clock from the hourly gateway tables
 * (a few hundred rows whatever the shop's size) and the window's payment attempts (read
 * through their created_at index).
 */
export async function readDashboard(
  db: Queryable,
  actor: SessionUser | null,
  window: DashboardWindow,
): Promise<Dashboard> {
  assertAdmin(actor);
  const { hours, bucketHours } = DASHBOARD_WINDOWS[window];
  const [clock] = await db
    .select({ hour: sql`date_trunc('hour', now(), 'UTC')`.mapWith(gatewayCallHours.hour) })
    .from(sql`(values (1)) as clock (one)`);
  const currentHour = clock!.hour;
  const end = new Date(currentHour.getTime() + HOUR_MS);
  const start = new Date(end.getTime() - hours * HOUR_MS);

  const [attemptHours, callRows, messageRows, failedPayments, failedRefunds, openAttention, openTotal] =
    await Promise.all([
      readAttemptHours(db, start, end),
      db
        .select()
        .from(gatewayCallHours)
        .where(and(gte(gatewayCallHours.hour, start), lt(gatewayCallHours.hour, end))),
      db
        .select()
        .from(gatewayMessageHours)
        .where(and(gte(gatewayMessageHours.hour, start), lt(gatewayMessageHours.hour, end))),
      readFailedPayments(db, start),
      readFailedRefunds(db, start),
      listOpenAttention(db, ATTENTION_SHOWN),
      countOpenAttention(db),
    ]);

  const bucketMs = bucketHours * HOUR_MS;
  const buckets = Array.from({ length: hours / bucketHours }, emptyCounts);
  const bucketOf = (hour: Date) => buckets[Math.floor((hour.getTime() - start.getTime()) / bucketMs)];
  for (const row of attemptHours) {
    const bucket = bucketOf(row.hour);
    if (bucket) addPayments(bucket.payments, row);
  }
  for (const row of callRows) {
    const bucket = bucketOf(row.hour);
    if (bucket) addCall(bucket.callsByApi[row.api], row);
  }
  for (const row of messageRows) {
    const bucket = bucketOf(row.hour);
    if (bucket) addMessage(bucket.messages, row);
  }

  const total = emptyCounts();
  for (const bucket of buckets) {
    addPayments(total.payments, bucket.payments);
    for (const api of GATEWAY_APIS) addCallCounts(total.callsByApi[api], bucket.callsByApi[api]);
    addMessageCounts(total.messages, bucket.messages);
  }

  return {
    window,
    bucketHours,
    start,
    end,
    totals: periodOf(total),
    points: buckets.map((bucket, index) => ({
      start: new Date(start.getTime() + index * bucketMs),
      ...periodOf(bucket),
    })),
    recentFailures: [...failedPayments, ...failedRefunds]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, FAILURES_SHOWN),
    gatewayTrouble: troubleOf(callRows, messageRows),
    attention: { open: openAttention, openTotal },
  };
}

/** The window's attempts by the hour they started and what became of them. */
function readAttemptHours(db: Queryable, start: Date, end: Date) {
  const hour = sql`date_trunc('hour', ${paymentAttempts.createdAt}, 'UTC')`;
  const counted = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`.mapWith(Number);
  const failed = sql`${paymentAttempts.status} = 'payment_failed'`;
  return db
    .select({
      hour: hour.mapWith(paymentAttempts.createdAt),
      succeeded: counted(sql`${paymentAttempts.status} = 'completed'`),
      failed: counted(sql`${failed} and ${paymentAttempts.statusCode} is distinct from ${ABANDONED_CODE}`),
      abandoned: counted(sql`${failed} and ${paymentAttempts.statusCode} = ${ABANDONED_CODE}`),
      pending: counted(sql`${paymentAttempts.status} in ('initializing', 'token_generated', 'user_payment')`),
    })
    .from(paymentAttempts)
    .where(and(gte(paymentAttempts.createdAt, start), lt(paymentAttempts.createdAt, end)))
    .groupBy(hour);
}

/** Payments that failed in the window, newest first (by when they failed; abandoned ones are not failures). */
async function readFailedPayments(db: Queryable, start: Date): Promise<RecentFailure[]> {
  const rows = await db
    .select({
      id: paymentAttempts.id,
      orderId: paymentAttempts.orderId,
      at: paymentAttempts.updatedAt,
      amountPaise: paymentAttempts.amount,
      reference: paymentAttempts.merchTxnId,
      code: paymentAttempts.statusCode,
      message: paymentAttempts.statusMessage,
    })
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.status, "payment_failed"),
        gte(paymentAttempts.updatedAt, start),
        sql`${paymentAttempts.statusCode} is distinct from ${ABANDONED_CODE}`,
      ),
    )
    .orderBy(desc(paymentAttempts.updatedAt))
    .limit(FAILURES_SHOWN);
  return rows.map((row) => ({ kind: "payment", ...row }));
}

/** Refunds the gateway refused in the window, newest first. */
async function readFailedRefunds(db: Queryable, start: Date): Promise<RecentFailure[]> {
  const rows = await db
    .select({
      id: refunds.id,
      orderId: refunds.orderId,
      at: refunds.updatedAt,
      amountPaise: refunds.refundAmount,
      reference: refunds.prodRefundId,
      code: refunds.gatewayStatusCode,
      message: refunds.gatewayMessage,
    })
    .from(refunds)
    .where(and(eq(refunds.status, "failed"), gte(refunds.updatedAt, start)))
    .orderBy(desc(refunds.updatedAt))
    .limit(FAILURES_SHOWN);
  return rows.map((row) => ({ kind: "refund", ...row }));
}

function troubleOf(callRows: GatewayCallHour[], messageRows: GatewayMessageHour[]): GatewayTrouble[] {
  const calls = callRows
    .filter((row) => row.outcome !== "ok")
    .map((row): GatewayTrouble => ({
      hour: row.hour,
      kind: "call",
      subject: row.api,
      reason: row.outcome,
      count: row.calls,
    }));
  const messages = messageRows
    .filter((row) => row.result === "rejected")
    .map((row): GatewayTrouble => ({
      hour: row.hour,
      kind: "message",
      subject: row.source,
      reason: row.rejection,
      count: row.messages,
    }));
  return [...calls, ...messages]
    .sort((a, b) => b.hour.getTime() - a.hour.getTime() || b.count - a.count)
    .slice(0, TROUBLE_SHOWN);
}

interface Counts {
  payments: PaymentCounts;
  callsByApi: Record<GatewayApi, CallCounts>;
  messages: MessageCounts;
}

const byApi = <T>(make: (api: GatewayApi) => T) =>
  Object.fromEntries(GATEWAY_APIS.map((api) => [api, make(api)])) as Record<GatewayApi, T>;
const byErrorClass = <T>(make: (errorClass: GatewayErrorClass) => T) =>
  Object.fromEntries(GATEWAY_ERROR_CLASSES.map((errorClass) => [errorClass, make(errorClass)])) as Record<
    GatewayErrorClass,
    T
  >;

function emptyCalls(): CallCounts {
  return { calls: 0, unanswered: 0, durationMsTotal: 0, durationMsMax: 0, errors: byErrorClass(() => 0) };
}

function emptyCounts(): Counts {
  return {
    payments: { succeeded: 0, failed: 0, abandoned: 0, pending: 0 },
    callsByApi: byApi(emptyCalls),
    messages: {
      received: 0,
      callbacks: 0,
      returns: 0,
      applied: 0,
      duplicate: 0,
      rejected: 0,
      signatureFailures: 0,
    },
  };
}

function addPayments(into: PaymentCounts, from: PaymentCounts): void {
  into.succeeded += from.succeeded;
  into.failed += from.failed;
  into.abandoned += from.abandoned;
  into.pending += from.pending;
}

function addCall(into: CallCounts, row: GatewayCallHour): void {
  addCallCounts(into, {
    calls: row.calls,
    unanswered: row.unanswered,
    durationMsTotal: row.durationMsTotal,
    durationMsMax: row.durationMsMax,
    errors: byErrorClass((errorClass) => (row.outcome === errorClass ? row.calls : 0)),
  });
}

function addCallCounts(into: CallCounts, from: CallCounts): void {
  into.calls += from.calls;
  into.unanswered += from.unanswered;
  into.durationMsTotal += from.durationMsTotal;
  into.durationMsMax = Math.max(into.durationMsMax, from.durationMsMax);
  for (const errorClass of GATEWAY_ERROR_CLASSES) into.errors[errorClass] += from.errors[errorClass];
}

function addMessage(into: MessageCounts, row: GatewayMessageHour): void {
  const count = row.messages;
  addMessageCounts(into, {
    received: count,
    callbacks: row.source === "callback" ? count : 0,
    returns: row.source === "return" ? count : 0,
    applied: row.result === "applied" ? count : 0,
    duplicate: row.result === "duplicate" ? count : 0,
    rejected: row.result === "rejected" ? count : 0,
    signatureFailures: row.rejection === "signature" ? count : 0,
  });
}

function addMessageCounts(into: MessageCounts, from: MessageCounts): void {
  for (const key of Object.keys(into) as Array<keyof MessageCounts>) into[key] += from[key];
}

/** part / whole, or null when the whole is nothing. */
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function periodOf(counts: Counts): DashboardPeriod {
  const calls = emptyCalls();
  for (const api of GATEWAY_APIS) addCallCounts(calls, counts.callsByApi[api]);
  const errors = GATEWAY_ERROR_CLASSES.reduce((sum, errorClass) => sum + calls.errors[errorClass], 0);
  const { payments, messages } = counts;
  return {
    payments,
    calls,
    callsByApi: counts.callsByApi,
    messages,
    figures: {
      successRate: ratio(payments.succeeded, payments.succeeded + payments.failed),
      averageResponseMs: ratio(calls.durationMsTotal, calls.calls),
      errorRate: ratio(errors, calls.calls),
      availability: ratio(calls.calls - calls.unanswered, calls.calls),
      signatureFailureRate: ratio(messages.signatureFailures, messages.received),
    },
    averageResponseMsByApi: byApi((api) => ratio(counts.callsByApi[api].durationMsTotal, counts.callsByApi[api].calls)),
    errorRateByClass: byErrorClass((errorClass) => ratio(calls.errors[errorClass], calls.calls)),
  };
}
