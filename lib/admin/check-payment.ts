import { eq } from "drizzle-orm";
import { z } from "zod";
import {
  orders,
  paymentAttempts,
  type OrderStatus,
  type PaymentAttemptStatus,
  type PaymentCheckResult,
} from "@/db/schema";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/domain-error";
import { requeryAttempt, type RequeryContext } from "@/lib/payments/requery-payment";
import { isPayingAttempt } from "@/lib/refunds/refundable";

export const checkPaymentSchema = z.object({ attemptId: z.uuid("Unknown payment attempt.") });

export class CheckPaymentError extends DomainError<"attempt_not_found"> {
  override name = "CheckPaymentError";
}

/** The payment and its order as they stand after the gateway's answer was applied. */
export interface CheckedPayment {
  attemptStatus: PaymentAttemptStatus;
  orderStatus: OrderStatus;
  /** Whether this attempt is the one that paid the order (its atomTxnId is the order's). */
  paidTheOrder: boolean;
  /** Minutes after it started that an unpaid attempt is closed as abandoned. */
  abandonAfterMinutes: number;
}

export interface PaymentCheck {
  orderId: string;
  result: PaymentCheckResult;
  /** What the gateway said and what became of it, in words. */
  message: string;
}

/**
 * The admin's "Check with the gateway" on one payment attempt: asks the transaction
 * status API and applies the answer exactly as the requery job would (the same checks and
 * state machine; it does not use up the job's backing-off schedule), then says what happened.
 */
export async function checkPaymentWithGateway(
  context: RequeryContext,
  actor: SessionUser | null,
  input: { attemptId: string },
): Promise<PaymentCheck> {
  assertAdmin(actor);
  const { attemptId } = checkPaymentSchema.parse(input);
  const [known] = await context.db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.id, attemptId));
  if (known === undefined) throw new CheckPaymentError("attempt_not_found", "No such payment attempt.");

  const result = await requeryAttempt(context, attemptId);
  const [after] = await context.db
    .select({
      orderId: orders.id,
      attemptStatus: paymentAttempts.status,
      attemptTxnId: paymentAttempts.atomTxnId,
      orderStatus: orders.status,
      orderTxnId: orders.atomTxnId,
    })
    .from(paymentAttempts)
    .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
    .where(eq(paymentAttempts.id, attemptId));
  if (after === undefined) throw new CheckPaymentError("attempt_not_found", "No such payment attempt.");
  const message = describePaymentCheck(result, {
    attemptStatus: after.attemptStatus,
    orderStatus: after.orderStatus,
    paidTheOrder: isPayingAttempt({ atomTxnId: after.orderTxnId }, { atomTxnId: after.attemptTxnId }),
    abandonAfterMinutes: Math.round(context.jobs.abandonAfterSeconds / 60),
  });
  return { orderId: after.orderId, result, message };
}

/** What the gateway said about a payment, and what the shop now holds, for the admin. */
export function describePaymentCheck(result: PaymentCheckResult, payment: CheckedPayment): string {
  const completed = payment.attemptStatus === "completed";
  switch (result) {
    case "success":
      if (payment.paidTheOrder) return `The gateway reports it paid; the order is ${payment.orderStatus}.`;
      if (payment.orderStatus === "pending")
        return "The gateway reports it paid, but the order still waits for payment: the consistency check will look at it.";
      return `The gateway reports it paid, but the order (${payment.orderStatus}) was not paid by it: it is an extra payment to refund to the shopper.`;
    case "failed":
      return completed
        ? "The gateway reports a failure for this payment, which had succeeded: nothing was undone; see the timeline."
        : "The gateway reports the payment failed; no money was taken.";
    case "pending":
      return completed
        ? "The gateway reports this payment pending, though it had succeeded: nothing changed."
        : "The gateway reports it pending at the bank; the shop keeps asking until it settles.";
    case "no_data":
      if (completed)
        return "The gateway has no payment for it, though the shop recorded it as paid: ask the gateway's support.";
      if (payment.attemptStatus === "payment_failed")
        return "The gateway has no payment for it: the attempt is closed, and the order can be paid again.";
      return `The gateway has no payment for it (yet): the shopper has not paid. Left so, it is closed as abandoned ${payment.abandonAfterMinutes} minutes after it started.`;
    case "mismatch":
      return "The gateway's answer does not match this payment; it was not applied, and the order is flagged for review.";
    case "unavailable":
      return "The gateway could not be asked just now. Try again in a few minutes.";
  }
}
