import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import { afterCommit } from "@/db/after-commit";
import { paymentAttempts, refundItems, refunds, type Order, type PaymentAttempt, type Refund } from "@/db/schema";
import { assertAdmin, auditActor } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { describeUnits } from "@/lib/lifecycle/plan-stock";
import { lockOrder } from "@/lib/lifecycle/transitions";
import { log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { countRefundStatus } from "@/lib/observability/observe-gateway";
import { RefundRuleError } from "./errors";
import { prodRefundIdFor, refundRequestSchema, type RefundRequest } from "./refund-input";
import {
  isPayingAttempt,
  orderRefundability,
  refundableLines,
  refundTotalsByAttempt,
  sameUnits,
  valueRefundItems,
  type AttemptRefundTotals,
  type ValuedRefundItem,
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
  const request = refundRequestSchema.parse(input);
  const audit = { source: "admin", actor: auditActor(actor) } as const;

  const created = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, request.orderId);
    if (order === undefined) throw new RefundRuleError("order_not_found", "No such order.");
    const attempts = await tx.select(ATTEMPT_FIELDS).from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));

    // Under the order's lock, so a second submit of the same form waits and finds the first.
    const [existing] = await tx.select().from(refunds).where(eq(refunds.idempotencyKey, request.idempotencyKey));
    if (existing !== undefined) {
      if (!(await sameRequest(tx, existing, order, attempts, request))) {
        throw new RefundRuleError(
          "idempotency_key_reused",
          "This form was already used for another refund: reload the page.",
        );
      }
      return { duplicate: true as const, refund: existing };
    }

    const plan = await planRefund(tx, order, attempts, request);
    const id = randomUUID();
    const [refund] = await tx
      .insert(refunds)
      .values({
        id,
        orderId: order.id,
        attemptId: plan.target.attemptId,
        refundAmount: plan.amountPaise,
        prodRefundId: prodRefundIdFor(id),
        reason: request.reason,
        requestedBy: audit.actor.userId,
        idempotencyKey: request.idempotencyKey,
        restock: plan.restock,
      })
      // The key was looked up under this order's lock; a request with the same key for another
      // order (another lock) may have taken it since: a reused key, not a server error.
      .onConflictDoNothing({ target: refunds.idempotencyKey })
      .returning();
    if (refund === undefined)
      throw new RefundRuleError(
        "idempotency_key_reused",
        "This form was already used for another refund: reload the page.",
      );
    if (plan.items !== undefined) {
      await tx.insert(refundItems).values(
        plan.items.map((item) => ({
          refundId: id,
          orderItemId: item.orderItemId,
          quantity: item.quantity,
          amount: item.amountPaise,
        })),
      );
    }
    await recordPaymentEvent(tx, {
      orderId: order.id,
      refundId: id,
      type: "refund_requested",
      ...audit,
      detail: {
        amountPaise: plan.amountPaise,
        reason: request.reason,
        prodRefundId: prodRefundIdFor(id),
        attemptId: plan.target.attemptId,
        restock: plan.restock,
        ...(plan.items === undefined
          ? {}
          : { items: describeUnits(plan.items.map((item) => ({ name: item.name, units: item.quantity }))) }),
      },
    });
    afterCommit(tx, () => countRefundStatus("requested"));
    return { duplicate: false as const, refund: refund! };
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

/** What a refund request would refund, before it is made: the amount the admin confirms. */
export interface RefundQuote {
  amountPaise: number;
  /** The lines of an item refund, valued. */
  items?: ValuedRefundItem[];
  restock: boolean;
}

/**
 * The refund form's first submit: the same checks and the same valuation as
 * requestRefund, answered with the amount for the admin to confirm. Creates nothing.
 */
export async function quoteRefund(db: Database, actor: SessionUser | null, input: RefundRequest): Promise<RefundQuote> {
  assertAdmin(actor);
  const request = refundRequestSchema.parse(input);
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, request.orderId);
    if (order === undefined) throw new RefundRuleError("order_not_found", "No such order.");
    const attempts = await tx.select(ATTEMPT_FIELDS).from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
    const { amountPaise, items, restock } = await planRefund(tx, order, attempts, request);
    return items === undefined ? { amountPaise, restock } : { amountPaise, items, restock };
  });
}

interface RefundPlan extends RefundQuote {
  target: RefundTarget;
}

/**
 * The refund a request asks for, checked against the rules: the payment refunded, the
 * amount (typed, or the items' value), and whether its goods go back in stock. Run under
 * the order's lock.
 */
async function planRefund(
  tx: Queryable,
  order: Order,
  attempts: AttemptFields[],
  request: RefundRequest,
): Promise<RefundPlan> {
  const target = refundTarget(order, attempts, request.attemptId, await refundTotalsByAttempt(tx, order.id));
  const restock = request.restock === true;
  if (request.items !== undefined) {
    // Items were paid for with the order's own payment: an extra payment is refunded by amount.
    if (target.of !== "order") {
      throw new RefundRuleError(
        "items_need_order_payment",
        "Items are refunded from the order's own payment; refund an extra payment by amount.",
      );
    }
    const { items, amountPaise } = valueRefundItems(await refundableLines(tx, order.id), request.items);
    if (amountPaise > target.refundablePaise) throw RefundRuleError.amountExceeds(target.refundablePaise, target.of);
    return { target, amountPaise, items, restock };
  }
  const amountPaise = request.amountPaise!;
  if (amountPaise > target.refundablePaise) throw RefundRuleError.amountExceeds(target.refundablePaise, target.of);
  // A refund by amount names no goods: they go back only with all the order's money.
  if (restock && (target.of !== "order" || amountPaise !== target.refundablePaise)) {
    throw new RefundRuleError(
      "restock_needs_full_refund",
      "A refund by amount puts the items back in stock only when it refunds everything still refundable: refund by item, or leave the box unticked.",
    );
  }
  return { target, amountPaise, restock };
}

/** A repeated idempotency key: the same refund only when it asked for the same thing (items included). */
async function sameRequest(
  tx: Queryable,
  existing: Refund,
  order: Order,
  attempts: AttemptFields[],
  request: RefundRequest,
): Promise<boolean> {
  const attemptId = request.attemptId ?? attempts.find((attempt) => isPayingAttempt(order, attempt))?.id;
  if (existing.orderId !== order.id || existing.attemptId !== attemptId) return false;
  if (existing.restock !== (request.restock === true)) return false;
  const lines = await tx
    .select({ orderItemId: refundItems.orderItemId, quantity: refundItems.quantity })
    .from(refundItems)
    .where(eq(refundItems.refundId, existing.id));
  if (request.items === undefined) return lines.length === 0 && existing.refundAmount === request.amountPaise;
  return sameUnits(lines, request.items);
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
