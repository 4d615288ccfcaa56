import { and, desc, eq, getTableColumns, gt, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Queryable } from "@/db";
import {
  cartItems,
  orderItems,
  paymentAttempts,
  paymentEvents,
  type Order,
  type PaymentAttempt,
  type PaymentAttemptStatus,
  type PaymentEventSource,
} from "@/db/schema";
import type { VerifiedPayment } from "@/lib/atom";
import {
  recordPaymentEvent,
  type FlagEvent,
  type GatewayResultSummary,
  type PaymentEventType,
} from "@/lib/lifecycle/events";
import {
  attemptPath,
  canTransitionOrder,
  isPassThroughAttemptStatus,
  type StoredAttemptStatus,
} from "@/lib/lifecycle/machines";
import {
  lockOrderOfAttempt,
  movedUnderLock,
  setNeedsReview,
  transitionAttempt,
  transitionOrder,
  type Transition,
} from "@/lib/lifecycle/transitions";

export type GatewayResultSource = "callback" | "return" | "requery";

export interface AppliedResult {
  orderId: string;
  orderStatus: Order["status"];
  attemptStatus: PaymentAttemptStatus;
  /** False when the result had already been applied (a duplicate or a late echo). */
  changed: boolean;
}

/**
 * What became of a verified gateway result. A protocol outcome, never thrown: an unknown
 * attempt changes nothing; a mismatch (signed by the gateway but inconsistent with the
 * attempt it names) is recorded and flagged for an admin, never applied.
 */
export type GatewayResultOutcome =
  | { kind: "applied"; result: AppliedResult }
  | { kind: "unknown_attempt"; reason: string }
  | { kind: "mismatch"; orderId: string; problems: string[] };

/**
 * Applies a decrypted, signature-verified gateway result (callback, browser return or
 * requery) to its attempt and order. Idempotent and race-free: the attempt row is locked,
 * every status change goes through the lifecycle kernel, and a result that changes
 * nothing writes nothing. A terminal state never goes backwards.
 */
export async function applyGatewayResult(
  db: Database,
  expectedMerchId: string,
  result: VerifiedPayment,
  source: GatewayResultSource,
): Promise<GatewayResultOutcome> {
  return db.transaction(async (tx): Promise<GatewayResultOutcome> => {
    // The order is locked first, then the attempt: the order every writer of payments and
    // refunds locks in (a refund's insert locks its attempt's key), so none can deadlock.
    const order = await lockOrderOfAttempt(tx, result.merchTxnId);
    const locked = order && (await lockAttempt(tx, result));
    if (!order || !locked)
      return { kind: "unknown_attempt", reason: `No payment attempt has merchTxnId ${result.merchTxnId}` };
    const { replayed, ...attempt } = locked;

    const problems = mismatches(expectedMerchId, attempt, result, replayed);
    if (problems.length > 0) {
      // Returned, not thrown: the flag and its event are committed with the transaction.
      await flagForReview(tx, order, attempt, source, {
        type: "result_mismatch",
        detail: { problems, ...summary(result) },
      });
      return { kind: "mismatch", orderId: order.id, problems };
    }
    const stored = storedStatus(attempt);
    switch (result.outcome) {
      case "success":
        return { kind: "applied", result: await applySuccess(tx, order, stored, result, source) };
      case "failed":
        return { kind: "applied", result: await applyFailure(tx, order, stored, result, source) };
      case "pending":
        return { kind: "applied", result: await applyPending(tx, order, stored, result, source) };
    }
  });
}

type StoredAttempt = PaymentAttempt & { status: StoredAttemptStatus };

/** The row's status is one the machine stores (the CHECK allows the pass-through ones too). */
function storedStatus(attempt: PaymentAttempt): StoredAttempt {
  const { status } = attempt;
  if (isPassThroughAttemptStatus(status))
    throw new Error(`Payment attempt ${attempt.id} is stored in pass-through state ${status}`);
  return { ...attempt, status };
}

/**
 * The attempt `result` names, locked, and whether another attempt already holds the
 * result's atomTxnId (a replayed result), read in the same statement.
 */
async function lockAttempt(
  tx: Queryable,
  result: VerifiedPayment,
): Promise<(PaymentAttempt & { replayed: boolean }) | undefined> {
  const other = alias(paymentAttempts, "other");
  const [attempt] = await tx
    .select({
      ...getTableColumns(paymentAttempts),
      replayed: sql<boolean>`exists (${tx
        .select({ id: other.id })
        .from(other)
        .where(and(eq(other.atomTxnId, result.atomTxnId), ne(other.id, paymentAttempts.id)))})`,
    })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.merchTxnId, result.merchTxnId))
    .for("update", { of: paymentAttempts });
  return attempt;
}

function mismatches(
  expectedMerchId: string,
  attempt: PaymentAttempt,
  result: VerifiedPayment,
  replayed: boolean,
): string[] {
  const problems: string[] = [];
  if (result.merchId !== expectedMerchId) problems.push(`merchId ${result.merchId} is not this shop's`);
  if (result.currency !== "INR") problems.push(`currency ${result.currency} is not INR`);
  if (result.amountPaise !== attempt.amount)
    problems.push(`amount ${result.amountPaise} paise differs from the order's ${attempt.amount}`);
  if (result.totalAmountPaise !== result.amountPaise + result.surchargePaise) {
    problems.push(
      `totalAmount ${result.totalAmountPaise} is not amount ${result.amountPaise} + surcharge ${result.surchargePaise}`,
    );
  }
  // Before completion the gateway may report several tries on one merchTxnId (a failed
  // try, then a successful one), each with its own atomTxnId; once completed, the paid
  // transaction is the attempt's for good.
  // (A failed or pending word about another try, arriving late, is not a mismatch: see staleTry.)
  if (
    result.outcome === "success" &&
    attempt.status === "completed" &&
    attempt.atomTxnId &&
    attempt.atomTxnId !== result.atomTxnId
  ) {
    problems.push(`atomTxnId ${result.atomTxnId} differs from the ${attempt.atomTxnId} this attempt was paid with`);
  }
  if (replayed) problems.push(`atomTxnId ${result.atomTxnId} belongs to another payment attempt (replayed result)`);
  return problems;
}

async function applySuccess(
  tx: Queryable,
  order: Order,
  attempt: StoredAttempt,
  result: VerifiedPayment,
  source: GatewayResultSource,
): Promise<AppliedResult> {
  if (attempt.status === "completed") return unchanged(order, attempt);
  const moved = await moveAttempt(tx, order, attempt, "completed", result, source, "payment_succeeded");
  if (!moved.changed) return moved;

  if (!canTransitionOrder(order.status, "paid")) {
    // Money arrived for an order that is already paid by another attempt, or cancelled:
    // the shopper paid twice. Keep the record and ask an admin to refund it.
    await flagForReview(tx, order, attempt, source, {
      type: order.status === "cancelled" ? "paid_after_cancel" : "duplicate_payment",
      detail: summary(result),
    });
    return { orderId: order.id, orderStatus: order.status, attemptStatus: "completed", changed: true };
  }
  const paidOrder = movedUnderLock(
    await markOrderPaid(
      tx,
      order,
      attempt,
      { atomTxnId: result.atomTxnId, paymentMethod: result.subChannel, surchargePaise: result.surchargePaise },
      source,
    ),
    `Order ${order.id}`,
  );
  return { orderId: order.id, orderStatus: paidOrder.status, attemptStatus: "completed", changed: true };
}

/**
 * pending → paid by the attempt that paid (its gateway ids and surcharge on the order),
 * and the goods out of the cart they came from (anything added since stays). The caller
 * holds the order's lock. Used by a verified success and by the consistency check's repair.
 */
export async function markOrderPaid(
  tx: Queryable,
  order: Order,
  attempt: Pick<PaymentAttempt, "id" | "merchTxnId" | "atomTokenId">,
  payment: { atomTxnId: string; paymentMethod: string | null; surchargePaise: number },
  source: PaymentEventSource,
): Promise<Transition<Order>> {
  const paid = await transitionOrder(tx, {
    id: order.id,
    from: order.status,
    to: "paid",
    set: {
      merchTxnId: attempt.merchTxnId,
      atomTxnId: payment.atomTxnId,
      atomTokenId: attempt.atomTokenId ?? order.atomTokenId,
      paymentMethod: payment.paymentMethod,
      surchargeAmount: payment.surchargePaise,
    },
    event: { attemptId: attempt.id, type: "order_paid", source, detail: { atomTxnId: payment.atomTxnId } },
  });
  if (paid.changed && order.cartId) {
    const bought = tx
      .select({ productId: orderItems.productId })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id));
    await tx.delete(cartItems).where(and(eq(cartItems.cartId, order.cartId), inArray(cartItems.productId, bought)));
  }
  return paid;
}

async function applyFailure(
  tx: Queryable,
  order: Order,
  attempt: StoredAttempt,
  result: VerifiedPayment,
  source: GatewayResultSource,
): Promise<AppliedResult> {
  if (attempt.status === "payment_failed") return unchanged(order, attempt);
  if (isStaleTry(attempt, result)) return staleTry(tx, order, attempt, result, source);
  if (!attemptPath(attempt.status, "payment_failed")) {
    // A failure of the very transaction that paid never undoes the payment. It may be a
    // stale message, or the gateway reversing the payment (OTS0001, auto-reversed at T+2):
    // either way an admin must look before goods leave. Flagged once per status code
    // since the admin's last review, so a reversal after a cleared flag flags again.
    const [lastReview] = await tx
      .select({ id: paymentEvents.id })
      .from(paymentEvents)
      .where(and(eq(paymentEvents.orderId, order.id), eq(paymentEvents.type, "review_completed")))
      .orderBy(desc(paymentEvents.id))
      .limit(1);
    const seen = await attemptEventExists(
      tx,
      attempt,
      "failure_after_success",
      "statusCode",
      result.statusCode,
      lastReview?.id ?? 0,
    );
    if (!seen)
      await flagForReview(tx, order, attempt, source, { type: "failure_after_success", detail: summary(result) });
    return unchanged(order, attempt);
  }
  return moveAttempt(tx, order, attempt, "payment_failed", result, source, "payment_failed");
}

async function applyPending(
  tx: Queryable,
  order: Order,
  attempt: StoredAttempt,
  result: VerifiedPayment,
  source: GatewayResultSource,
): Promise<AppliedResult> {
  if (isStaleTry(attempt, result)) return staleTry(tx, order, attempt, result, source);
  // Only an attempt still waiting (or whose earlier try failed) can be told it is pending;
  // a completed payment stays completed.
  const tellsSomethingNew =
    attempt.status === "token_generated" ||
    attempt.status === "payment_failed" ||
    (attempt.status === "user_payment" && attempt.statusCode !== result.statusCode);
  return tellsSomethingNew
    ? moveAttempt(tx, order, attempt, "user_payment", result, source, "payment_pending")
    : unchanged(order, attempt);
}

/** Whether the attempt's timeline has an event of this type whose detail[field] is value, after `afterEventId`. */
async function attemptEventExists(
  tx: Queryable,
  attempt: PaymentAttempt,
  type: PaymentEventType,
  field: "statusCode" | "atomTxnId",
  value: string,
  afterEventId = 0,
): Promise<boolean> {
  const [seen] = await tx
    .select({ id: paymentEvents.id })
    .from(paymentEvents)
    .where(
      and(
        eq(paymentEvents.attemptId, attempt.id),
        eq(paymentEvents.type, type),
        gt(paymentEvents.id, afterEventId),
        sql`${paymentEvents.detail}->>${field} = ${value}`,
      ),
    )
    .limit(1);
  return seen !== undefined;
}

/** A failed or pending word about an earlier try, arriving after another try paid. */
function isStaleTry(attempt: PaymentAttempt, result: VerifiedPayment): boolean {
  return attempt.status === "completed" && attempt.atomTxnId !== null && attempt.atomTxnId !== result.atomTxnId;
}

/** Kept on the timeline once per gateway transaction; acknowledged, never applied or flagged. */
async function staleTry(
  tx: Queryable,
  order: Order,
  attempt: PaymentAttempt,
  result: VerifiedPayment,
  source: GatewayResultSource,
): Promise<AppliedResult> {
  const seen = await attemptEventExists(tx, attempt, "stale_try_ignored", "atomTxnId", result.atomTxnId);
  if (!seen)
    await recordPaymentEvent(tx, {
      orderId: order.id,
      attemptId: attempt.id,
      type: "stale_try_ignored",
      source,
      detail: summary(result),
    });
  return unchanged(order, attempt);
}

/**
 * Moves the attempt to `to` (or refreshes its gateway fields in place) if it is still in
 * the state it was read in, and records the event. A lost race changes nothing.
 */
async function moveAttempt(
  tx: Queryable,
  order: Order,
  attempt: StoredAttempt,
  to: StoredAttemptStatus,
  result: VerifiedPayment,
  source: GatewayResultSource,
  eventType: "payment_succeeded" | "payment_failed" | "payment_pending",
): Promise<AppliedResult> {
  const moved = await transitionAttempt(tx, {
    id: attempt.id,
    from: attempt.status,
    to,
    set: resultFields(result),
    event: { type: eventType, source, detail: summary(result) },
  });
  if (!moved.changed) return unchanged(order, attempt);
  return { orderId: order.id, orderStatus: order.status, attemptStatus: to, changed: true };
}

async function flagForReview(
  tx: Queryable,
  order: Order,
  attempt: PaymentAttempt,
  source: GatewayResultSource,
  flag: FlagEvent,
): Promise<void> {
  await setNeedsReview(tx, { orderId: order.id, needsReview: true, event: { ...flag, attemptId: attempt.id, source } });
}

function resultFields(result: VerifiedPayment) {
  return {
    atomTxnId: result.atomTxnId,
    bankTxnId: result.bankTxnId || null,
    surchargeAmount: result.surchargePaise,
    totalAmount: result.totalAmountPaise,
    paymentMethod: result.subChannel,
    statusCode: result.statusCode,
    statusMessage: result.description || result.message,
    gatewayPayload: result.payload,
  };
}

function summary(result: VerifiedPayment): GatewayResultSummary {
  return {
    statusCode: result.statusCode,
    message: result.message,
    atomTxnId: result.atomTxnId,
    amount: result.amountPaise,
    surcharge: result.surchargePaise,
    totalAmount: result.totalAmountPaise,
    subChannel: result.subChannel,
    bankName: result.bankName,
  };
}

function unchanged(order: Order, attempt: PaymentAttempt): AppliedResult {
  return { orderId: order.id, orderStatus: order.status, attemptStatus: attempt.status, changed: false };
}
