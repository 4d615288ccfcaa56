import type { OrderItem } from "@/db/schema";
import { formatRupees } from "@/lib/money";

/**
 * An order's lines (the snapshot taken at order time), for the shopper's and the admin's pages.
 * On a phone the unit price moves under the item's name, so the Total column stays in view.
 */
export function OrderItemsTable({
  items,
}: {
  items: ReadonlyArray<Pick<OrderItem, "id" | "name" | "quantity" | "unitPrice">>;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Items</caption>
        <thead className="border-b border-stone-200 text-left text-stone-500">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Item
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Qty
            </th>
            <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">
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
              <td className="py-2 pr-3">
                {item.name}
                <span className="block text-xs text-stone-500 tabular-nums sm:hidden">
                  {formatRupees(item.unitPrice)} each
                </span>
              </td>
              <td className="py-2 pr-3 text-right align-top tabular-nums sm:align-middle">{item.quantity}</td>
              <td className="hidden py-2 pr-3 text-right tabular-nums sm:table-cell">{formatRupees(item.unitPrice)}</td>
              <td
                className="py-2 text-right align-top whitespace-nowrap tabular-nums sm:align-middle"
                data-testid="order-line-total"
              >
                {formatRupees(item.unitPrice * item.quantity)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
