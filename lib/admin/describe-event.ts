import type { PaymentEventSource } from "@/db/schema";
import type { GatewayResultSummary, PaymentEventDetails, PaymentEventType } from "@/lib/lifecycle/events";
import { formatRupees } from "@/lib/money";
import { paymentMethodLabel } from "@/lib/payments/method-names";

/** A timeline event as the order page has it: its detail's shape follows its type. */
export interface DescribableEvent {
  type: string;
  source: PaymentEventSource;
  actorEmail: string | null;
  detail: Record<string, unknown>;
}

/** What the event does not carry itself: the shipment the order was marked shipped with. */
export interface EventContext {
  shipment?: { carrier: string | null; trackingNumber: string | null };
}

type Sentence<T extends PaymentEventType> = (
  detail: PaymentEventDetails[T],
  event: Omit<DescribableEvent, "detail"> & EventContext,
) => string;

/** " by UPI (HDFC Bank)", or nothing when the gateway named no method. */
function byMethod(result: Pick<GatewayResultSummary, "subChannel" | "bankName">): string {
  const method = result.subChannel ? ` by ${paymentMethodLabel(result.subChannel)}` : "";
  return result.bankName ? `${method} (${result.bankName})` : method;
}

/** "₹189.99", and the gateway's fee beside it when the shopper paid one. */
function paidAmount(result: Pick<GatewayResultSummary, "amount" | "surcharge">): string {
  return result.surcharge > 0
    ? `${formatRupees(result.amount)} (+ ${formatRupees(result.surcharge)} gateway fee)`
    : formatRupees(result.amount);
}

/** The gateway's own words, when it gave any. */
function saying(message: string | null | undefined): string {
  return message ? `: ${message}` : "";
}

function byActor(actorEmail: string | null): string {
  return actorEmail ? ` by ${actorEmail}` : "";
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

const RESERVED_BECAUSE: Record<PaymentEventDetails["stock_reserved"]["because"], string> = {
  checkout: "at checkout",
  payment_pending: "the payment went pending at the bank",
  order_paid: "the order was paid after its units had been given back",
};

const RELEASED_BECAUSE: Record<PaymentEventDetails["stock_released"]["because"], string> = {
  token_failed: "the gateway could not open its payment page",
  payment_failed: "the payment failed",
  payment_abandoned: "the payment was abandoned",
  order_cancelled: "the order was cancelled",
  order_expired: "the order expired unpaid",
};

/**
 * One plain sentence per event type: rupees (not paise), method names (not gateway codes),
 * no internal keys. A new event type without a sentence here does not compile.
 */
const SENTENCES: { [T in PaymentEventType]: Sentence<T> } = {
  order_created: (d) => `Order placed: ${d.items} item${d.items === 1 ? "" : "s"}, ${formatRupees(d.totalAmount)}.`,
  payment_started: (d) => `Payment started for ${formatRupees(d.amount)} (reference ${d.merchTxnId}).`,
  token_generated: () => "The gateway opened its payment page.",
  token_failed: (d) => `The gateway could not open its payment page${saying(d.message)}.`,
  payment_pending: (d) => `Payment of ${paidAmount(d)}${byMethod(d)} is pending at the bank.`,
  payment_failed: (d) => `Payment of ${paidAmount(d)}${byMethod(d)} failed${saying(d.message)}.`,
  payment_succeeded: (d) => `Payment received${byMethod(d)}: ${paidAmount(d)}.`,
  order_paid: () => "The order is paid.",
  stale_try_ignored: (d) => `A late answer about an earlier try was ignored${saying(d.message)}.`,
  result_mismatch: (d) => `A gateway result did not match this order and was refused: ${d.problems.join("; ")}.`,
  duplicate_payment: (d) =>
    `A second payment arrived for this paid order${byMethod(d)}: ${paidAmount(d)}. Refund it to the shopper.`,
  paid_after_cancel: (d) =>
    `A payment arrived after the order was cancelled${byMethod(d)}: ${paidAmount(d)}. Refund it to the shopper.`,
  failure_after_success: (d) =>
    `The gateway reported a failure for the payment that paid this order${saying(d.message)}. Check it before the goods leave.`,
  review_completed: (d, e) => `Marked reviewed${byActor(e.actorEmail)}: ${d.note}`,
  order_cancelled: (_d, e) =>
    e.source === "shopper" ? "The shopper cancelled the order." : "The order was cancelled.",
  order_shipped: (_d, e) =>
    e.shipment?.carrier
      ? `Marked shipped with ${e.shipment.carrier}, tracking ${e.shipment.trackingNumber ?? "—"}.`
      : "Marked shipped.",
  order_delivered: () => "Marked delivered.",
  refund_requested: (d, e) =>
    `Refund of ${formatRupees(d.amountPaise)} requested${byActor(e.actorEmail)} — ${d.reason}${
      d.restock ? " (items back in stock when it completes)" : ""
    }.`,
  refund_sent: (d) => `Refund of ${formatRupees(d.amountPaise)} sent to the gateway.`,
  refund_resent: (d) =>
    `Refund of ${formatRupees(d.amountPaise)} sent again (try ${d.sendCount}): the gateway had not listed it.`,
  refund_outcome_unknown: (d) =>
    `No clear answer from the gateway about the refund${saying(d.message)}. It stays in progress until checked.`,
  refund_status_checked: () => "Checked the refund with the gateway: it does not list it yet.",
  refund_failed: (d) => `Refund of ${formatRupees(d.amountPaise)} refused by the gateway${saying(d.message)}.`,
  refund_completed: (d) =>
    `Refund of ${formatRupees(d.amountPaise)} completed (gateway reference ${d.refundTxnId})${
      "refundedTotalPaise" in d
        ? `; ${formatRupees(d.refundedTotalPaise)} refunded in all`
        : ", returning an extra payment"
    }.`,
  order_refunded: (d) => `Refunded in full: ${formatRupees(d.refundedTotalPaise)}.`,
  order_refund_transition_refused: (d) =>
    `Everything paid is refunded, but the ${d.from} order could not be marked refunded.`,
  payment_abandoned: (d) =>
    `Payment abandoned: the gateway had no payment after ${d.checks} check${d.checks === 1 ? "" : "s"}.`,
  order_expired: (d) => `Expired unpaid after ${duration(d.horizonSeconds)}.`,
  inconsistency_repaired: (d) => `Put right from the gateway's record: ${d.problem}. Repaired: ${d.repair}.`,
  stock_reserved: (d) => `Stock held (${RESERVED_BECAUSE[d.because]}): ${d.items}.`,
  stock_released: (d) => `Stock given back (${RELEASED_BECAUSE[d.because]}): ${d.items}.`,
  stock_restocked: (d) => `Back in stock after the refund: ${d.items}.`,
  stock_written_off: (d) => `Refunded without restocking, so no longer held for the order: ${d.items}.`,
  stock_oversold: (d) => `Paid after its units were given back, and too few were left: ${d.short}.`,
};

function isKnownType(type: string): type is PaymentEventType {
  return Object.hasOwn(SENTENCES, type);
}

/**
 * The timeline's sentence for one event, e.g. "Payment received by UPI: ₹189.99."; undefined
 * for a type this code does not know or a detail that lacks what its sentence needs (written
 * before a field existed): the page then names the event by its type.
 */
export function describeEvent(event: DescribableEvent, context: EventContext = {}): string | undefined {
  if (!isKnownType(event.type)) return undefined;
  const sentence = SENTENCES[event.type] as Sentence<PaymentEventType>;
  try {
    const text = sentence(event.detail as PaymentEventDetails[PaymentEventType], { ...event, ...context });
    return text.includes("undefined") ? undefined : text;
  } catch {
    return undefined;
  }
}
