import type { OrderView } from "@/lib/orders/order-view";
import { OrderItemsTable } from "./order-items-table";
import { paymentMethodLabel } from "@/lib/payments/method-names";
import { formatRupees } from "@/lib/money";
import { orderReference } from "@/lib/order-reference";
import { isExtraPayment } from "@/lib/refunds/refundable";
import { formatShopDateTime } from "@/lib/shop-time";

const REFUND_LABELS: Record<string, string> = {
  requested: "Requested",
  processing: "Processing",
  completed: "Refunded",
  failed: "Failed",
};

/** Items, amounts, payment and refunds of one order, as the shopper sees them. */
export function OrderSummary({ view }: { view: OrderView }) {
  const { order, items, refunds, attempts } = view;
  // Payments the gateway took beyond the one that paid the order (two tabs, or after a cancel),
  // and how much of each is still to come back.
  const refundedFor = (attemptId: string) =>
    refunds
      .filter((refund) => refund.attemptId === attemptId && refund.status === "completed")
      .reduce((sum, refund) => sum + refund.refundAmount, 0);
  const extraPayments = attempts.filter((attempt) => isExtraPayment(order, attempt));
  const extraPaid = extraPayments.reduce((sum, attempt) => sum + attempt.amount, 0);
  const extraOutstanding = extraPayments.reduce(
    (sum, attempt) => sum + Math.max(0, attempt.amount - refundedFor(attempt.id)),
    0,
  );
  const paidTotal = order.totalAmount + order.surchargeAmount;
  // Everything given back, including refunds of an accidental second payment.
  const refundedToShopper = refunds
    .filter((refund) => refund.status === "completed")
    .reduce((sum, refund) => sum + refund.refundAmount, 0);
  return (
    <>
      {extraOutstanding > 0 ? (
        <p
          className="rounded-2xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
          role="note"
          data-testid="order-extra-payment"
        >
          We received {extraPayments.length === 1 ? "one more payment" : `${extraPayments.length} more payments`} for
          this order than it needed. {formatRupees(extraOutstanding)} of it is still to be refunded to you: our team has
          been alerted, and refunds appear below.
        </p>
      ) : null}
      <section aria-labelledby="items-heading" className="rounded-2xl bg-white p-6 shadow-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="items-heading" className="font-display text-lg font-semibold">
            Order {orderReference(order.id)}
          </h2>
          <p className="text-sm text-stone-600">
            Placed {formatShopDateTime(order.createdAt)} · Status{" "}
            <span className="font-medium capitalize" data-testid="order-status">
              {order.status}
            </span>
          </p>
        </div>
        <div className="mt-4">
          <OrderItemsTable items={items} />
        </div>
        <dl className="mt-4 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t border-stone-200 pt-4 text-sm">
          <dt>Goods</dt>
          <dd className="text-right tabular-nums" data-testid="order-total">
            {formatRupees(order.totalAmount)}
          </dd>
          {order.surchargeAmount > 0 ? (
            <>
              <dt>Convenience fee (gateway)</dt>
              <dd className="text-right tabular-nums" data-testid="order-surcharge">
                {formatRupees(order.surchargeAmount)}
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">{order.paidAt ? "Paid" : "To pay"}</dt>
          <dd className="text-right font-semibold tabular-nums">
            {formatRupees(order.paidAt ? paidTotal : order.totalAmount)}
          </dd>
          {extraPaid > 0 ? (
            <>
              <dt>Extra payment received</dt>
              <dd className="text-right tabular-nums" data-testid="order-extra-paid">
                {formatRupees(extraPaid)}
              </dd>
            </>
          ) : null}
          {refundedToShopper > 0 ? (
            <>
              <dt>Refunded</dt>
              <dd className="text-right tabular-nums" data-testid="order-refunded">
                {formatRupees(refundedToShopper)}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {order.paidAt ? (
        <section aria-labelledby="payment-heading" className="rounded-2xl bg-white p-6 shadow-sm">
          <h2 id="payment-heading" className="font-display text-lg font-semibold">
            Payment
          </h2>
          <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-stone-500">Method</dt>
            <dd data-testid="payment-method">{paymentMethodLabel(order.paymentMethod)}</dd>
            <dt className="text-stone-500">Paid on</dt>
            <dd>{formatShopDateTime(order.paidAt)}</dd>
            <dt className="text-stone-500">Atom transaction id</dt>
            <dd className="font-mono" data-testid="atom-txn-id">
              {order.atomTxnId}
            </dd>
            <dt className="text-stone-500">Merchant reference</dt>
            <dd className="font-mono break-all" data-testid="merch-txn-id">
              {order.merchTxnId}
            </dd>
          </dl>
        </section>
      ) : null}

      {refunds.length > 0 ? (
        <section aria-labelledby="refunds-heading" className="rounded-2xl bg-white p-6 shadow-sm">
          <h2 id="refunds-heading" className="font-display text-lg font-semibold">
            Refunds
          </h2>
          <ul className="mt-3 divide-y divide-stone-100 text-sm" data-testid="order-refunds">
            {refunds.map((refund) => (
              <li key={refund.id} className="flex flex-wrap justify-between gap-2 py-2" data-testid="order-refund">
                <span>
                  {formatShopDateTime(refund.createdAt)} · {REFUND_LABELS[refund.status] ?? refund.status}
                  {refund.refundTxnId ? (
                    <span className="ml-2 font-mono text-xs text-stone-500">ref {refund.refundTxnId}</span>
                  ) : null}
                </span>
                <span className="tabular-nums">{formatRupees(refund.refundAmount)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
