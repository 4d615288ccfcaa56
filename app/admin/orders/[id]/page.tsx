import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AttemptsTable } from "@/components/admin/attempts-table";
import { EventTimeline } from "@/components/admin/event-timeline";
import { ExtraPaymentRefund } from "@/components/admin/extra-payment-refund";
import { MoneyPanel } from "@/components/admin/money-panel";
import { OrderHeader } from "@/components/admin/order-header";
import { Panel } from "@/components/admin/panel";
import { RefundForm } from "@/components/admin/refund-form";
import { RefundsTable } from "@/components/admin/refunds-table";
import { ReviewPanel } from "@/components/admin/review-panel";
import { ShippingPanel } from "@/components/admin/shipping-panel";
import { OrderItemsTable } from "@/components/orders/order-items-table";
import { getDatabase } from "@/db";
import { getOrderForAdmin } from "@/lib/admin/orders";
import { requireAdminPage } from "@/lib/auth/authorize";

export const metadata: Metadata = { title: "Order" };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requireAdminPage(`/admin/orders/${id}`);
  const detail = await getOrderForAdmin(await getDatabase(), admin, id);
  if (detail === null) notFound();
  const { order, items, attempts, events, refunds, refundable, payingAttemptId, extraPayments, money, actions } =
    detail;
  const merchTxnIdOf = new Map(attempts.map((attempt) => [attempt.id, attempt.merchTxnId]));

  return (
    <div className="flex flex-col gap-6">
      <OrderHeader order={order} />

      {actions.markReviewed.open ? (
        <ReviewPanel orderId={order.id} seenEventId={Math.max(0, ...events.map((event) => event.id))} />
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <MoneyPanel order={order} money={money} hasExtraPayments={extraPayments.length > 0} />
        <ShippingPanel order={order} actions={actions} />
      </div>

      <Panel id="refund" title="Refund">
        <div className="mt-3 max-w-md">
          <RefundForm
            orderId={order.id}
            refundablePaise={refundable.refundablePaise}
            idempotencyKey={randomUUID()}
            unavailable={actions.refund.open ? undefined : actions.refund.message}
            canRestock={items.some((item) => item.heldQuantity > 0)}
            lines={detail.refundableLines}
          />
        </div>
        {refunds.length > 0 ? (
          <RefundsTable
            orderId={order.id}
            refunds={refunds}
            payingAttemptId={payingAttemptId}
            merchTxnIdOf={merchTxnIdOf}
          />
        ) : null}
      </Panel>

      <Panel id="items" title="Items">
        <div className="mt-3">
          <OrderItemsTable items={items} />
        </div>
        {order.paidAt ? (
          <Link href={`/orders/${order.id}/receipt`} className="mt-3 inline-block text-sm text-brand-700 underline">
            Receipt (tax invoice)
          </Link>
        ) : null}
      </Panel>

      <Panel id="attempts" title="Payment attempts">
        <AttemptsTable attempts={attempts} />
        {extraPayments.map((payment) => (
          <ExtraPaymentRefund key={payment.attemptId} orderId={order.id} orderStatus={order.status} payment={payment} />
        ))}
      </Panel>

      <Panel id="timeline" title="Timeline">
        <div className="mt-3">
          <EventTimeline
            events={events}
            context={{ shipment: { carrier: order.shippingCarrier, trackingNumber: order.trackingNumber } }}
          />
        </div>
      </Panel>
    </div>
  );
}
