import type { Metadata } from "next";
import Link from "next/link";
import { ScrollBox } from "@/components/admin/scroll-box";
import { StockForm } from "@/components/admin/stock-form";
import { StockStatus } from "@/components/catalog/stock-status";
import { getDatabase } from "@/db";
import { listStockForAdmin } from "@/lib/admin/stock";
import { requireAdminPage } from "@/lib/auth/authorize";

export const metadata: Metadata = { title: "Stock" };

export default async function AdminStockPage() {
  const admin = await requireAdminPage("/admin/stock");
  const rows = await listStockForAdmin(await getDatabase(), admin);
  return (
    <section aria-labelledby="stock-heading" className="flex flex-col gap-4">
      <h1 id="stock-heading" className="font-display text-3xl font-bold text-brand-900">
        Stock
      </h1>
      <p className="max-w-3xl text-sm text-stone-600">
        What is left to sell of each product, as shoppers see it. An order takes its units when the shopper pays and
        gives them back if the payment fails, is abandoned or the order is cancelled or expires; “held by unpaid orders”
        counts those still waiting. Set a level when a delivery comes in or after a count: it is saved only if no order
        moved it since this page was shown.
      </p>
      <ScrollBox label="Stock levels">
        <table className="w-full min-w-[36rem] text-sm">
          <caption className="sr-only">Stock levels</caption>
          <thead className="border-b border-stone-200 text-left text-stone-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Product
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Shoppers see
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Held by unpaid orders
              </th>
              <th scope="col" className="py-2 font-medium">
                In stock
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="stock-row">
                <th scope="row" className="py-2 pr-3 text-left font-medium">
                  <Link href={`/products/${row.slug}`} className="text-brand-700 underline">
                    {row.name}
                  </Link>
                  {row.active ? null : <span className="ml-2 text-xs text-stone-500">(not for sale)</span>}
                </th>
                <td className="py-2 pr-3">
                  <StockStatus stock={row.stock} />
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">{row.heldByUnpaid}</td>
                <td className="py-2">
                  <StockForm productId={row.id} name={row.name} stock={row.stock} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
