import type { Metadata } from "next";
import Link from "next/link";
import { getDatabase } from "@/db";
import type { OrderStatus } from "@/db/schema";
import { listOrdersForUser } from "@/lib/account/order-history";
import { requireSignedInUser } from "@/lib/auth/session";
import { formatRupees } from "@/lib/money";
import { orderReference } from "@/lib/order-reference";
import { formatShopDateTime } from "@/lib/shop-time";

export const metadata: Metadata = { title: "My orders" };
export const dynamic = "force-dynamic";

const statusLabels: Record<OrderStatus, string> = {
  pending: "Awaiting payment",
  paid: "Paid",
  shipped: "Shipped",
  delivered: "Delivered",
  refunded: "Refunded",
  cancelled: "Cancelled",
};

export default async function MyOrdersPage() {
  const user = await requireSignedInUser("/account/orders");
  const orders = await listOrdersForUser(await getDatabase(), user.id);
  return (
    <section aria-labelledby="orders-heading" className="flex flex-col gap-6">
      <h1 id="orders-heading" className="font-display text-3xl font-bold text-brand-900">
        My orders
      </h1>
      <p className="max-w-2xl text-sm text-stone-600" data-testid="guest-orders-note">
        These are the orders you placed while signed in. An order placed without signing in is not listed here, even
        with the same email address (an account&apos;s email is not verified): open it from its private link: the
        address of its order page, also in its confirmation email once it is paid.
      </p>
      {orders.length === 0 ? (
        <div className="rounded-2xl border border-stone-200 bg-white p-8 text-center">
          <p className="text-lg text-stone-700">You have not placed an order yet.</p>
          <Link
            href="/"
            className="mt-4 inline-block rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
          >
            Browse the shop
          </Link>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your orders, newest first</caption>
            <thead className="border-b border-stone-200 text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Order
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Items
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Placed
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Total
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {orders.map((order) => (
                <tr key={order.id} data-testid="order-row">
                  <td className="px-4 py-3">
                    <Link
                      href={`/orders/${order.id}`}
                      className="font-mono whitespace-nowrap text-brand-700 underline"
                      aria-label={`Order ${orderReference(order.id)}`}
                    >
                      {orderReference(order.id)}
                    </Link>
                  </td>
                  <td className="px-4 py-3">
                    <ul data-testid="order-row-items">
                      {order.items.map((item, index) => (
                        <li key={`${index}-${item.name}`}>
                          {item.name} × {item.quantity}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="px-4 py-3">
                    <time dateTime={order.createdAt.toISOString()}>{formatShopDateTime(order.createdAt)}</time>
                  </td>
                  <td className="px-4 py-3 text-right font-semibold">{formatRupees(order.totalAmount)}</td>
                  <td className="px-4 py-3">{statusLabels[order.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
