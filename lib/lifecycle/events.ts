import type { Queryable } from "@/db";
import type { Machine } from "./machines";
import { paymentEvents, type OrderStatus, type PaymentAttemptStatus, type PaymentEventSource } from "@/db/schema";
import { isCancelledByShopper } from "@/lib/atom/outcome";
import { formatRupees } from "@/lib/money";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { enqueueShopperEmail, type ShopperEmailCause } from "@/lib/notifications/enqueue-shopper-email";

/** What a verified gateway result said, as kept on the timeline (no secret, no payload). */
export type GatewayResultSummary = {
  statusCode: string;
  message: string;
  atomTxnId: string;
  amount: number;
  surcharge: number;
  totalAmount: number;
  subChannel: string | null;
  bankName: string | null;
};

/** A gateway result that moved an attempt; `attemptPath` when it walked pass-through states. */
type AttemptMoved = GatewayResultSummary & { attemptPath?: PaymentAttemptStatus[] };

/** What moved an order's stock, and the lines it moved ("Kashmiri Saffron × 2, …"). */
type StockMoved<Because extends string> = { because: Because; items: string };

type RefundLine = {
  amountPaise: number;
  attemptId: string;
};

// Type aliases, not interfaces, so that each detail is a plain JSON object to the database.
/** Every event an order's timeline (`payment_events`) can hold, with the shape of its detail. */
export interface PaymentEventDetails {
  order_created: { totalAmount: number; items: number };
  payment_started: { merchTxnId: string; amount: number };
  token_generated: { atomTokenId: string };
  token_failed: { kind: string; gatewayCode: string | undefined; message: string };
  payment_pending: AttemptMoved;
  payment_failed: AttemptMoved;
  payment_succeeded: AttemptMoved;
  order_paid: { atomTxnId: string };
  stale_try_ignored: GatewayResultSummary;
  result_mismatch: GatewayResultSummary & { problems: string[] };
  duplicate_payment: GatewayResultSummary;
  paid_after_cancel: GatewayResultSummary;
  failure_after_success: GatewayResultSummary;
  review_completed: { note: string };
  order_cancelled: Record<string, never>;
  order_shipped: { from: OrderStatus };
  order_delivered: { from: OrderStatus };
  refund_requested: RefundLine & {
    reason: string;
    prodRefundId: string;
    restock: boolean;
    // An item refund: its units, as "Name × 2, Other × 1".
    items?: string;
  };
  refund_sent: RefundLine & { prodRefundId: string };
  refund_outcome_unknown: { message: string; attemptId: string };
  refund_status_checked: { listed: false; attemptId: string };
  refund_failed: RefundLine & { statusCode: string | null; message: string };
  refund_completed: RefundLine & { refundTxnId: string } & ({ refundedTotalPaise: number } | { extraPayment: true });
  order_refunded: { from: OrderStatus; refundedTotalPaise: number };
  order_refund_transition_refused: { from: OrderStatus };
  payment_abandoned: { statusCode: string; checks: number };
  order_expired: { horizonSeconds: number };
  refund_resent: RefundLine & { prodRefundId: string; sendCount: number };
  inconsistency_repaired: { problem: string; repair: string };
  stock_reserved: StockMoved<"checkout" | "payment_pending" | "order_paid">;
  stock_released: StockMoved<
    "token_failed" | "payment_failed" | "payment_abandoned" | "order_cancelled" | "order_expired"
  >;
  stock_restocked: { items: string };
  stock_written_off: { items: string };
  stock_oversold: { short: string };
}

export type PaymentEventType = keyof PaymentEventDetails;

/**
 * The event types: `flags` marks those that raise the order's needs-review flag (an admin
 * must look before goods leave or money is kept); `moves` names the state machine whose
 * transition the event records (written by ./transitions.ts, in the same transaction);
 * `notifies` puts a notification for the admins in the outbox, in the same transaction.
 */
export const PAYMENT_EVENT_TYPES = {
  order_created: { flags: false },
  payment_started: { flags: false },
  token_generated: { flags: false, moves: "payment_attempt" },
  token_failed: { flags: false, moves: "payment_attempt" },
  payment_pending: { flags: false, moves: "payment_attempt" },
  payment_failed: { flags: false, moves: "payment_attempt" },
  payment_succeeded: { flags: false, moves: "payment_attempt" },
  payment_abandoned: { flags: false, moves: "payment_attempt" },
  order_paid: { flags: false, moves: "order" },
  stale_try_ignored: { flags: false },
  result_mismatch: { flags: true, notifies: true },
  duplicate_payment: { flags: true, notifies: true },
  paid_after_cancel: { flags: true, notifies: true },
  failure_after_success: { flags: true, notifies: true },
  review_completed: { flags: false },
  order_cancelled: { flags: false, moves: "order" },
  order_expired: { flags: false, moves: "order" },
  order_shipped: { flags: false, moves: "order" },
  order_delivered: { flags: false, moves: "order" },
  refund_requested: { flags: false },
  refund_sent: { flags: false, moves: "refund" },
  refund_resent: { flags: false },
  refund_outcome_unknown: { flags: false },
  refund_status_checked: { flags: false },
  refund_failed: { flags: false, moves: "refund", notifies: true },
  refund_completed: { flags: false, moves: "refund" },
  order_refunded: { flags: false, moves: "order" },
  order_refund_transition_refused: { flags: false },
  inconsistency_repaired: { flags: false, notifies: true },
  stock_reserved: { flags: false },
  stock_released: { flags: false },
  stock_restocked: { flags: false },
  stock_written_off: { flags: false },
  stock_oversold: { flags: false },
} as const satisfies Record<PaymentEventType, { flags: boolean; moves?: Machine; notifies?: true }>;

type NotifyingEventType = {
  [T in PaymentEventType]: (typeof PAYMENT_EVENT_TYPES)[T] extends { notifies: true } ? T : never;
}[PaymentEventType];

/** The admins' notification for each event that sends one: a subject line and what happened. */
const NOTICES: { [T in NotifyingEventType]: (detail: PaymentEventDetails[T]) => { subject: string; body: string } } = {
  result_mismatch: (detail) => ({
    subject: "Gateway result does not match its order",
    body: `A signed gateway result was refused and the order flagged for review: ${detail.problems.join("; ")}.`,
  }),
  duplicate_payment: (detail) => ({
    subject: "Order paid twice",
    body: `A second payment of ${formatRupees(detail.totalAmount)} (atomTxnId ${detail.atomTxnId}) arrived for an order already paid: refund it.`,
  }),
  paid_after_cancel: (detail) => ({
    subject: "Payment for a cancelled order",
    body: `A payment of ${formatRupees(detail.totalAmount)} (atomTxnId ${detail.atomTxnId}) arrived after the order was cancelled: refund it.`,
  }),
  failure_after_success: (detail) => ({
    subject: "Failure reported for a paid order",
    body: `The gateway reported ${detail.statusCode} (${detail.message}) for the transaction that paid this order: check it before goods leave.`,
  }),
  refund_failed: (detail) => ({
    subject: "Refund failed",
    body: `A refund of ${formatRupees(detail.amountPaise)} failed: ${detail.message}. The amount can be refunded again.`,
  }),
  inconsistency_repaired: (detail) => ({
    subject: "Order repaired automatically",
    body: `Found: ${detail.problem}. Repaired: ${detail.repair}.`,
  }),
};

function isNotifying(type: PaymentEventType): type is NotifyingEventType {
  return "notifies" in PAYMENT_EVENT_TYPES[type];
}

export type FlagEventType = {
  [T in PaymentEventType]: (typeof PAYMENT_EVENT_TYPES)[T]["flags"] extends true ? T : never;
}[PaymentEventType];

/** A flag event's type and detail, before it is placed on an order's timeline. */
export type FlagEvent = { [T in FlagEventType]: { type: T; detail: PaymentEventDetails[T] } }[FlagEventType];

export const FLAG_EVENT_TYPES = (Object.keys(PAYMENT_EVENT_TYPES) as PaymentEventType[]).filter(
  (type): type is FlagEventType => PAYMENT_EVENT_TYPES[type].flags,
);

/** The events that record a transition of machine M. */
export type TransitionEventType<M extends Machine> = {
  [T in PaymentEventType]: (typeof PAYMENT_EVENT_TYPES)[T] extends { moves: M } ? T : never;
}[PaymentEventType];

interface PaymentEventBase {
  orderId: string;
  source: PaymentEventSource;
  attemptId?: string;
  refundId?: string;
  actor?: { userId: string; email: string };
}

/** Where an event came from, and what else it names: copied onto the events a change causes. */
export type EventOrigin = Omit<PaymentEventBase, "orderId">;

/** One timeline entry: its type decides the shape of its detail. */
export type PaymentEventInput<T extends PaymentEventType = PaymentEventType> = {
  [K in T]: PaymentEventBase & { type: K; detail: PaymentEventDetails[K] };
}[T];

/**
 * The shopper's email an event sends, if any: its order paid, a payment of theirs failed
 * (declined: not one abandoned, refused a token or cancelled by the shopper on the gateway's
 * page, each of which the shopper saw happen on the page),
 * its order shipped, a refund completed. These events are written only by the transitions
 * (./transitions.ts), so each email is enqueued in the transition's own transaction.
 */
function shopperEmailCauseOf(event: PaymentEventInput): ShopperEmailCause | undefined {
  switch (event.type) {
    case "order_paid":
    case "order_shipped":
      return { type: event.type, orderId: event.orderId };
    case "payment_failed":
      if (event.attemptId === undefined || isCancelledByShopper(event.detail.statusCode)) return undefined;
      return {
        type: "payment_failed",
        orderId: event.orderId,
        attemptId: event.attemptId,
        atomTxnId: event.detail.atomTxnId,
        amountPaise: event.detail.amount,
      };
    case "refund_completed":
      if (event.refundId === undefined) return undefined;
      return {
        type: "refund_completed",
        orderId: event.orderId,
        refundId: event.refundId,
        amountPaise: event.detail.amountPaise,
        refundedTotalPaise: "refundedTotalPaise" in event.detail ? event.detail.refundedTotalPaise : null,
      };
    default:
      return undefined;
  }
}

/**
 * Appends to an order's timeline; for an event that notifies, the admins' notification to
 * the outbox, and for one the shopper hears of, the shopper's email. Call it inside the
 * transaction that made the change.
 */
export async function recordPaymentEvent(db: Queryable, event: PaymentEventInput): Promise<void> {
  const [recorded] = await db
    .insert(paymentEvents)
    .values({
      orderId: event.orderId,
      type: event.type,
      source: event.source,
      attemptId: event.attemptId,
      refundId: event.refundId,
      actorUserId: event.actor?.userId,
      actorEmail: event.actor?.email,
      detail: event.detail,
    })
    .returning({ id: paymentEvents.id });
  const shopperEmail = shopperEmailCauseOf(event);
  if (shopperEmail !== undefined) await enqueueShopperEmail(db, shopperEmail);
  if (!isNotifying(event.type)) return;
  const notice = (NOTICES[event.type] as (detail: PaymentEventInput["detail"]) => { subject: string; body: string })(
    event.detail,
  );
  // The same gateway result arriving again (20 duplicate callbacks, then the requery) is one
  // piece of news. A failure after success is flagged anew only after an admin's review
  // (applyGatewayResult decides), and each such flag is news.
  const result =
    event.type !== "failure_after_success" && "atomTxnId" in event.detail && "statusCode" in event.detail
      ? event.detail
      : undefined;
  await enqueueNotification(db, {
    kind: event.type,
    dedupeKey:
      result === undefined
        ? `event:${recorded!.id}`
        : `${event.type}:${event.orderId}:${result.atomTxnId}:${result.statusCode}:${"totalAmount" in result ? result.totalAmount : ""}`,
    orderId: event.orderId,
    subject: `[Lotus Bazaar] ${notice.subject} (order ${event.orderId.slice(0, 8)})`,
    body: notice.body,
  });
}
