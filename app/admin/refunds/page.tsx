import type { Metadata } from "next";
import Link from "next/link";
import { checkRefund } from "@/components/admin/actions";
import { AmountField } from "@/components/admin/amount-field";
import { shortId } from "@/components/admin/format";
import { ListFilters } from "@/components/admin/list-filters";
import { OrderActionButton } from "@/components/admin/order-action-button";
import { Pagination } from "@/components/admin/pagination";
import { StatusBadge } from "@/components/admin/status-badge";
import { getDatabase } from "@/db";
import { REFUND_STATUSES } from "@/db/schema";
import type { SearchParams } from "@/lib/admin/filters";
import { requireAdminPage } from "@/lib/auth/authorize";
import {
  extraRefundFiltersSet,
  listRefundsForAdmin,
  parseRefundListFilters,
  refundListParams,
  type RefundListFilters,
  type RefundTotals,
} from "@/lib/admin/refunds";
import { isRefundSettled } from "@/lib/lifecycle/machines";
import { formatRupees } from "@/lib/money";
import { formatShopDateTime } from "@/lib/shop-time";

export const metadata: Metadata = { title: "Refunds" };

const BASE_PATH = "/admin/refunds";

export default async function AdminRefundsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage(BASE_PATH);
  const filters = parseRefundListFilters(await searchParams);
  const page = await listRefundsForAdmin(await getDatabase(), admin, filters);
  const params = refundListParams(filters);
  const exportQuery = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();

  return (
    <section aria-labelledby="refunds-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="refunds-heading" className="font-display text-3xl font-bold text-brand-900">
          Refunds
        </h1>
        {/* A plain link, not a prefetched one: the server streams the file when it is followed. */}
        <a
          href={exportQuery === "" ? `${BASE_PATH}/export` : `${BASE_PATH}/export?${exportQuery}`}
          download
          className="rounded-full border border-stone-300 bg-white px-4 py-1.5 text-sm font-medium text-stone-700 hover:border-brand-600 hover:text-brand-700"
        >
          Export CSV
        </a>
      </div>
      <p className="text-sm text-stone-600">
        <em>Processing</em> means the gateway has not confirmed the refund yet: check it with the gateway here or on its
        order (the shop also checks on its own schedule).
      </p>
      <ListFilters
        basePath={BASE_PATH}
        statuses={REFUND_STATUSES}
        current={filters}
        searchLabel="Search"
        searchHint="Shopper's email, prodRefundId, refundTxnId, or an order or refund id."
        extraActive={extraRefundFiltersSet(filters)}
      >
        <RefundFilterFields filters={filters} />
      </ListFilters>
      <RefundTotalsSummary totals={page.totals} />
      <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm">
        <table className="w-full min-w-[56rem] text-sm" data-testid="admin-refunds">
          <caption className="sr-only">Refunds, newest first</caption>
          <thead className="border-b border-stone-200 text-left text-stone-500">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Requested
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Amount
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Order
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Reason
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                By
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Gateway
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {page.rows.map((refund) => (
              <tr key={refund.id} data-testid="admin-refund-row">
                <td className="px-4 py-3 whitespace-nowrap">{formatShopDateTime(refund.createdAt)}</td>
                <td className="px-4 py-3 text-right tabular-nums">{formatRupees(refund.refundAmount)}</td>
                <td className="px-4 py-3">
                  <StatusBadge status={refund.status} />
                  {refund.extraPayment ? (
                    <span className="mt-1 block text-xs font-medium text-amber-900">Extra payment</span>
                  ) : null}
                </td>
                <td className="px-4 py-3">
                  <Link
                    href={`/admin/orders/${refund.orderId}`}
                    className="font-mono font-medium text-brand-700 underline"
                  >
                    {shortId(refund.orderId)}
                  </Link>
                  <span className="block text-xs [overflow-wrap:anywhere] text-stone-600">{refund.orderEmail}</span>
                </td>
                <td className="max-w-56 px-4 py-3 [overflow-wrap:anywhere]">{refund.reason}</td>
                <td className="max-w-48 px-4 py-3 text-xs [overflow-wrap:anywhere]">
                  {refund.requestedByEmail ?? "—"}
                </td>
                <td className="px-4 py-3 text-xs">
                  <span className="block font-mono">{refund.refundTxnId ?? refund.prodRefundId}</span>
                  {refund.status === "failed" && refund.gatewayMessage ? (
                    <span className="block text-red-800">{refund.gatewayMessage}</span>
                  ) : null}
                  {!isRefundSettled(refund.status) ? (
                    <div className="mt-1">
                      <OrderActionButton
                        action={checkRefund}
                        fields={{ refundId: refund.id, orderId: refund.orderId }}
                        label="Check with the gateway"
                        pendingLabel="Checking…"
                        tone="secondary"
                      />
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? (
          <p className="p-6 text-center text-stone-600">No refunds match these filters.</p>
        ) : null}
      </div>
      <Pagination page={page} basePath={BASE_PATH} params={params} />
    </section>
  );
}

function RefundFilterFields({ filters }: { filters: RefundListFilters }) {
  return (
    <>
      <AmountField id="filter-min" name="min" label="Amount from (₹)" paise={filters.minPaise} />
      <AmountField id="filter-max" name="max" label="Amount up to (₹)" paise={filters.maxPaise} />
      <div className="flex items-center gap-2 lg:self-center">
        <input
          id="filter-extra"
          name="extra"
          type="checkbox"
          value="1"
          defaultChecked={filters.extra}
          aria-describedby="filter-extra-hint"
          className="size-5 accent-brand-600"
        />
        <div className="flex flex-col">
          <label htmlFor="filter-extra" className="text-sm font-medium">
            Of an extra payment
          </label>
          <span id="filter-extra-hint" className="text-xs text-stone-600">
            Money a shopper paid twice, or after cancelling.
          </span>
        </div>
      </div>
    </>
  );
}

const TOTAL_NAMES: Record<keyof RefundTotals, string> = {
  completed: "Completed",
  inProgress: "In progress",
  failed: "Failed",
};

/** The whole filtered list's count and sum per state, not only the page's. */
function RefundTotalsSummary({ totals }: { totals: RefundTotals }) {
  return (
    <section aria-labelledby="refund-totals-heading">
      <h2 id="refund-totals-heading" className="sr-only">
        Totals of these refunds
      </h2>
      <dl className="grid gap-3 sm:grid-cols-3" data-testid="admin-refund-totals">
        {(Object.keys(TOTAL_NAMES) as (keyof RefundTotals)[]).map((state) => (
          <div key={state} className="rounded-2xl bg-white p-4 shadow-sm" data-testid={`admin-refund-total-${state}`}>
            <dt className="text-sm text-stone-600">{TOTAL_NAMES[state]}</dt>
            <dd className="mt-1 flex items-baseline justify-between gap-2">
              <span className="text-xl font-semibold tabular-nums">{formatRupees(totals[state].paise)}</span>
              <span className="text-sm text-stone-600">
                {totals[state].count} refund{totals[state].count === 1 ? "" : "s"}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
