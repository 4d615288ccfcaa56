import type { Metadata } from "next";
import Link from "next/link";
import { shortId } from "@/components/admin/format";
import { ListFilters } from "@/components/admin/list-filters";
import { Pagination } from "@/components/admin/pagination";
import { StatusBadge } from "@/components/admin/status-badge";
import { getDatabase } from "@/db";
import { REFUND_STATUSES } from "@/db/schema";
import type { SearchParams } from "@/lib/admin/filters";
import { requireAdminPage } from "@/lib/auth/authorize";
import { listRefundsForAdmin, parseRefundListFilters } from "@/lib/admin/refunds";
import { formatRupees } from "@/lib/money";
import { formatShopDateTime } from "@/lib/shop-time";

export const metadata: Metadata = { title: "Refunds" };

export default async function AdminRefundsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage("/admin/refunds");
  const filters = parseRefundListFilters(await searchParams);
  const page = await listRefundsForAdmin(await getDatabase(), admin, filters);

  return (
    <section aria-labelledby="refunds-heading" className="flex flex-col gap-4">
      <h1 id="refunds-heading" className="font-display text-3xl font-bold text-brand-900">
        Refunds
      </h1>
      <p className="text-sm text-stone-600">
        <em>Processing</em> means the gateway has not confirmed the refund yet: open its order and check it with the
        gateway.
      </p>
      <ListFilters
        basePath="/admin/refunds"
        statuses={REFUND_STATUSES}
        current={filters}
        searchLabel="Search"
        searchHint="Shopper's email, prodRefundId, refundTxnId, or an order or refund id."
      />
      <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm">
        <table className="w-full min-w-[52rem] text-sm" data-testid="admin-refunds">
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
                </td>
                <td className="px-4 py-3">
                  <Link
                    href={`/admin/orders/${refund.orderId}`}
                    className="font-mono font-medium text-brand-700 underline"
                  >
                    {shortId(refund.orderId)}
                  </Link>
                  <span className="block text-xs break-all text-stone-600">{refund.orderEmail}</span>
                </td>
                <td className="max-w-56 px-4 py-3">{refund.reason}</td>
                <td className="px-4 py-3 text-xs break-all">{refund.requestedByEmail ?? "—"}</td>
                <td className="px-4 py-3 text-xs">
                  <span className="block font-mono">{refund.refundTxnId ?? refund.prodRefundId}</span>
                  {refund.status === "failed" && refund.gatewayMessage ? (
                    <span className="block text-red-800">{refund.gatewayMessage}</span>
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
      <Pagination
        page={page}
        basePath="/admin/refunds"
        params={{ status: filters.status, q: filters.q, from: filters.from, to: filters.to }}
      />
    </section>
  );
}
