import type { OrderItem } from "@/db/schema";
import { formatRupees } from "@/lib/money";

/** An order's lines (the snapshot taken at order time), for the shopper's and the admin's pages. */
export function OrderItemsTable({
  items,
}: {
  items: ReadonlyArray<Pick<OrderItem, "id" | "name" | "quantity" | "unitPrice">>;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[20rem] text-sm">
        <caption className="sr-only">Items</caption>
        <thead className="border-b border-stone-200 text-left text-stone-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Item
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Qty
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Price
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {items.map((item) => (
            <tr key={item.id}>
              <td className="py-2 pr-3">{item.name}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{item.quantity}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{formatRupees(item.unitPrice)}</td>
              <td className="py-2 text-right tabular-nums">{formatRupees(item.unitPrice * item.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
