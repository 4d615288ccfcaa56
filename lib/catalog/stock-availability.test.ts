import { describe, expect, it } from "vitest";
import {
  addToCartRefusal,
  cartLineStockProblem,
  describeShortages,
  LOW_STOCK_THRESHOLD,
  stockAvailability,
} from "./stock-availability";

describe("stockAvailability", () => {
  it("says In stock above the threshold, Only N left at or below it, Out of stock at 0", () => {
    expect(stockAvailability(40)).toEqual({ state: "in_stock", label: "In stock" });
    expect(stockAvailability(LOW_STOCK_THRESHOLD + 1)).toEqual({ state: "in_stock", label: "In stock" });
    expect(stockAvailability(LOW_STOCK_THRESHOLD)).toEqual({ state: "low", label: "Only 5 left" });
    expect(stockAvailability(1)).toEqual({ state: "low", label: "Only 1 left" });
    expect(stockAvailability(0)).toEqual({ state: "out", label: "Out of stock" });
  });
});

describe("addToCartRefusal", () => {
  const saffron = { name: "Kashmiri Saffron", stock: 3 };

  it("lets the cart reach the stock, and no further", () => {
    expect(addToCartRefusal(saffron, 0, 3)).toBeUndefined();
    expect(addToCartRefusal(saffron, 2, 1)).toBeUndefined();
    expect(addToCartRefusal(saffron, 0, 4)).toBe("Only 3 of Kashmiri Saffron are left.");
    expect(addToCartRefusal(saffron, 2, 2)).toBe("Only 3 of Kashmiri Saffron are left, and your cart already has 2.");
    expect(addToCartRefusal({ name: "Brass Chai Kettle", stock: 1 }, 1, 1)).toBe(
      "Only 1 of Brass Chai Kettle is left, and your cart already has 1.",
    );
    expect(addToCartRefusal({ name: "Brass Chai Kettle", stock: 0 }, 0, 1)).toBe(
      "Sorry, Brass Chai Kettle is out of stock.",
    );
  });
});

describe("cartLineStockProblem", () => {
  it("flags a line asking for more than is left, and nothing else", () => {
    expect(cartLineStockProblem(2, 2)).toBeUndefined();
    expect(cartLineStockProblem(3, 2)).toBe("Only 2 left: lower the quantity to check out.");
    expect(cartLineStockProblem(1, 0)).toBe("Out of stock: remove it to check out.");
  });
});

describe("describeShortages", () => {
  it("names each product and what is left", () => {
    expect(
      describeShortages([
        { name: "Kashmiri Saffron", wanted: 2, available: 1 },
        { name: "Sandalwood Incense", wanted: 1, available: 0 },
      ]),
    ).toBe("Kashmiri Saffron: only 1 left (you wanted 2). Sandalwood Incense is out of stock.");
  });
});
