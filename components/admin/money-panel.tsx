import type { Order } from "@/db/schema";
import type { OrderMoney } from "@/lib/admin/describe-money";
import { formatRupees } from "@/lib/money";
import { paymentMethodLabel } from "@/lib/payments/method-names";
import { Panel } from "./panel";
import { RefundableAmounts } from "./refundable-amounts";

interface MoneyPanelProps {
  order: Order;
  money: OrderMoney;
  /** Payments beyond the order's own (paid twice, or after cancelling): shown under Payment attempts. */
  hasExtraPayments: boolean;
}

/** What the order's own payment is in its state (due, paid, refunded), and the gateway's ids for it. */
export function MoneyPanel({ order, money, hasExtraPayments }: MoneyPanelProps) {
  return (
    <Panel id="money" title="Money">
      <div className="mt-3" data-testid="admin-money" data-state={money.state}>
        <MoneyAmounts money={money} />
      </div>
      {hasExtraPayments ? (
        <p className="mt-3 text-sm text-amber-900">
          The shopper also made a payment this order did not need: it is shown, with its refund, under Payment attempts.
        </p>
      ) : null}
      {(money.state === "paid" || money.state === "refunded") && money.amounts.surchargePaise > 0 ? (
        <p className="mt-3 text-xs text-stone-600">
          The shopper also paid the gateway a convenience fee of {formatRupees(money.amounts.surchargePaise)}. The
          gateway keeps it: the shop refunds only the goods.
        </p>
      ) : null}
      <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-1 border-t border-stone-100 pt-3 text-sm sm:grid-cols-[9rem_1fr]">
        <dt className="text-stone-500">atomTxnId</dt>
        <dd className="font-mono break-all">{order.atomTxnId ?? "—"}</dd>
        <dt className="text-stone-500">merchTxnId</dt>
        <dd className="font-mono break-all">{order.merchTxnId ?? "—"}</dd>
        <dt className="text-stone-500">Method</dt>
        <dd data-testid="admin-payment-method">{paymentMethodLabel(order.paymentMethod)}</dd>
      </dl>
    </Panel>
  );
}

function MoneyAmounts({ money }: { money: OrderMoney }) {
  switch (money.state) {
    case "awaiting_payment":
      return (
        <p className="text-sm font-semibold" data-testid="admin-money-due">
          Awaiting payment: {formatRupees(money.duePaise)} due
        </p>
      );
    case "not_paid":
      return <p className="text-sm">Nothing was paid for this order: there is nothing to refund.</p>;
    case "paid":
      return <RefundableAmounts paidLabel="Paid for the goods" amounts={money.amounts} testIdPrefix="admin" />;
    case "refunded":
      return (
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid="admin-refundable">
          <dt>Paid for the goods</dt>
          <dd className="text-right tabular-nums">{formatRupees(money.amounts.paidPaise)}</dd>
          <dt className="font-semibold">Refunded in full</dt>
          <dd className="text-right font-semibold tabular-nums" data-testid="admin-refunded-total">
            {formatRupees(money.amounts.refundedPaise)}
          </dd>
        </dl>
      );
  }
}
