// What shoppers are told about stock, in one place: the product list and page, the cart,
// adding to the cart and paying. Pure (no database, no server-only), so client components
// use it too. products.stock is what is left to sell: orders already hold theirs.

/** At or below this many left, shoppers see "Only N left". */
export const LOW_STOCK_THRESHOLD = 5;

export type StockState = "in_stock" | "low" | "out";

export function stockAvailability(stock: number): { state: StockState; label: string } {
  if (stock <= 0) return { state: "out", label: "Out of stock" };
  if (stock <= LOW_STOCK_THRESHOLD) return { state: "low", label: `Only ${stock} left` };
  return { state: "in_stock", label: "In stock" };
}

/** Why adding `adding` more of a product to a cart that has `inCart` is refused; undefined when it fits. */
export function addToCartRefusal(
  product: { name: string; stock: number },
  inCart: number,
  adding: number,
): string | undefined {
  if (inCart + adding <= product.stock) return undefined;
  if (product.stock <= 0) return `Sorry, ${product.name} is out of stock.`;
  const left = `Only ${product.stock} of ${product.name} ${product.stock === 1 ? "is" : "are"} left`;
  return inCart > 0 ? `${left}, and your cart already has ${inCart}.` : `${left}.`;
}

/** What a cart line needs changing before checkout, when it asks for more than is left. */
export function cartLineStockProblem(quantity: number, stock: number): string | undefined {
  if (stock <= 0) return "Out of stock: remove it to check out.";
  if (quantity > stock) return `Only ${stock} left: lower the quantity to check out.`;
  return undefined;
}

/** "Kashmiri Saffron: only 1 left (you wanted 2). Sandalwood Incense is out of stock." */
export function describeShortages(
  shortages: ReadonlyArray<{ name: string; wanted: number; available: number }>,
): string {
  return shortages
    .map((line) =>
      line.available <= 0
        ? `${line.name} is out of stock.`
        : `${line.name}: only ${line.available} left (you wanted ${line.wanted}).`,
    )
    .join(" ");
}
