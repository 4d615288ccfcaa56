import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "@/db/schema";
import {
  describeUnits,
  planStockTake,
  stockEffectOfAttemptMove,
  stockEffectOfOrderMove,
  type StockNeed,
} from "./plan-stock";

const need = (productId: string, missing: number, itemId = `item-${productId}`): StockNeed => ({
  itemId,
  productId,
  name: `Product ${productId}`,
  missing,
});

describe("planStockTake", () => {
  it("takes every line in full when there is enough", () => {
    const plan = planStockTake(
      [need("a", 2), need("b", 1)],
      new Map([
        ["a", 2],
        ["b", 5],
      ]),
      "all",
    );
    expect(plan.shortages).toEqual([]);
    expect(plan.takes.map((take) => [take.productId, take.take])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });

  it("all: takes nothing at all when any line is short, and names every short one with what is left", () => {
    const plan = planStockTake(
      [need("a", 2), need("b", 3), need("c", 1)],
      new Map([
        ["a", 5],
        ["b", 1],
        ["c", 0],
      ]),
      "all",
    );
    expect(plan.takes).toEqual([]);
    expect(plan.shortages).toEqual([
      { productId: "b", name: "Product b", wanted: 3, available: 1 },
      { productId: "c", name: "Product c", wanted: 1, available: 0 },
    ]);
  });

  it("available: takes what there is, never more than the product has, and reports the rest", () => {
    const plan = planStockTake(
      [need("a", 3), need("b", 2)],
      new Map([
        ["a", 1],
        ["b", 4],
      ]),
      "available",
    );
    expect(plan.takes.map((take) => [take.productId, take.take])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect(plan.shortages).toEqual([{ productId: "a", name: "Product a", wanted: 3, available: 1 }]);
  });

  it("two lines of one product share its stock", () => {
    const needs = [need("a", 2, "first"), need("a", 2, "second")];
    expect(planStockTake(needs, new Map([["a", 3]]), "all")).toEqual({
      takes: [],
      shortages: [{ productId: "a", name: "Product a", wanted: 2, available: 1 }],
    });
    expect(planStockTake(needs, new Map([["a", 3]]), "available").takes.map((take) => take.take)).toEqual([2, 1]);
  });

  it("reads a product it does not know, or a level below zero, as none left", () => {
    expect(planStockTake([need("a", 1)], new Map(), "available")).toEqual({
      takes: [],
      shortages: [{ productId: "a", name: "Product a", wanted: 1, available: 0 }],
    });
    expect(planStockTake([need("a", 1)], new Map([["a", -4]]), "available").shortages[0]?.available).toBe(0);
  });
});

describe("which moves take or give back stock", () => {
  it("an order gives it back when cancelled (or expired), takes it back when paid, and restocks on a refund only when asked", () => {
    const effects = ORDER_STATUSES.map((to) => [to, stockEffectOfOrderMove(to, { restock: false })]);
    expect(Object.fromEntries(effects)).toEqual({
      pending: undefined,
      paid: "take",
      shipped: undefined,
      delivered: undefined,
      refunded: undefined,
      cancelled: "release",
    });
    expect(stockEffectOfOrderMove("refunded", { restock: true })).toBe("release");
    expect(stockEffectOfOrderMove("shipped", { restock: true })).toBeUndefined();
  });

  it("a payment's failure gives back its unpaid order's stock (unless another is open); pending at the bank takes it back", () => {
    expect(stockEffectOfAttemptMove("payment_failed", "pending")).toBe("release_unless_open");
    expect(stockEffectOfAttemptMove("user_payment", "pending")).toBe("take");
    expect(stockEffectOfAttemptMove("token_generated", "pending")).toBeUndefined();
    expect(stockEffectOfAttemptMove("completed", "pending")).toBeUndefined();
    // A paid order's stock is sold; a cancelled one holds none.
    for (const status of ["paid", "shipped", "cancelled", "refunded"] as const) {
      expect(stockEffectOfAttemptMove("payment_failed", status)).toBeUndefined();
      expect(stockEffectOfAttemptMove("user_payment", status)).toBeUndefined();
    }
  });
});

describe("describeUnits", () => {
  it("lists the lines for the timeline", () => {
    expect(
      describeUnits([
        { name: "Kashmiri Saffron", units: 2 },
        { name: "Kulhad Cups, set of 6", units: 1 },
      ]),
    ).toBe("Kashmiri Saffron × 2, Kulhad Cups, set of 6 × 1");
  });
});
