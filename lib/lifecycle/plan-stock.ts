import type { OrderStatus } from "@/db/schema";
import type { StoredAttemptStatus } from "./machines";

// The stock rules, pure: which moves of an order or a payment take or give back the units an
// order holds, and how much can be taken. ./hold-stock.ts applies them inside the
// transaction of the move (./transitions.ts calls it).

/**
 * What an order's move does to its stock: a cancellation (the shopper's, or the expiry's)
 * gives it back; becoming paid takes back whatever the order no longer holds (a success
 * that arrived after its reservation was released), as much as there is; a refund gives it
 * back only when the admin asked to restock.
 */
export function stockEffectOfOrderMove(to: OrderStatus, options: { restock: boolean }): "release" | "take" | undefined {
  if (to === "cancelled") return "release";
  if (to === "paid") return "take";
  if (to === "refunded" && options.restock) return "release";
  return undefined;
}

/**
 * What a payment attempt's move does to its unpaid order's stock: a failure (declined,
 * abandoned, AUTH refused) gives it back, unless another attempt of the order is still
 * open (the shopper pressed Pay again: that one holds it); a payment reported pending at
 * the bank takes back what it can, since the money may still come. An order that is not
 * pending keeps what it holds: a paid order's stock is sold, a cancelled one holds none.
 */
export function stockEffectOfAttemptMove(
  to: StoredAttemptStatus,
  orderStatus: OrderStatus,
): "release_unless_open" | "take" | undefined {
  if (orderStatus !== "pending") return undefined;
  if (to === "payment_failed") return "release_unless_open";
  if (to === "user_payment") return "take";
  return undefined;
}

/** One order line's need: the units it still lacks, and the product's stock at hand. */
export interface StockNeed {
  itemId: string;
  productId: string;
  name: string;
  /** Units the line lacks (its quantity minus what it holds); above 0. */
  missing: number;
}

export interface StockShortage {
  productId: string;
  name: string;
  /** Units the line lacks. */
  wanted: number;
  /** Units the product had for it. */
  available: number;
}

export interface StockPlan {
  takes: Array<{ itemId: string; productId: string; name: string; take: number }>;
  shortages: StockShortage[];
}

/**
 * How much each line takes. `all`: every line takes what it lacks, or, when any line
 * cannot, none takes anything (a checkout). `available`: each line takes what there is,
 * never more than the product has (a payment that arrived after the reservation was
 * released: the money is real, the order is paid, and the shortfall is reported). Two
 * lines of one product share its stock.
 */
export function planStockTake(
  needs: readonly StockNeed[],
  stockOf: ReadonlyMap<string, number>,
  mode: "all" | "available",
): StockPlan {
  const left = new Map(stockOf);
  const takes: StockPlan["takes"] = [];
  const shortages: StockShortage[] = [];
  for (const need of needs) {
    const available = Math.max(0, left.get(need.productId) ?? 0);
    const take = Math.min(available, need.missing);
    if (take < need.missing)
      shortages.push({ productId: need.productId, name: need.name, wanted: need.missing, available });
    left.set(need.productId, available - take);
    if (take > 0) takes.push({ itemId: need.itemId, productId: need.productId, name: need.name, take });
  }
  if (mode === "all" && shortages.length > 0) return { takes: [], shortages };
  return { takes, shortages };
}

/** "Kashmiri Saffron × 2, Sandalwood Incense × 1": the lines an event is about, for the timeline. */
export function describeUnits(lines: ReadonlyArray<{ name: string; units: number }>): string {
  return lines.map((line) => `${line.name} × ${line.units}`).join(", ");
}
