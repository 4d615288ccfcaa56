import type { Order } from "@/db/schema";
import { formatRupees } from "@/lib/money";
import type { RefundableSummary } from "@/lib/refunds/refundable";
import { Panel } from "./panel";
import { RefundableAmounts } from "./refundable-amounts";

/** What was paid and refunded of the order's own payment, and the gateway's ids for it. */
export function MoneyPanel({ order, refundable }: { order: Order; refundable: RefundableSummary }) {
  return (
    <Panel id="money" title="Money">
      <div className="mt-3">
        <RefundableAmounts paidLabel="Paid for the goods" amounts={refundable} testIdPrefix="admin" />
      </div>
      {refundable.surchargePaise > 0 ? (
        <p className="mt-3 text-xs text-stone-600">
          The shopper also paid the gateway a convenience fee of {formatRupees(refundable.surchargePaise)}. The gateway
          keeps it: the shop refunds only the goods.
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
  );
}
