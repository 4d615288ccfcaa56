import { describe, expect, it } from "vitest";
import type { CartLine } from "./cart";
import { summariseCartLines } from "./cart-summary";

const line = (quantity: number, unitPrice: number, active = true): CartLine => ({
  productId: `p-${quantity}-${unitPrice}`,
  slug: "s",
  name: "n",
  image: "/i.svg",
  unitPrice,
  quantity,
  active,
  stock: 50,
  lineTotal: unitPrice * quantity,
});

describe("cart summary", () => {
  it("counts units and sums paise over lines still for sale", () => {
    expect(summariseCartLines([line(2, 34900), line(1, 49999), line(5, 100, false)])).toEqual({
      itemCount: 3,
      subtotal: 119799,
    });
    expect(summariseCartLines([])).toEqual({ itemCount: 0, subtotal: 0 });
  });
});
