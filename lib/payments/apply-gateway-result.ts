import { and, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import { cartItems, orderItems, orders, paymentAttempts, paymentEvents, type Order, type PaymentAttempt, type PaymentAttemptStatus } from "@/db/schema";
import type { VerifiedPayment } from "@/lib/atom";
import { recordPaymentEvent } from "@/lib/orders/events";
import { assertOrderTransition, attemptPath, canTransitionOrder, IllegalTransitionError } from "@/lib/orders/state-machine";

export type GatewayResultSource = "callback" | "return" | "requery";

export interface AppliedResult {
  orderId: string;
  orderStatus: Order["status"];
  attemptStatus: PaymentAttemptStatus;
  /** False when the result had already been applied (a duplicate or a late echo). */
  changed: boolean;
}

/** The verified result does not belong to any attempt the shop made. */
export class UnknownAttemptError extends Error {
  override name = "UnknownAttemptError";
}

/** Signed by the gateway but inconsistent with the attempt it names: recorded, flagged, never applied. */
export class ResultMismatchError extends Error {
  override name = "ResultMismatchError";
  constructor(
    readonly orderId: string,
    readonly problems: string[],
  ) {
    super(`Gateway result does not match the order: ${problems.join("; ")}`);
  }
}

/**
 * Applies a decrypted, signature-verified gateway result (callback, browser return or
 * requery) to its attempt and order. Idempotent and race-free: the attempt row is locked,
 * every status change goes through the state machines, and a result that changes nothing
 * writes nothing. A terminal state never goes backwards.
 */
export async function applyGatewayResult(
  db: Database,
  expectedMerchId: string,
  result: VerifiedPayment,
  source: GatewayResultSource,
): Promise<AppliedResult> {
  const outcome = await db.transaction(async (tx) => {
    const [attempt] = await tx.select().from(paymentAttempts).where(eq(paymentAttempts.merchTxnId, result.merchTxnId)).for("update");
    if (!attempt) throw new UnknownAttemptError(`No payment attempt has merchTxnId ${result.merchTxnId}`);
    const [order] = await tx.select().from(orders).where(eq(orders.id, attempt.orderId)).for("update");
    if (!order) throw new UnknownAttemptError(`Payment attempt ${attempt.id} has no order`);

    const problems = await mismatches(tx, expectedMerchId, attempt, result);
    if (problems.length > 0) {
      await flagForReview(tx, order, attempt, source, "result_mismatch", { problems, ...summary(result) });
      return { mismatch: new ResultMismatchError(order.id, problems) } as const;
    }
    switch (result.outcome) {
      case "success":
        return { applied: await applySuccess(tx, order, attempt, result, source) } as const;
      case "failed":
        return { applied: await applyFailure(tx, order, attempt, result, source) } as const;
      case "pending":
        return { applied: await applyPending(tx, order, attempt, result, source) } as const;
    }
  });
  // Thrown after the commit, so the flag and its event are kept.
  if ("mismatch" in outcome) throw outcome.mismatch;
  return outcome.applied;
}

async function mismatches(tx: Queryable, expectedMerchId: string, attempt: PaymentAttempt, result: VerifiedPayment): Promise<string[]> {
  const problems: string[] = [];
  if (result.merchId !== expectedMerchId) problems.push(`merchId ${result.merchId} is not this shop's`);
  if (result.currency !== "INR") problems.push(`currency ${result.currency} is not INR`);
  if (result.amountPaise !== attempt.amount) problems.push(`amount ${result.amountPaise} paise differs from the order's ${attempt.amount}`);
  if (result.totalAmountPaise !== result.amountPaise + result.surchargePaise) {
    problems.push(`totalAmount ${result.totalAmountPaise} is not amount ${result.amountPaise} + surcharge ${result.surchargePaise}`);
  }
  // Before completion the gateway may report several tries on one merchTxnId (a failed
  // try, then a successful one), each with its own atomTxnId; once completed, the paid
  // transaction is the attempt's for good.
  // (A failed or pending word about another try, arriving late, is not a mismatch: see staleTry.)
  if (result.outcome === "success" && attempt.status === "completed" && attempt.atomTxnId && attempt.atomTxnId !== result.atomTxnId) {
    problems.push(`atomTxnId ${result.atomTxnId} differs from the ${attempt.atomTxnId} this attempt was paid with`);
  }
  const [other] = await tx
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.atomTxnId, result.atomTxnId), ne(paymentAttempts.id, attempt.id)))
    .limit(1);
  if (other) problems.push(`atomTxnId ${result.atomTxnId} belongs to another payment attempt (replayed result)`);
  return problems;
}

async function applySuccess(
  tx: Queryable,
  order: Order,
  attempt: PaymentAttempt,
  result: VerifiedPayment,
  source: GatewayResultSource,
): Promise<AppliedResult> {
  if (attempt.status === "completed") return unchanged(order, attempt);
  const path = attemptPath(attempt.status, "completed");
  if (!path) throw new Error(`Payment attempt ${attempt.id} cannot complete from ${attempt.status}`);
  const moved = await moveAttempt(tx, order, attempt, "completed", result, source, "payment_succeeded", { attemptPath: [attempt.status, ...path] });
  if (!moved.changed) return moved;

  if (!canTransitionOrder(order.status, "paid")) {
    // Money arrived for an order that is already paid by another attempt, or cancelled:
    // the shopper paid twice. Keep the record and ask an admin to refund it.
    await flagForReview(tx, order, attempt, source, order.status === "cancelled" ? "paid_after_cancel" : "duplicate_payment", summary(result));
    return { orderId: order.id, orderStatus: order.status, attemptStatus: "completed", changed: true };
  }
  assertOrderTransition(order.status, "paid");
  const [paid] = await tx
    .update(orders)
    .set({
      status: "paid",
      merchTxnId: attempt.merchTxnId,
      atomTxnId: result.atomTxnId,
      atomTokenId: attempt.atomTokenId ?? order.atomTokenId,
      paymentMethod: result.subChannel,
      surchargeAmount: result.surchargePaise,
      paidAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(orders.id, order.id), eq(orders.status, order.status)))
    .returning();
  await recordPaymentEvent(tx, { orderId: order.id, attemptId: attempt.id, type: "order_paid", source, detail: { atomTxnId: result.atomTxnId } });
  // The goods are bought: take them out of the cart they came from (anything added since stays).
  if (order.cartId) {
    const bought = tx.select({ productId: orderItems.productId }).from(orderItems).where(eq(orderItems.orderId, order.id));
    await tx.delete(cartItems).where(and(eq(cartItems.cartId, order.cartId), inArray(cartItems.productId, bought)));
  }
  return { orderId: order.id, orderStatus: paid!.status, attemptStatus: "completed", changed: true };
}

async function applyFailure(
  tx: Queryable,
  order: Order,
  attempt: PaymentAttempt,
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
    const seen = await attemptEventExists(tx, attempt, "failure_after_success", "statusCode", result.statusCode, lastReview?.id ?? 0);
    if (!seen) await flagForReview(tx, order, attempt, source, "failure_after_success", summary(result));
    return unchanged(order, attempt);
  }
  return moveAttempt(tx, order, attempt, "payment_failed", result, source, "payment_failed");
}

async function applyPending(
  tx: Queryable,
  order: Order,
  attempt: PaymentAttempt,
  result: VerifiedPayment,
  source: GatewayResultSource,
): Promise<AppliedResult> {
  if (isStaleTry(attempt, result)) return staleTry(tx, order, attempt, result, source);
  // Only an attempt still waiting (or whose earlier try failed) can be told it is pending;
  // a completed payment stays completed.
  const tellsSomethingNew =
    attempt.status === "token_generated" || attempt.status === "payment_failed" || (attempt.status === "user_payment" && attempt.statusCode !== result.statusCode);
  return tellsSomethingNew ? moveAttempt(tx, order, attempt, "user_payment", result, source, "payment_pending") : unchanged(order, attempt);
}

/** Whether the attempt's timeline has an event of this type whose detail[field] is value, after `afterEventId`. */
async function attemptEventExists(
  tx: Queryable,
  attempt: PaymentAttempt,
  type: string,
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
  if (!seen) await recordPaymentEvent(tx, { orderId: order.id, attemptId: attempt.id, type: "stale_try_ignored", source, detail: summary(result) });
  return unchanged(order, attempt);
}

/**
 * Moves the attempt to `to` (or refreshes its gateway fields in place) if it is still in
 * the state it was read in, and records the event. A lost race changes nothing.
 */
async function moveAttempt(
  tx: Queryable,
  order: Order,
  attempt: PaymentAttempt,
  to: PaymentAttemptStatus,
  result: VerifiedPayment,
  source: GatewayResultSource,
  eventType: string,
  extraDetail: Record<string, unknown> = {},
): Promise<AppliedResult> {
  if (to !== attempt.status && !attemptPath(attempt.status, to)) throw new IllegalTransitionError("payment_attempt", attempt.status, to);
  const [moved] = await tx
    .update(paymentAttempts)
    .set({ status: to, ...resultFields(result), updatedAt: sql`now()` })
    .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.status, attempt.status)))
    .returning({ id: paymentAttempts.id });
  if (!moved) return unchanged(order, attempt);
  await recordPaymentEvent(tx, { orderId: order.id, attemptId: attempt.id, type: eventType, source, detail: { ...summary(result), ...extraDetail } });
  return { orderId: order.id, orderStatus: order.status, attemptStatus: to, changed: true };
}

async function flagForReview(
  tx: Queryable,
  order: Order,
  attempt: PaymentAttempt,
  source: GatewayResultSource,
  type: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.update(orders).set({ needsReview: true, updatedAt: sql`now()` }).where(eq(orders.id, order.id));
  await recordPaymentEvent(tx, { orderId: order.id, attemptId: attempt.id, type, source, detail });
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

function summary(result: VerifiedPayment): Record<string, unknown> {
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
