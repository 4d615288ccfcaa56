import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { products } from "@/db/schema";

// Stock levels for the storefront, read on every request and never cached: they change with
// every order, while the cached catalog (./cached-catalog.ts) may be minutes old. One
// indexed read of the active products' levels.

/** Units left of each active product, by product id. */
export async function readStockLevels(db: Queryable): Promise<ReadonlyMap<string, number>> {
  const rows = await db
    .select({ id: products.id, stock: products.stock })
    .from(products)
    .where(eq(products.active, true));
  return new Map(rows.map((row) => [row.id, row.stock]));
}
