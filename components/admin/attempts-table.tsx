import type { AdminPaymentAttempt } from "@/lib/admin/orders";
import { formatRupees } from "@/lib/money";
import { paymentMethodLabel } from "@/lib/payments/method-names";
import { formatShopDateTime, formatTimeAgo } from "@/lib/shop-time";
import { checkPayment } from "./actions";
import { humanize } from "./format";
import { OrderActionButton } from "./order-action-button";

/** Every payment attempt of the order, oldest first, with what the gateway said and a button to ask it again. */
export function AttemptsTable({ attempts }: { attempts: AdminPaymentAttempt[] }) {
  return attempts.length === 0 ? (
    <p className="mt-2 text-sm text-stone-600">No payment was started.</p>
  ) : (
    <div className="relative mt-3 overflow-x-auto">
      <table className="w-full min-w-[60rem] text-sm" data-testid="admin-attempts">
        <caption className="sr-only">Payment attempts, oldest first</caption>
        <thead className="border-b border-stone-200 text-left text-stone-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Started
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              merchTxnId
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              State
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Amount
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              atomTxnId / bank
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Gateway said
            </th>
            <th scope="col" className="py-2 font-medium">
              Status check
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {attempts.map((attempt) => (
            <tr key={attempt.id} data-testid="admin-attempt" data-merch-txn-id={attempt.merchTxnId}>
              <td className="py-2 pr-3 whitespace-nowrap">{formatShopDateTime(attempt.createdAt)}</td>
              <td className="py-2 pr-3 font-mono text-xs">{attempt.merchTxnId}</td>
              <td className="py-2 pr-3">{humanize(attempt.status)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {formatRupees(attempt.amount)}
                {attempt.surchargeAmount ? (
                  <span className="block text-xs text-stone-500">+ {formatRupees(attempt.surchargeAmount)} fee</span>
                ) : null}
                {attempt.paymentMethod ? (
                  <span className="block text-xs text-stone-500">{paymentMethodLabel(attempt.paymentMethod)}</span>
                ) : null}
              </td>
              <td className="py-2 pr-3 font-mono text-xs">
                {attempt.atomTxnId ?? "—"}
                {attempt.bankTxnId ? <span className="block">{attempt.bankTxnId}</span> : null}
              </td>
              <td className="py-2 pr-3 text-xs">
                {[attempt.statusCode, attempt.statusMessage].filter(Boolean).join(" ") || "—"}
              </td>
              <td className="py-2 text-xs">
                <p className="mb-1 text-stone-600" data-testid="admin-attempt-last-check">
                  {attempt.lastCheckedAt === null
                    ? "Not asked yet"
                    : `Asked ${formatTimeAgo(attempt.lastCheckedAt)}${attempt.lastCheckResult ? `: ${humanize(attempt.lastCheckResult)}` : ""}`}
                </p>
                <OrderActionButton
                  action={checkPayment}
                  fields={{ attemptId: attempt.id }}
                  label="Check with the gateway"
                  pendingLabel="Checking…"
                  tone="secondary"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
