import type { Metadata } from "next";
import Link from "next/link";
import { BulkShipForm, ShipSelection } from "@/components/admin/bulk-ship-form";
import { shortId } from "@/components/admin/format";
import { AmountField } from "@/components/admin/amount-field";
import { FILTER_FIELD, ListFilters } from "@/components/admin/list-filters";
import { Pagination } from "@/components/admin/pagination";
import { SortHeader } from "@/components/admin/sort-header";
import { StatusBadge } from "@/components/admin/status-badge";
import { getDatabase } from "@/db";
import { ORDER_STATUSES } from "@/db/schema";
import type { SearchParams } from "@/lib/admin/filters";
import { shippingRefusal } from "@/lib/admin/order-actions";
import {
  extraFiltersSet,
  hrefWith,
  orderListParams,
  parseOrderListFilters,
  sortHref,
  type OrderListFilters,
  type OrderSort,
} from "@/lib/admin/order-list-filters";
import { listOrdersForAdmin } from "@/lib/admin/orders";
import { requireAdminPage } from "@/lib/auth/authorize";
import { formatRupees } from "@/lib/money";
import { COMMON_CARRIERS } from "@/lib/orders/shipment-details";
import { PAYMENT_METHOD_NAMES, paymentMethodLabel } from "@/lib/payments/method-names";
import { formatShopDateTime } from "@/lib/shop-time";

export const metadata: Metadata = { title: "Orders" };

const BASE_PATH = "/admin/orders";

const SORT_NAMES: Record<OrderSort, string> = {
  placed: "placed",
  total: "total",
  refunded: "refunded",
  status: "status",
  email: "shopper email",
};

export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage(BASE_PATH);
  const filters = parseOrderListFilters(await searchParams);
  const page = await listOrdersForAdmin(await getDatabase(), admin, filters);
  const params = orderListParams(filters);
  const header = (label: string, column: OrderSort, align?: "right") => (
    <SortHeader
      label={label}
      href={sortHref(BASE_PATH, filters, column)}
      sorted={filters.sort === column ? filters.dir : undefined}
      align={align}
    />
  );

  return (
    <section aria-labelledby="orders-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="orders-heading" className="font-display text-3xl font-bold text-brand-900">
          Orders
        </h1>
        {/* A plain link, not a prefetched one: the server streams the file when it is followed. */}
        <a
          href={hrefWith(`${BASE_PATH}/export`, params)}
          download
          className="rounded-full border border-stone-300 bg-white px-4 py-1.5 text-sm font-medium text-stone-700 hover:border-brand-600 hover:text-brand-700"
        >
          Export CSV
        </a>
      </div>
      <ListFilters
        basePath={BASE_PATH}
        statuses={ORDER_STATUSES}
        current={filters}
        searchLabel="Search"
        searchHint="Email (or part of it), merchTxnId, atomTxnId or order id."
        extraActive={extraFiltersSet(filters)}
      >
        <OrderFilterFields filters={filters} />
        {/* Applying the filters keeps the sort. */}
        {params.sort === undefined ? null : <input type="hidden" name="sort" value={params.sort} />}
        {params.dir === undefined ? null : <input type="hidden" name="dir" value={params.dir} />}
      </ListFilters>
      <BulkShipForm carriers={COMMON_CARRIERS}>
        <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm">
          <table className="w-full min-w-[56rem] text-sm" data-testid="admin-orders">
            <caption className="sr-only">
              Orders, sorted by {SORT_NAMES[filters.sort]}, {filters.dir === "asc" ? "ascending" : "descending"}
            </caption>
            <thead className="border-b border-stone-200 text-left text-stone-500">
              <tr>
                {header("Placed", "placed")}
                <th scope="col" className="px-4 py-3 font-medium">
                  Order
                </th>
                {header("Shopper", "email")}
                {header("Status", "status")}
                {header("Total", "total", "right")}
                {header("Refunded", "refunded", "right")}
                <th scope="col" className="px-4 py-3 font-medium">
                  Method
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  merchTxnId
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Ship · tracking no.
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
                    {order.openAttention ? (
                      <span className="ml-2 text-xs font-semibold text-amber-800">needs attention</span>
                    ) : null}
                  </td>
                  {/* An email has no spaces to wrap at: it may break anywhere rather than widen the table. */}
                  <td className="max-w-[16rem] px-4 py-3 [overflow-wrap:anywhere]">{order.email}</td>
                  <td className="px-4 py-3">
                    <StatusBadge status={order.status} />
                  </td>
                  <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                    {formatRupees(order.totalAmount)}
                  </td>
                  <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                    {order.refundedAmount > 0 ? formatRupees(order.refundedAmount) : "—"}
                  </td>
                  <td className="px-4 py-3">{paymentMethodLabel(order.paymentMethod)}</td>
                  <td className="px-4 py-3 font-mono text-xs">{order.merchTxnId ?? "—"}</td>
                  <td className="px-4 py-3">
                    {/* Offered only where the service's own rule lets the order ship. */}
                    {shippingRefusal(order, "shipped") === undefined ? <ShipSelection orderId={order.id} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.rows.length === 0 ? (
            <p className="p-6 text-center text-stone-600">No orders match these filters.</p>
          ) : null}
        </div>
      </BulkShipForm>
      <Pagination page={page} basePath={BASE_PATH} params={params} />
    </section>
  );
}

/** The orders list's own filters, beside the shared ones: needs attention, payment method, amount range. */
function OrderFilterFields({ filters }: { filters: OrderListFilters }) {
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-method" className="text-sm font-medium">
          Payment method
        </label>
        <select id="filter-method" name="method" defaultValue={filters.method ?? ""} className={FILTER_FIELD}>
          <option value="">Any</option>
          {Object.entries(PAYMENT_METHOD_NAMES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <AmountField id="filter-min" name="min" label="Total from (₹)" paise={filters.minPaise} />
      <AmountField id="filter-max" name="max" label="Total up to (₹)" paise={filters.maxPaise} />
      <div className="flex items-center gap-2 lg:self-center">
        <input
          id="filter-attention"
          name="attention"
          type="checkbox"
          value="1"
          defaultChecked={filters.attention}
          aria-describedby="filter-attention-hint"
          className="size-5 accent-brand-600"
        />
        <div className="flex flex-col">
          <label htmlFor="filter-attention" className="text-sm font-medium">
            Needs attention
          </label>
          <span id="filter-attention-hint" className="text-xs text-stone-600">
            Flagged for review, or with an open item on the needs-attention list.
          </span>
        </div>
      </div>
    </>
  );
}
