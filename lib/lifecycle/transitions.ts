import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { afterCommit } from "@/db/after-commit";
import {
  orders,
  paymentAttempts,
  refunds,
  type Order,
  type OrderStatus,
  type PaymentAttempt,
  type PaymentAttemptStatus,
  type Refund,
  type RefundStatus,
} from "@/db/schema";
import { countPaymentResult, countRefundStatus } from "@/lib/observability/observe-gateway";
import {
  recordPaymentEvent,
  type EventOrigin,
  type FlagEventType,
  type PaymentEventInput,
  type TransitionEventType,
} from "./events";
import { releaseOrderStock, takeBackOrderStock } from "./hold-stock";
import {
  assertOrderTransition,
  attemptPath,
  canTransitionRefund,
  IllegalTransitionError,
  isPassThroughAttemptStatus,
  type StoredAttemptStatus,
} from "./machines";
import { stockEffectOfAttemptMove, stockEffectOfOrderMove } from "./plan-stock";

// Every status in the shop changes here, the same way: the machine's table is checked
// (an illegal step throws IllegalTransitionError and writes nothing), the row is updated
// only if it is still in the status the caller read (`… WHERE status = from`), and the
// event is appended in the caller's transaction. Timestamps come from the database's
// clock, `now()`, so every instance of the app agrees on them. The stock an order holds
// follows its moves here too, in the same transaction (./plan-stock.ts says which move
// takes or gives back, ./hold-stock.ts does it): no status can change without its stock.

/**
 * Locks an order's row for the rest of the transaction. The one lock order of the shop:
 * the order before its attempts and refunds (inserting a refund locks its attempt's key),
 * so no two writers can deadlock. Returns the order, or undefined when there is none.
 */
export async function lockOrder(tx: Queryable, orderId: string): Promise<Order | undefined> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  return order;
}

/** lockOrder for the order of the payment attempt `merchTxnId` names, found in the same statement (the attempt is not locked). */
export async function lockOrderOfAttempt(tx: Queryable, merchTxnId: string): Promise<Order | undefined> {
  const [order] = await tx
    .select()
    .from(orders)
    .where(
      eq(
        orders.id,
        tx
          .select({ orderId: paymentAttempts.orderId })
          .from(paymentAttempts)
          .where(eq(paymentAttempts.merchTxnId, merchTxnId)),
      ),
    )
    .for("update");
  return order;
}

/** `changed: false` when the race was lost: the row had left `from` (or is gone); nothing was written. */
export type Transition<Row> = { changed: true; row: Row } | { changed: false };

/**
 * The row a writer moved while holding its lock: there a lost race can only be a bug
 * elsewhere, so it throws instead of answering `changed: false`.
 */
export function movedUnderLock<Row>(transition: Transition<Row>, what: string): Row {
  if (!transition.changed) throw new Error(`${what} changed under its row lock`);
  return transition.row;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The event a transition appends; its order (and attempt or refund) ids come from the row moved. */
type EventOf<T extends PaymentEventInput["type"], Known extends PropertyKey> = DistributiveOmit<
  PaymentEventInput<T>,
  Known
>;

// Status, ids and lifecycle timestamps are the kernel's to write.
type OrderFields = Partial<
  Omit<
    typeof orders.$inferInsert,
    "id" | "status" | "createdAt" | "updatedAt" | "paidAt" | "shippedAt" | "deliveredAt" | "cancelledAt" | "needsReview"
  >
>;
type AttemptFields = Partial<
  Omit<typeof paymentAttempts.$inferInsert, "id" | "orderId" | "status" | "createdAt" | "updatedAt">
>;
// A field may be set from the database's own clock (`sql\`now()\``) or from its current value.
type RefundFields = {
  [
    K in keyof Omit<typeof refunds.$inferInsert, "id" | "orderId" | "attemptId" | "status" | "createdAt" | "updatedAt">
  ]?: (typeof refunds.$inferInsert)[K] | SQL;
};

/** The moment an order reached a status, stamped when it gets there. */
const ORDER_STATUS_STAMPS: Partial<Record<OrderStatus, "paidAt" | "shippedAt" | "deliveredAt" | "cancelledAt">> = {
  paid: "paidAt",
  shipped: "shippedAt",
  delivered: "deliveredAt",
  cancelled: "cancelledAt",
};

export async function transitionOrder(
  tx: Queryable,
  input: {
    id: string;
    from: OrderStatus;
    to: OrderStatus;
    set?: OrderFields;
    event: EventOf<TransitionEventType<"order">, "orderId">;
    /** On a move to `refunded`: the admin asked for the order's items to go back in stock. */
    restock?: boolean;
  },
): Promise<Transition<Order>> {
  assertOrderTransition(input.from, input.to);
  const stamp = ORDER_STATUS_STAMPS[input.to];
  const [row] = await tx
    .update(orders)
    .set({ ...input.set, status: input.to, ...(stamp ? { [stamp]: sql`now()` } : {}), updatedAt: sql`now()` })
    .where(and(eq(orders.id, input.id), eq(orders.status, input.from)))
    .returning();
  if (row === undefined) return { changed: false };
  await recordPaymentEvent(tx, { ...input.event, orderId: row.id });
  const origin = originOf(input.event);
  switch (stockEffectOfOrderMove(input.to, { restock: input.restock === true })) {
    case "release":
      await releaseOrderStock(
        tx,
        row.id,
        origin,
        input.to === "refunded"
          ? "restocked"
          : input.event.type === "order_expired"
            ? "order_expired"
            : "order_cancelled",
      );
      break;
    case "take":
      await takeBackOrderStock(tx, row.id, origin, "order_paid");
      break;
  }
  return { changed: true, row };
}

/** What a stock event caused by this one carries over: where it came from, who, and about which payment or refund. */
function originOf(event: EventOrigin): EventOrigin {
  return { source: event.source, actor: event.actor, attemptId: event.attemptId, refundId: event.refundId };
}

/**
 * Moves an attempt along its machine to a stored state, walking any pass-through states
 * between (a verified success goes from user_payment straight to completed); the walk is
 * kept in the event's detail as `attemptPath`, from `from` to `to`.
 */
export async function transitionAttempt(
  tx: Queryable,
  input: {
    id: string;
    from: StoredAttemptStatus;
    to: StoredAttemptStatus;
    set?: AttemptFields;
    event: EventOf<TransitionEventType<"payment_attempt">, "orderId" | "attemptId">;
  },
): Promise<Transition<PaymentAttempt>> {
  const path = isPassThroughAttemptStatus(input.to) ? undefined : attemptPath(input.from, input.to);
  if (path === undefined) throw new IllegalTransitionError("payment_attempt", input.from, input.to);
  const [row] = await tx
    .update(paymentAttempts)
    .set({ ...input.set, status: input.to, updatedAt: sql`now()` })
    .where(and(eq(paymentAttempts.id, input.id), eq(paymentAttempts.status, input.from)))
    .returning();
  if (row === undefined) return { changed: false };
  const event = path.some(isPassThroughAttemptStatus) ? withWalk(input.event, [input.from, ...path]) : input.event;
  await recordPaymentEvent(tx, { ...event, orderId: row.orderId, attemptId: row.id });
  await moveAttemptStock(tx, row, input.to, { ...originOf(input.event), attemptId: row.id }, input.event.type);
  const outcome = paymentOutcomeOf(input.from, input.to, input.event.type);
  if (outcome !== undefined) afterCommit(tx, () => countPaymentResult(outcome));
  return { changed: true, row };
}

/** The attempt states in which a payment may still be made: the order's stock is theirs. */
const OPEN_ATTEMPT_STATUSES = ["initializing", "token_generated", "user_payment"] as const;

/**
 * A failed payment gives its unpaid order's stock back, unless another attempt of the
 * order is still open; one pending at the bank takes back what it can.
 */
async function moveAttemptStock(
  tx: Queryable,
  attempt: PaymentAttempt,
  to: StoredAttemptStatus,
  origin: EventOrigin,
  eventType: TransitionEventType<"payment_attempt">,
): Promise<void> {
  if (to !== "payment_failed" && to !== "user_payment") return;
  const order = await lockOrder(tx, attempt.orderId);
  if (order === undefined) return;
  switch (stockEffectOfAttemptMove(to, order.status)) {
    case "take":
      await takeBackOrderStock(tx, order.id, origin, "payment_pending");
      return;
    case "release_unless_open": {
      const [open] = await tx
        .select({ id: paymentAttempts.id })
        .from(paymentAttempts)
        .where(
          and(
            eq(paymentAttempts.orderId, order.id),
            ne(paymentAttempts.id, attempt.id),
            inArray(paymentAttempts.status, [...OPEN_ATTEMPT_STATUSES]),
          ),
        )
        .limit(1);
      if (open !== undefined) return;
      const because =
        eventType === "token_failed" || eventType === "payment_abandoned" ? eventType : ("payment_failed" as const);
      await releaseOrderStock(tx, order.id, origin, because);
      return;
    }
  }
}

/**
 * What a move means for the payment success rate (atom_payments_total): reaching
 * `completed` is a success; `payment_failed` a failure (AUTH refused included), unless the
 * shopper abandoned it (the gateway never saw a payment); entering `user_payment` is
 * pending. An attempt that failed and then succeeded late counts once each way.
 */
function paymentOutcomeOf(
  from: StoredAttemptStatus,
  to: StoredAttemptStatus,
  eventType: string,
): "success" | "failed" | "pending" | undefined {
  if (to === "completed") return "success";
  if (to === "payment_failed") return eventType === "payment_abandoned" ? undefined : "failed";
  if (to === "user_payment" && from !== "user_payment") return "pending";
  return undefined;
}

function withWalk<E extends { detail: object }>(event: E, walk: PaymentAttemptStatus[]): E {
  return { ...event, detail: { ...event.detail, attemptPath: walk } };
}

export async function transitionRefund(
  tx: Queryable,
  input: {
    id: string;
    from: RefundStatus;
    to: RefundStatus;
    set?: RefundFields;
    event: EventOf<TransitionEventType<"refund">, "orderId" | "refundId">;
  },
): Promise<Transition<Refund>> {
  if (!canTransitionRefund(input.from, input.to)) throw new IllegalTransitionError("refund", input.from, input.to);
  const [row] = await tx
    .update(refunds)
    .set({ ...input.set, status: input.to, updatedAt: sql`now()` })
    .where(and(eq(refunds.id, input.id), eq(refunds.status, input.from)))
    .returning();
  if (row === undefined) return { changed: false };
  await recordPaymentEvent(tx, { ...input.event, orderId: row.orderId, refundId: row.id });
  afterCommit(tx, () => countRefundStatus(input.to));
  return { changed: true, row };
}

/**
 * Raises or clears an order's needs-review flag with the event that says why. Every flag
 * event raises it (again, if already raised: each is a new reason to look); it is cleared
 * only from raised, by the admin's review.
 */
export async function setNeedsReview(
  tx: Queryable,
  input:
    | { orderId: string; needsReview: true; event: EventOf<FlagEventType, "orderId"> }
    | { orderId: string; needsReview: false; event: EventOf<"review_completed", "orderId"> },
): Promise<Transition<Order>> {
  const [row] = await tx
    .update(orders)
    .set({ needsReview: input.needsReview, updatedAt: sql`now()` })
    .where(
      input.needsReview
        ? eq(orders.id, input.orderId)
        : and(eq(orders.id, input.orderId), eq(orders.needsReview, true)),
    )
    .returning();
  if (row === undefined) return { changed: false };
  await recordPaymentEvent(tx, { ...input.event, orderId: row.id });
  return { changed: true, row };
}
