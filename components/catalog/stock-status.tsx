import { stockAvailability } from "@/lib/catalog/stock-availability";

const TONE = {
  in_stock: "text-green-800",
  low: "text-amber-800",
  out: "text-red-700",
} as const;

/** "In stock", "Only 3 left" or "Out of stock", as the product's level is now. */
export function StockStatus({ stock, id }: { stock: number; id?: string }) {
  const { state, label } = stockAvailability(stock);
  return (
    <p id={id} className={`text-sm font-medium ${TONE[state]}`} data-testid="stock-status" data-state={state}>
      {label}
    </p>
  );
}
