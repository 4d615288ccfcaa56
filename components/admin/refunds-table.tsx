import type { AdminRefund } from "@/lib/admin/orders";
import { isRefundSettled } from "@/lib/lifecycle/machines";
import { formatRupees } from "@/lib/money";
import { formatShopDateTime } from "@/lib/shop-time";
import { checkRefund } from "./actions";
import { OrderActionButton } from "./order-action-button";
import { StatusBadge } from "./status-badge";

interface RefundsTableProps {
  orderId: string;
  refunds: AdminRefund[];
  /** The attempt that paid the order: refunds of any other are marked as an extra payment's. */
  payingAttemptId: string | null;
  merchTxnIdOf: ReadonlyMap<string, string>;
}

/** The order's refunds, oldest first, with a status check for those still open. */
export function RefundsTable({ orderId, refunds, payingAttemptId, merchTxnIdOf }: RefundsTableProps) {
  return (
    <div className="relative mt-5 overflow-x-auto">
      <table className="w-full min-w-[46rem] text-sm" data-testid="admin-order-refunds">
        <caption className="sr-only">Refunds of this order</caption>
        <thead className="border-b border-stone-200 text-left text-stone-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Requested
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Amount
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Reason
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Gateway
            </th>
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
                <span className="block text-xs [overflow-wrap:anywhere] text-stone-500">
                  {refund.requestedByEmail ?? ""}
                </span>
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
                {refund.gatewayMessage && refund.status !== "completed" ? (
                  <span className="block text-red-800">{refund.gatewayMessage}</span>
                ) : null}
              </td>
              <td className="py-2">
                {!isRefundSettled(refund.status) ? (
                  <OrderActionButton
                    action={checkRefund}
                    fields={{ refundId: refund.id, orderId }}
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
  );
}
