import type { Metadata } from "next";
import Link from "next/link";
import { shortId } from "@/components/admin/format";
import { ListFilters } from "@/components/admin/list-filters";
import { Pagination } from "@/components/admin/pagination";
import { StatusBadge } from "@/components/admin/status-badge";
import { getDatabase } from "@/db";
import { ORDER_STATUSES } from "@/db/schema";
import type { SearchParams } from "@/lib/admin/filters";
import { listOrdersForAdmin, parseOrderListFilters } from "@/lib/admin/orders";
import { requireAdminPage } from "@/lib/auth/authorize";
import { formatRupees } from "@/lib/money";
import { formatShopDateTime } from "@/lib/shop-time";

export const metadata: Metadata = { title: "Orders" };

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage("/admin/orders");
  const filters = parseOrderListFilters(await searchParams);
  const page = await listOrdersForAdmin(await getDatabase(), admin, filters);

  return (
    <section aria-labelledby="orders-heading" className="flex flex-col gap-4">
      <h1 id="orders-heading" className="font-display text-3xl font-bold text-brand-900">
        Orders
      </h1>
      <ListFilters
        basePath="/admin/orders"
        statuses={ORDER_STATUSES}
        current={filters}
        searchLabel="Search"
        searchHint="Email (or part of it), merchTxnId, atomTxnId or order id."
      />
      <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm">
        <table className="w-full min-w-[44rem] text-sm" data-testid="admin-orders">
          <caption className="sr-only">Orders, newest first</caption>
          <thead className="border-b border-stone-200 text-left text-stone-500">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Placed
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Order
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Shopper
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Total
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Refunded
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                merchTxnId
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {page.rows.map((order) => (
              <tr key={order.id} data-testid="admin-order-row">
                <td className="px-4 py-3 whitespace-nowrap">{formatShopDateTime(order.createdAt)}</td>
                <td className="px-4 py-3">
                  <Link href={`/admin/orders/${order.id}`} className="font-mono font-medium text-brand-700 underline">
                    {shortId(order.id)}
                  </Link>
                  {order.needsReview ? (
                    <span className="ml-2 text-xs font-semibold text-red-700">needs review</span>
                  ) : null}
                </td>
                <td className="px-4 py-3 break-all">{order.email}</td>
                <td className="px-4 py-3">
                  <StatusBadge status={order.status} />
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{formatRupees(order.totalAmount)}</td>
                <td className="px-4 py-3 text-right tabular-nums">
                  {order.refundedAmount > 0 ? formatRupees(order.refundedAmount) : "—"}
                </td>
                <td className="px-4 py-3 font-mono text-xs">{order.merchTxnId ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.rows.length === 0 ? (
          <p className="p-6 text-center text-stone-600">No orders match these filters.</p>
        ) : null}
      </div>
      <Pagination
        page={page}
        basePath="/admin/orders"
        params={{ status: filters.status, q: filters.q, from: filters.from, to: filters.to }}
      />
    </section>
  );
}
