import Link from "next/link";
import type { Order } from "@/db/schema";
import { formatShopDateTime } from "@/lib/shop-time";
import { shortId } from "./format";
import { StatusBadge } from "./status-badge";

/** The order page's heading: which order, its status and whether it needs review, and who placed it when. */
export function OrderHeader({ order }: { order: Order }) {
  return (
    <header className="flex flex-col gap-2">
      <Link href="/admin/orders" className="text-sm text-brand-700 underline">
        ← All orders
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-display text-3xl font-bold text-brand-900">Order {shortId(order.id)}</h1>
        <StatusBadge status={order.status} testId="admin-order-status" />
        {order.needsReview ? (
          <span
            className="rounded-full bg-red-50 px-2.5 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-200 ring-inset"
            data-testid="admin-needs-review"
          >
            Needs review
          </span>
        ) : null}
      </div>
      <p className="text-sm break-all text-stone-600">
        {order.email} · {order.mobile} · placed {formatShopDateTime(order.createdAt)} ·{" "}
        <span className="font-mono">{order.id}</span>
      </p>
    </header>
  );
}
