import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { afterCommit } from "@/db/after-commit";
import { paymentAttempts, refunds, type Order, type PaymentAttempt, type Refund } from "@/db/schema";
import { assertAdmin, auditActor } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { lockOrder } from "@/lib/lifecycle/transitions";
import { log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { countRefundStatus } from "@/lib/observability/observe-gateway";
import { RefundRuleError } from "./errors";
import { prodRefundIdFor, refundRequestSchema, type RefundRequest } from "./refund-input";
import {
  isPayingAttempt,
  orderRefundability,
  refundTotalsByAttempt,
  type AttemptRefundTotals,
  type RefundClosed,
  type RefundRefusal,
} from "./refundable";
import { markSent, sendRefund, type RefundGateway } from "./send-refund";
import { findRefund } from "./settle-refund";

export interface RefundOutcome {
  refund: Refund;
  /** The idempotency key named an existing refund: nothing new was created or sent. */
  duplicate: boolean;
}

/**
 * An admin refunds part or all of a payment: the order's own (the default) or an extra
 * one, when the shopper paid twice or paid after cancelling (`input.attemptId`). The
 * order row is locked while the rules are checked and the refund row is written
 * (`requested`), so two admins cannot together refund more than was paid. The row is
 * marked `processing` before REFUND is called (outside any transaction) and settled by
 * the answer; when there is no usable answer it stays `processing` for the refund sync,
 * which re-sends it only under the same prodRefundId.
 */
export async function requestRefund(
  db: Database,
  gateway: RefundGateway,
  actor: SessionUser | null,
  input: RefundRequest,
): Promise<RefundOutcome> {
  assertAdmin(actor);
  const parsed = refundRequestSchema.parse(input);
  // Issue 14's item refunds are built on a branch; until then a request names an amount.
  if (parsed.amountPaise === undefined)
    throw new RefundRuleError("order_not_refundable", "Refunds by item are not available yet.");
  const request = { ...parsed, amountPaise: parsed.amountPaise };
  const audit = { source: "admin", actor: auditActor(actor) } as const;

  const created = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, request.orderId);
    if (order === undefined) throw new RefundRuleError("order_not_found", "No such order.");
    const attempts = await tx.select(ATTEMPT_FIELDS).from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));

    // Under the order's lock, so a second submit of the same form waits and finds the first.
    const [existing] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, request.idempotencyKey));
    if (existing !== undefined) {
      const attemptId = request.attemptId ?? attempts.find((attempt) => isPayingAttempt(order, attempt))?.id;
      if (
        existing.orderId !== order.id ||
        existing.attemptId !== attemptId ||
        existing.refundAmount !== request.amountPaise ||
        existing.restock !== (request.restock === true)
      ) {
        throw new RefundRuleError(
          "idempotency_key_reused",
          "This form was already used for another refund: reload the page.",
        );
      }
      return { duplicate: true as const, refund: existing };
    }

    const target = refundTarget(order, attempts, request.attemptId, await refundTotalsByAttempt(tx, order.id));
    if (request.amountPaise > target.refundablePaise)
      throw RefundRuleError.amountExceeds(target.refundablePaise, target.of);
    const restock = request.restock === true;
    // The goods go back only with all the order's money: issue 14 will refund (and restock) item by item.
    if (restock && (target.of !== "order" || request.amountPaise !== target.refundablePaise)) {
      throw new RefundRuleError(
        "restock_needs_full_refund",
        "Items go back in stock only with a full refund of the order: refund everything still refundable, or leave the box unticked.",
      );
    }

    const id = randomUUID();
    const [refund] = await tx
      .insert(refunds)
      .values({
        id,
        orderId: order.id,
        attemptId: target.attemptId,
        refundAmount: request.amountPaise,
        prodRefundId: prodRefundIdFor(id),
        reason: request.reason,
        requestedBy: audit.actor.userId,
        idempotencyKey: request.idempotencyKey,
        restock,
      })
      .returning();
    await recordPaymentEvent(tx, {
      orderId: order.id,
      refundId: id,
      type: "refund_requested",
      ...audit,
      detail: {
        amountPaise: request.amountPaise,
        reason: request.reason,
        prodRefundId: prodRefundIdFor(id),
        attemptId: target.attemptId,
        restock,
      },
    });
    afterCommit(tx, () => countRefundStatus("requested"));
    return { duplicate: false as const, refund: refund!, payment: target.payment };
  });
  if (created.duplicate) return { refund: created.refund, duplicate: true };
  const { refund } = created;
  return withLogContext({ orderId: refund.orderId, refundId: refund.id }, async () => {
    log.info(
      { amountPaise: refund.refundAmount, prodRefundId: refund.prodRefundId, attemptId: refund.attemptId },
      "Refund requested",
    );
    const sent = await markSent(db, refund, audit);
    if (sent === undefined) return { refund: await findRefund(db, refund.id), duplicate: false };
    return { refund: await sendRefund(db, gateway, sent, audit, { resend: false }), duplicate: false };
  });
}

const ATTEMPT_FIELDS = {
  id: paymentAttempts.id,
  merchTxnId: paymentAttempts.merchTxnId,
  atomTxnId: paymentAttempts.atomTxnId,
  status: paymentAttempts.status,
  amount: paymentAttempts.amount,
  surchargeAmount: paymentAttempts.surchargeAmount,
};
type AttemptFields = Pick<PaymentAttempt, keyof typeof ATTEMPT_FIELDS>;

interface RefundTarget {
  attemptId: string;
  /** The gateway's ids of the payment REFUND names. */
  payment: { merchTxnId: string; atomTxnId: string };
  refundablePaise: number;
  of: "order" | "payment";
}

/** The payment being refunded and how much of it is left; refuses what cannot be refunded. */
function refundTarget(
  order: Order,
  attempts: AttemptFields[],
  attemptId: string | undefined,
  totalsOf: (attemptId: string | undefined) => AttemptRefundTotals,
): RefundTarget {
  const { own, others } = orderRefundability(order, attempts, totalsOf);
  if (attemptId === undefined || attemptId === own.attempt?.id) {
    refuseIfClosed(own.closed);
    // REFUND names the original payment: the attempt that carries the order's atomTxnId
    // (present whenever the payment is not closed for any amount).
    const paying = own.attempt!;
    return {
      attemptId: paying.id,
      payment: { merchTxnId: paying.merchTxnId, atomTxnId: paying.atomTxnId },
      refundablePaise: own.refundablePaise,
      of: "order",
    };
  }
  // Another attempt: money the shop holds beyond the order's own payment, refundable
  // whatever the order's status (a cancelled order's late payment included).
  const other = others.get(attemptId);
  if (other === undefined) throw new RefundRuleError("attempt_not_found", "This order has no such payment.");
  if (other.payment === undefined) throw refusalOf(other.closed);
  const { payment } = other;
  return {
    attemptId: payment.attemptId,
    payment: { merchTxnId: payment.merchTxnId, atomTxnId: payment.atomTxnId },
    refundablePaise: payment.refundablePaise,
    of: "payment",
  };
}

/** A payment closed for any amount is refused as it is; one with nothing left, by the amount check. */
function refuseIfClosed(closed: RefundClosed | undefined): void {
  if (closed !== undefined && closed.code !== "amount_exceeds_refundable") throw refusalOf(closed);
}

function refusalOf(closed: RefundRefusal): RefundRuleError {
  return new RefundRuleError(closed.code, closed.refusal);
}
