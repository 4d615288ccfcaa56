import type { OrderStatus, PaymentAttemptStatus, RefundStatus } from "@/db/schema";
import { DomainError } from "@/lib/domain-error";

// The state machines of DESIGN.md, one table each. Nothing writes a status but the
// transition functions of ./transitions.ts, which check these tables first.

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ["paid", "cancelled"],
  paid: ["shipped", "refunded"],
  shipped: ["delivered", "refunded"],
  delivered: ["refunded"],
  refunded: [],
  cancelled: [],
};

// Beyond the design's diagram: AUTH can fail before a token exists (initializing →
// payment_failed); a result can arrive without the browser having reported the overlay
// (token_generated → payment_success | payment_failed); and a verified success after a
// failure is accepted (payment_failed → payment_success), because the gateway holds the
// shopper's money and its latest verified word is the truth; likewise a new try on the
// same merchTxnId reported pending after a failed one (payment_failed → user_payment).
// A payment pending at the bank may be re-reported with a new status code
// (user_payment → user_payment: its gateway fields are refreshed in place).
export const PAYMENT_ATTEMPT_TRANSITIONS: Readonly<Record<PaymentAttemptStatus, readonly PaymentAttemptStatus[]>> = {
  initializing: ["token_generated", "payment_failed"],
  token_generated: ["user_payment", "payment_success", "payment_failed"],
  user_payment: ["user_payment", "payment_success", "payment_failed"],
  payment_success: ["callback_received"],
  payment_failed: ["payment_success", "user_payment"],
  callback_received: ["signature_verified"],
  signature_verified: ["completed"],
  completed: [],
};

/**
 * Attempt states of the design's diagram that are walked through in one step and never
 * stored: a verified success goes straight to `completed` (the database keeps them in its
 * CHECK so the diagram stays whole). The path walked is kept in the event's detail.
 */
export const PASS_THROUGH_ATTEMPT_STATUSES = [
  "payment_success",
  "callback_received",
  "signature_verified",
] as const satisfies readonly PaymentAttemptStatus[];
type PassThroughAttemptStatus = (typeof PASS_THROUGH_ATTEMPT_STATUSES)[number];
/** The attempt states a row can be in. */
export type StoredAttemptStatus = Exclude<PaymentAttemptStatus, PassThroughAttemptStatus>;

export function isPassThroughAttemptStatus(status: PaymentAttemptStatus): status is PassThroughAttemptStatus {
  return (PASS_THROUGH_ATTEMPT_STATUSES as readonly PaymentAttemptStatus[]).includes(status);
}

// requested → processing (sent to the gateway) → completed | failed; processing stays
// while the outcome is unknown, for the refund-status sync to settle.
const REFUND_TRANSITIONS: Readonly<Record<RefundStatus, readonly RefundStatus[]>> = {
  requested: ["processing", "failed"],
  processing: ["completed", "failed"],
  completed: [],
  failed: [],
};

/** Whether a refund has its final outcome (completed or failed): its machine has no step left. */
export function isRefundSettled(status: RefundStatus): boolean {
  return REFUND_TRANSITIONS[status].length === 0;
}

/** Refund states with an outcome still to come: their amount is held, and the refund sync checks them. */
export const UNSETTLED_REFUND_STATUSES: readonly RefundStatus[] = (
  Object.keys(REFUND_TRANSITIONS) as RefundStatus[]
).filter((status) => !isRefundSettled(status));

export type Machine = "order" | "payment_attempt" | "refund";

/** A step the machine does not allow: nothing was written, and the message can be shown as it is. */
export class IllegalTransitionError extends DomainError<"illegal_transition"> {
  override name = "IllegalTransitionError";
  constructor(
    readonly machine: Machine,
    readonly from: string,
    readonly to: string,
  ) {
    super("illegal_transition", `This ${MACHINE_NOUN[machine]} cannot be moved from ${from} to ${to}.`);
  }
}

const MACHINE_NOUN: Readonly<Record<Machine, string>> = {
  order: "order",
  payment_attempt: "payment",
  refund: "refund",
};

export function canTransitionOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function canTransitionAttempt(from: PaymentAttemptStatus, to: PaymentAttemptStatus): boolean {
  return PAYMENT_ATTEMPT_TRANSITIONS[from].includes(to);
}

export function canTransitionRefund(from: RefundStatus, to: RefundStatus): boolean {
  return REFUND_TRANSITIONS[from].includes(to);
}

export function assertOrderTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransitionOrder(from, to)) throw new IllegalTransitionError("order", from, to);
}

/**
 * The chain of attempt states from `from` to `to` along the machine (breadth-first),
 * e.g. user_payment → completed passes payment_success, callback_received and
 * signature_verified; a refresh in place (user_payment → user_payment) is the empty
 * chain. Undefined when `to` cannot be reached.
 */
export function attemptPath(from: PaymentAttemptStatus, to: PaymentAttemptStatus): PaymentAttemptStatus[] | undefined {
  if (from === to) return canTransitionAttempt(from, to) ? [] : undefined;
  const previous = new Map<PaymentAttemptStatus, PaymentAttemptStatus>();
  const queue: PaymentAttemptStatus[] = [from];
  const seen = new Set<PaymentAttemptStatus>([from]);
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (state === to) break;
    for (const next of PAYMENT_ATTEMPT_TRANSITIONS[state]) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, state);
      queue.push(next);
    }
  }
  if (!previous.has(to)) return undefined;
  const path: PaymentAttemptStatus[] = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
  return path.slice(1);
}

/** Order states in which money has been taken and not fully returned. */
export const PAID_ORDER_STATUSES: readonly OrderStatus[] = ["paid", "shipped", "delivered"];
