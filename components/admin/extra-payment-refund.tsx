import { randomUUID } from "node:crypto";
import type { OrderStatus } from "@/db/schema";
import { formatRupees } from "@/lib/money";
import type { ExtraPaymentRefundability } from "@/lib/refunds/refundable";
import { RefundForm } from "./refund-form";
import { RefundableAmounts } from "./refundable-amounts";

/** A payment beyond the order's own (paid twice, or after cancelling): what is left of it and its refund form. */
export function ExtraPaymentRefund({
  orderId,
  orderStatus,
  payment,
}: {
  orderId: string;
  orderStatus: OrderStatus;
  payment: ExtraPaymentRefundability;
}) {
  return (
    <section
      aria-labelledby={`extra-payment-${payment.attemptId}`}
      className="mt-5 flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4"
      data-testid="admin-extra-payment"
    >
      <h3 id={`extra-payment-${payment.attemptId}`} className="font-semibold text-amber-950">
        Extra payment — refund it to the shopper
      </h3>
      <p className="text-sm text-stone-700">
        {orderStatus === "cancelled"
          ? "The shopper paid after cancelling this order"
          : "The shopper paid for this order twice"}
        : merchTxnId <span className="font-mono break-all">{payment.merchTxnId}</span>, atomTxnId{" "}
        <span className="font-mono break-all">{payment.atomTxnId}</span>. Refunding it does not change the order.
        {payment.surchargePaise > 0
          ? ` The gateway keeps its convenience fee of ${formatRupees(payment.surchargePaise)}.`
          : ""}
      </p>
      <div className="max-w-md">
        <RefundableAmounts paidLabel="Paid in this payment" amounts={payment} testIdPrefix="admin-extra" />
      </div>
      <div className="max-w-md">
        <RefundForm
          orderId={orderId}
          attemptId={payment.attemptId}
          refundablePaise={payment.refundablePaise}
          idempotencyKey={randomUUID()}
          unavailable={payment.closed?.message}
        />
      </div>
    </section>
  );
}
