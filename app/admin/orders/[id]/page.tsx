import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { checkRefund, deliverOrder, shipOrder } from "@/components/admin/actions";
import { EventTimeline } from "@/components/admin/event-timeline";
import { formatShopDateTime, humanize, shortId } from "@/components/admin/format";
import { OrderActionButton } from "@/components/admin/order-action-button";
import { RefundForm } from "@/components/admin/refund-form";
import { RefundableAmounts } from "@/components/admin/refundable-amounts";
import { ReviewForm } from "@/components/admin/review-form";
import { StatusBadge } from "@/components/admin/status-badge";
import { OrderItemsTable } from "@/components/orders/order-items-table";
import { getDatabase } from "@/db";
import type { Order } from "@/db/schema";
import { getOrderForAdmin } from "@/lib/admin/orders";
import { requireAdminPage } from "@/lib/admin/page-access";
import { formatRupees } from "@/lib/money";
import { PAID_ORDER_STATUSES } from "@/lib/lifecycle/machines";
import type { ExtraPaymentSummary } from "@/lib/refunds/refundable";
import { paiseToRupeesText } from "@/lib/refunds/rupees";

export const metadata: Metadata = { title: "Order" };

/** Why the order's own refund form is closed, or undefined when it is open. */
function refundUnavailable(order: Order, refundablePaise: number, hasExtraPayments: boolean): string | undefined {
  const why = orderRefundUnavailable(order, refundablePaise);
  return why !== undefined && hasExtraPayments ? `${why} Extra payments are refunded under Payment attempts.` : why;
}

function orderRefundUnavailable(order: Order, refundablePaise: number): string | undefined {
  if (order.status === "refunded") return "Everything paid for the goods has been refunded.";
  if (order.atomTxnId === null) return "This order has no gateway transaction to refund.";
  if (!PAID_ORDER_STATUSES.includes(order.status)) return `A ${order.status} order cannot be refunded.`;
  if (refundablePaise === 0) return "Nothing is left to refund (refunds in progress count too).";
  return undefined;
}

/** Why an extra payment's refund form is closed, or undefined when it is open. */
function extraRefundUnavailable(payment: ExtraPaymentSummary): string | undefined {
  if (payment.refundablePaise > 0) return undefined;
  return payment.inFlightPaise > 0 ? "Nothing is left to refund (refunds in progress count too)." : "Everything from this payment has been refunded.";
}

const card = "rounded-2xl bg-white p-5 shadow-sm";

/** One titled card of the order page. */
function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className={card}>
      <h2 id={`${id}-heading`} className="font-display text-lg font-semibold text-brand-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdminPage(`/admin/orders/${id}`);
  const detail = await getOrderForAdmin(await getDatabase(), admin, id);
  if (detail === null) notFound();
  const { order, items, attempts, events, refunds, refundable, payingAttemptId, extraPayments } = detail;
  const merchTxnIdOf = new Map(attempts.map((attempt) => [attempt.id, attempt.merchTxnId]));

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <Link href="/admin/orders" className="text-sm text-brand-700 underline">
          ← All orders
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-display text-3xl font-bold text-brand-900">Order {shortId(order.id)}</h1>
          <StatusBadge status={order.status} testId="admin-order-status" />
          {order.needsReview ? (
            <span className="rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-200 ring-inset" data-testid="admin-needs-review">
              Needs review
            </span>
          ) : null}
        </div>
        <p className="text-sm break-all text-stone-600">
          {order.email} · {order.mobile} · placed {formatShopDateTime(order.createdAt)} · <span className="font-mono">{order.id}</span>
        </p>
      </header>

      {order.needsReview ? (
        <section aria-labelledby="review-heading" className="rounded-2xl border border-red-200 bg-red-50 p-5">
          <h2 id="review-heading" className="font-display text-lg font-semibold text-red-900">
            Needs review
          </h2>
          <p className="mt-1 text-sm text-red-900">
            The gateway said something that did not fit this order: a result that did not match it, a second payment, or a failure after
            the payment succeeded. The timeline below says which. Check it (refund an extra payment, hold the parcel for a reversed payment)
            before shipping, then note what you found.
          </p>
          <div className="mt-3">
            <ReviewForm orderId={order.id} seenEventId={Math.max(0, ...events.map((event) => event.id))} />
          </div>
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id="money" title="Money">
          <div className="mt-3">
            <RefundableAmounts paidLabel="Paid for the goods" amounts={refundable} testIdPrefix="admin" />
          </div>
          {refundable.surchargePaise > 0 ? (
            <p className="mt-3 text-xs text-stone-600">
              The shopper also paid the gateway a convenience fee of {formatRupees(refundable.surchargePaise)}. The gateway keeps it: the shop
              refunds only the goods.
            </p>
          ) : null}
          <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-1 border-t border-stone-100 pt-3 text-sm sm:grid-cols-[9rem_1fr]">
            <dt className="text-stone-500">atomTxnId</dt>
            <dd className="font-mono break-all">{order.atomTxnId ?? "—"}</dd>
            <dt className="text-stone-500">merchTxnId</dt>
            <dd className="font-mono break-all">{order.merchTxnId ?? "—"}</dd>
            <dt className="text-stone-500">Method</dt>
            <dd>{order.paymentMethod ?? "—"}</dd>
          </dl>
        </Panel>

        <Panel id="shipping" title="Shipping">
          <dl className="mt-3 grid grid-cols-[7rem_1fr] gap-y-1 text-sm">
            <dt className="text-stone-500">Paid</dt>
            <dd>{order.paidAt ? formatShopDateTime(order.paidAt) : "—"}</dd>
            <dt className="text-stone-500">Shipped</dt>
            <dd>{order.shippedAt ? formatShopDateTime(order.shippedAt) : "—"}</dd>
            <dt className="text-stone-500">Delivered</dt>
            <dd>{order.deliveredAt ? formatShopDateTime(order.deliveredAt) : "—"}</dd>
          </dl>
          <div className="mt-4">
            {order.status === "paid" ? (
              <OrderActionButton action={shipOrder} fields={{ orderId: order.id }} label="Mark shipped" pendingLabel="Marking shipped…" />
            ) : order.status === "shipped" ? (
              <OrderActionButton action={deliverOrder} fields={{ orderId: order.id }} label="Mark delivered" pendingLabel="Marking delivered…" />
            ) : (
              <p className="text-sm text-stone-600">No shipping step is open for a {order.status} order.</p>
            )}
          </div>
        </Panel>
      </div>

      <Panel id="refund" title="Refund">
        <div className="mt-3 max-w-md">
          <RefundForm
            orderId={order.id}
            refundablePaise={refundable.refundablePaise}
            idempotencyKey={randomUUID()}
            defaultAmount={paiseToRupeesText(refundable.refundablePaise)}
            unavailable={refundUnavailable(order, refundable.refundablePaise, extraPayments.length > 0)}
          />
        </div>
        {refunds.length > 0 ? (
          <div className="mt-5 relative overflow-x-auto">
            <table className="w-full min-w-[46rem] text-sm" data-testid="admin-order-refunds">
              <caption className="sr-only">Refunds of this order</caption>
              <thead className="border-b border-stone-200 text-left text-stone-500">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Requested</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Amount</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Reason</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Gateway</th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {refunds.map((refund) => (
                  <tr key={refund.id} data-testid="admin-order-refund">
                    <td className="py-2 pr-3 whitespace-nowrap">
                      {formatShopDateTime(refund.createdAt)}
                      <span className="block text-xs break-all text-stone-500">{refund.requestedByEmail ?? ""}</span>
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatRupees(refund.refundAmount)}</td>
                    <td className="py-2 pr-3">
                      <StatusBadge status={refund.status} />
                    </td>
                    <td className="max-w-56 py-2 pr-3">{refund.reason}</td>
                    <td className="py-2 pr-3 text-xs">
                      {refund.attemptId !== payingAttemptId ? (
                        <span className="block font-medium text-amber-900">
                          Extra payment <span className="font-mono">{merchTxnIdOf.get(refund.attemptId)}</span>
                        </span>
                      ) : null}
                      <span className="block font-mono">prodRefundId {refund.prodRefundId}</span>
                      {refund.refundTxnId ? <span className="block font-mono">refundTxnId {refund.refundTxnId}</span> : null}
                      {refund.gatewayMessage && refund.status !== "completed" ? <span className="block text-red-800">{refund.gatewayMessage}</span> : null}
                    </td>
                    <td className="py-2">
                      {refund.status === "processing" || refund.status === "requested" ? (
                        <OrderActionButton
                          action={checkRefund}
                          fields={{ refundId: refund.id, orderId: order.id }}
                          label="Check with the gateway"
                          pendingLabel="Checking…"
                          tone="secondary"
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Panel>

      <Panel id="items" title="Items">
        <div className="mt-3">
          <OrderItemsTable items={items} />
        </div>
      </Panel>

      <Panel id="attempts" title="Payment attempts">
        {attempts.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">No payment was started.</p>
        ) : (
          <div className="mt-3 relative overflow-x-auto">
            <table className="w-full min-w-[48rem] text-sm" data-testid="admin-attempts">
              <caption className="sr-only">Payment attempts, oldest first</caption>
              <thead className="border-b border-stone-200 text-left text-stone-500">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Started</th>
                  <th scope="col" className="py-2 pr-3 font-medium">merchTxnId</th>
                  <th scope="col" className="py-2 pr-3 font-medium">State</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Amount</th>
                  <th scope="col" className="py-2 pr-3 font-medium">atomTxnId / bank</th>
                  <th scope="col" className="py-2 font-medium">Gateway said</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {attempts.map((attempt) => (
                  <tr key={attempt.id}>
                    <td className="py-2 pr-3 whitespace-nowrap">{formatShopDateTime(attempt.createdAt)}</td>
                    <td className="py-2 pr-3 font-mono text-xs">{attempt.merchTxnId}</td>
                    <td className="py-2 pr-3">{humanize(attempt.status)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {formatRupees(attempt.amount)}
                      {attempt.surchargeAmount ? <span className="block text-xs text-stone-500">+ {formatRupees(attempt.surchargeAmount)} fee</span> : null}
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">
                      {attempt.atomTxnId ?? "—"}
                      {attempt.bankTxnId ? <span className="block">{attempt.bankTxnId}</span> : null}
                    </td>
                    <td className="py-2 text-xs">{[attempt.statusCode, attempt.statusMessage].filter(Boolean).join(" ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {extraPayments.map((payment) => (
          <section
            key={payment.attemptId}
            aria-labelledby={`extra-payment-${payment.attemptId}`}
            className="mt-5 flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4"
            data-testid="admin-extra-payment"
          >
            <h3 id={`extra-payment-${payment.attemptId}`} className="font-semibold text-amber-950">
              Extra payment — refund it to the shopper
            </h3>
            <p className="text-sm text-stone-700">
              {order.status === "cancelled" ? "The shopper paid after cancelling this order" : "The shopper paid for this order twice"}: merchTxnId{" "}
              <span className="font-mono break-all">{payment.merchTxnId}</span>, atomTxnId <span className="font-mono break-all">{payment.atomTxnId}</span>. Refunding
              it does not change the order.
              {payment.surchargePaise > 0 ? ` The gateway keeps its convenience fee of ${formatRupees(payment.surchargePaise)}.` : ""}
            </p>
            <div className="max-w-md">
              <RefundableAmounts paidLabel="Paid in this payment" amounts={payment} testIdPrefix="admin-extra" />
            </div>
            <div className="max-w-md">
              <RefundForm
                orderId={order.id}
                attemptId={payment.attemptId}
                refundablePaise={payment.refundablePaise}
                idempotencyKey={randomUUID()}
                defaultAmount={paiseToRupeesText(payment.refundablePaise)}
                unavailable={extraRefundUnavailable(payment)}
              />
            </div>
          </section>
        ))}
      </Panel>

      <Panel id="timeline" title="Timeline">
        <div className="mt-3">
          <EventTimeline events={events} />
        </div>
      </Panel>
    </div>
  );
}
