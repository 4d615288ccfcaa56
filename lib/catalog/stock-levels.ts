import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { products } from "@/db/schema";

// Stock levels for the storefront, read on every request and never cached: they change with
// every order, while the cached catalog (./cached-catalog.ts) may be minutes old. One read of
// the active products' levels, by slug: the cached catalog's ids may be a re-created
// database's (its cache key is the database's address), its slugs are the same.

/** Units left of each active product, by slug. */
export async function readStockLevels(db: Queryable): Promise<ReadonlyMap<string, number>> {
  const rows = await db
    .select({ slug: products.slug, stock: products.stock })
    .from(products)
    .where(eq(products.active, true));
  return new Map(rows.map((row) => [row.slug, row.stock]));
}
