import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orderItems, refundItems, refunds, type Order, type PaymentAttempt } from "@/db/schema";
import { PAID_ORDER_STATUSES, UNSETTLED_REFUND_STATUSES } from "@/lib/lifecycle/machines";
import { RefundRuleError, type RefundRuleCode } from "./errors";

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

function refundableSummary(
  order: Pick<Order, "totalAmount" | "surchargeAmount" | "refundedAmount">,
  inFlightPaise: number,
): RefundableSummary {
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
export function isExtraPayment(
  order: Pick<Order, "atomTxnId">,
  attempt: Pick<PaymentAttempt, "status" | "atomTxnId">,
): boolean {
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

function extraPaymentSummary(
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

/**
 * Why no refund can be asked for a payment now: a code (the RefundRuleError code a request
 * gets), what the admin's order page says in place of the refund form, and, unless only
 * the amount is the problem, what a refund request is refused with.
 */
export type RefundClosed =
  | {
      code: Extract<RefundRuleCode, "order_not_refundable" | "no_gateway_transaction" | "attempt_not_refundable">;
      message: string;
      refusal: string;
    }
  | { code: Extract<RefundRuleCode, "amount_exceeds_refundable">; message: string };

/** A payment closed whatever the amount asked: what a request is refused with. */
export type RefundRefusal = Extract<RefundClosed, { refusal: string }>;

/** The order's own payment: the attempt that paid it (absent before it is paid), what is left, and why it may be closed. */
export interface OwnPaymentRefundability extends RefundableSummary {
  attempt?: RefundableAttempt & { atomTxnId: string };
  closed?: RefundClosed;
}

export interface ExtraPaymentRefundability extends ExtraPaymentSummary {
  closed?: RefundClosed;
}

/** Another attempt than the paying one: its summary when it is an extra payment, or why it cannot be refunded at all. */
export type OtherAttemptRefundability =
  { payment: ExtraPaymentRefundability } | { payment?: undefined; closed: RefundRefusal };

export interface OrderRefundability {
  own: OwnPaymentRefundability;
  /** Money the shop holds beyond the order's own payment, oldest first. */
  extraPayments: ExtraPaymentRefundability[];
  /** Every attempt other than the paying one, by id. */
  others: ReadonlyMap<string, OtherAttemptRefundability>;
}

export type RefundableAttempt = Pick<
  PaymentAttempt,
  "id" | "merchTxnId" | "atomTxnId" | "status" | "amount" | "surchargeAmount"
>;

const NOTHING_LEFT = "Nothing is left to refund (refunds in progress count too).";

/**
 * The one home of the refund rules: for the order's own payment and for each other
 * attempt, how much can still be refunded and, when nothing can, why. The order's own
 * payment is refundable once the order is paid, shipped or delivered and carries the
 * gateway transaction (atomTxnId); another attempt is an extra payment, refundable
 * whatever the order's status, when it completed with a gateway transaction.
 */
export function orderRefundability(
  order: Pick<Order, "status" | "atomTxnId" | "totalAmount" | "surchargeAmount" | "refundedAmount">,
  attempts: readonly RefundableAttempt[],
  totalsOf: (attemptId: string | undefined) => AttemptRefundTotals,
): OrderRefundability {
  const paying = attempts.find((attempt) => isPayingAttempt(order, attempt));
  const others = new Map<string, OtherAttemptRefundability>();
  for (const attempt of attempts) {
    if (attempt !== paying) others.set(attempt.id, otherAttemptRefundability(attempt, totalsOf(attempt.id)));
  }
  const extraPayments = [...others.values()].flatMap((other) => (other.payment === undefined ? [] : [other.payment]));
  return {
    own: ownPaymentRefundability(order, paying, totalsOf(paying?.id), extraPayments.length > 0),
    extraPayments,
    others,
  };
}

function ownPaymentRefundability(
  order: Pick<Order, "status" | "atomTxnId" | "totalAmount" | "surchargeAmount" | "refundedAmount">,
  paying: RefundableAttempt | undefined,
  totals: AttemptRefundTotals,
  hasExtraPayments: boolean,
): OwnPaymentRefundability {
  const summary = refundableSummary(order, totals.inFlightPaise);
  const attempt =
    paying === undefined || order.atomTxnId === null ? undefined : { ...paying, atomTxnId: order.atomTxnId };
  const closed = ownPaymentClosed(order, attempt !== undefined, summary.refundablePaise);
  if (closed === undefined) return { ...summary, attempt };
  // The page points to the other refund forms when there are any.
  const message = hasExtraPayments
    ? `${closed.message} Extra payments are refunded under Payment attempts.`
    : closed.message;
  return { ...summary, attempt, closed: { ...closed, message } };
}

function ownPaymentClosed(
  order: Pick<Order, "status" | "atomTxnId">,
  hasGatewayPayment: boolean,
  refundablePaise: number,
): RefundClosed | undefined {
  const paid = PAID_ORDER_STATUSES.includes(order.status);
  // A request is refused for the status first; the page names the likelier cause first.
  const notPaid = {
    code: "order_not_refundable",
    refusal: `A ${order.status} order cannot be refunded; only paid, shipped or delivered ones can.`,
  } as const;
  if (order.status === "refunded") return { ...notPaid, message: "Everything paid for the goods has been refunded." };
  if (order.atomTxnId === null || !hasGatewayPayment) {
    const message = "This order has no gateway transaction to refund.";
    if (!paid) return { ...notPaid, message };
    return {
      code: "no_gateway_transaction",
      message,
      refusal: "This order has no gateway transaction (atomTxnId) to refund against.",
    };
  }
  if (!paid) return { ...notPaid, message: `A ${order.status} order cannot be refunded.` };
  if (refundablePaise === 0) return { code: "amount_exceeds_refundable", message: NOTHING_LEFT };
  return undefined;
}

/**
 * An extra payment is a completed attempt with a gateway transaction that did not pay the
 * order: money the shop holds beyond the order's own payment (paid twice, or after cancelling).
 */
function otherAttemptRefundability(attempt: RefundableAttempt, totals: AttemptRefundTotals): OtherAttemptRefundability {
  if (attempt.status !== "completed") {
    const refusal = `This payment is ${attempt.status.replace(/_/g, " ")}: only a completed payment can be refunded.`;
    return { closed: { code: "attempt_not_refundable", message: refusal, refusal } };
  }
  if (attempt.atomTxnId === null) {
    const refusal = "This payment has no gateway transaction (atomTxnId) to refund against.";
    return { closed: { code: "no_gateway_transaction", message: refusal, refusal } };
  }
  const summary = extraPaymentSummary({ ...attempt, atomTxnId: attempt.atomTxnId }, totals);
  if (summary.refundablePaise > 0) return { payment: summary };
  const message = summary.inFlightPaise > 0 ? NOTHING_LEFT : "Everything from this payment has been refunded.";
  return { payment: { ...summary, closed: { code: "amount_exceeds_refundable", message } } };
}

const NO_REFUNDS: AttemptRefundTotals = { completedPaise: 0, inFlightPaise: 0 };

/** Completed and in-flight refund sums of each of an order's payment attempts. Exact only while the order row is locked. */
export async function refundTotalsByAttempt(
  db: Queryable,
  orderId: string,
): Promise<(attemptId: string | undefined) => AttemptRefundTotals> {
  // Unsettled refunds: their money is promised but not yet confirmed, so it is not refundable.
  const inFlight = inArray(refunds.status, [...UNSETTLED_REFUND_STATUSES]);
  const rows = await db
    .select({
      attemptId: refunds.attemptId,
      completedPaise:
        sql<number>`coalesce(sum(${refunds.refundAmount}) filter (where ${eq(refunds.status, "completed")}), 0)`.mapWith(
          Number,
        ),
      inFlightPaise: sql<number>`coalesce(sum(${refunds.refundAmount}) filter (where ${inFlight}), 0)`.mapWith(Number),
    })
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .groupBy(refunds.attemptId);
  const byAttempt = new Map(rows.map(({ attemptId, ...totals }) => [attemptId, totals]));
  return (attemptId) => (attemptId === undefined ? undefined : byAttempt.get(attemptId)) ?? NO_REFUNDS;
}

/** One order line as an item refund sees it: its price, its quantity and how many of its units can still be refunded. */
export interface RefundableLine {
  orderItemId: string;
  name: string;
  /** Paise per unit, as the shopper paid it. */
  unitPricePaise: number;
  quantity: number;
  /** The line's quantity less the units in this order's refunds that have not failed. */
  unitsLeft: number;
}

/**
 * Units of each line still refundable: a line's quantity less the units already in a
 * refund of the order (completed or in flight; a failed refund frees its units).
 */
export function unitsLeftPerLine(
  lines: ReadonlyArray<{ id: string; name: string; unitPrice: number; quantity: number }>,
  refundedUnits: ReadonlyMap<string, number>,
): RefundableLine[] {
  return lines.map((line) => ({
    orderItemId: line.id,
    name: line.name,
    unitPricePaise: line.unitPrice,
    quantity: line.quantity,
    unitsLeft: Math.max(0, line.quantity - (refundedUnits.get(line.id) ?? 0)),
  }));
}

/** The order's lines with their units still refundable, by name. Exact only while the order row is locked. */
export async function refundableLines(db: Queryable, orderId: string): Promise<RefundableLine[]> {
  const [lines, refunded] = await Promise.all([
    db
      .select({
        id: orderItems.id,
        name: orderItems.name,
        unitPrice: orderItems.unitPrice,
        quantity: orderItems.quantity,
      })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId))
      .orderBy(asc(orderItems.name), asc(orderItems.id)),
    db
      .select({
        orderItemId: refundItems.orderItemId,
        units: sql<number>`coalesce(sum(${refundItems.quantity}), 0)`.mapWith(Number),
      })
      .from(refundItems)
      .innerJoin(refunds, eq(refunds.id, refundItems.refundId))
      .where(and(eq(refunds.orderId, orderId), ne(refunds.status, "failed")))
      .groupBy(refundItems.orderItemId),
  ]);
  return unitsLeftPerLine(lines, new Map(refunded.map((row) => [row.orderItemId, row.units])));
}

/** An item refund's line, valued: its units at the line's unit price. */
export interface ValuedRefundItem {
  orderItemId: string;
  name: string;
  quantity: number;
  amountPaise: number;
}

/**
 * Values the units asked for at what they cost (unit price × units: integer paise, so
 * exact) and refuses a line that is not the order's or more units than are left of it.
 * The total still has to pass the amount check: a surcharge or an earlier refund by amount
 * can leave less refundable than the items are worth.
 */
export function valueRefundItems(
  lines: readonly RefundableLine[],
  asked: ReadonlyArray<{ orderItemId: string; quantity: number }>,
): { items: ValuedRefundItem[]; amountPaise: number } {
  const byId = new Map(lines.map((line) => [line.orderItemId, line]));
  const items = asked.map(({ orderItemId, quantity }): ValuedRefundItem => {
    const line = byId.get(orderItemId);
    if (line === undefined) throw RefundRuleError.itemNotFound(orderItemId);
    if (quantity > line.unitsLeft) throw RefundRuleError.unitsExceed(line);
    return { orderItemId, name: line.name, quantity, amountPaise: line.unitPricePaise * quantity };
  });
  return { items, amountPaise: items.reduce((sum, item) => sum + item.amountPaise, 0) };
}

/** Whether two lists of refunded units name the same lines with the same quantities, in any order. */
export function sameUnits(
  a: ReadonlyArray<{ orderItemId: string; quantity: number }>,
  b: ReadonlyArray<{ orderItemId: string; quantity: number }>,
): boolean {
  const key = (units: ReadonlyArray<{ orderItemId: string; quantity: number }>) =>
    units
      .map((unit) => `${unit.orderItemId}:${unit.quantity}`)
      .sort()
      .join(",");
  return key(a) === key(b);
}
