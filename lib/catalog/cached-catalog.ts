import "server-only";
import { createHash } from "node:crypto";
import { unstable_cache } from "next/cache";
import { getDatabase } from "@/db";
import { CATALOG_REVALIDATE_SECONDS, TAGS } from "@/lib/constants";
import { getEnv } from "@/lib/env";
import { listActiveProducts, type CatalogProduct } from "./products";

// The storefront's catalog reads, cached in Next's data cache. Pages stay dynamic (the database
// exists only at run time); within the window, or until revalidateTag(TAGS.catalog), they skip it.
//
// Next keeps this cache on disk under .next/cache and across builds, so its key names the database
// the entry came from: two databases (dev, each e2e port, PostgreSQL) never see each other's rows.
// Cached rows are for display only; the cart resolves products again in the database.

let cachedActiveProducts: (() => Promise<CatalogProduct[]>) | undefined;

export function getCatalog(): Promise<CatalogProduct[]> {
  // Made on first use: the key reads the environment, which `next build` must not need.
  cachedActiveProducts ??= unstable_cache(
    async (): Promise<CatalogProduct[]> => listActiveProducts(await getDatabase()),
    ["catalog:active-products", databaseKey()],
    { tags: [TAGS.catalog], revalidate: CATALOG_REVALIDATE_SECONDS },
  );
  return cachedActiveProducts();
}

function databaseKey(): string {
  const env = getEnv();
  return createHash("sha256")
    .update(env.databaseUrl ?? `pglite:${env.pgliteDir}`)
    .digest("hex")
    .slice(0, 16);
}

/**
 * The active product with this slug, or null (unknown or inactive). Looked up in the one cached
 * catalog entry rather than cached per slug, so made-up URLs cannot fill the cache.
 */
export async function getCatalogProduct(slug: string): Promise<CatalogProduct | null> {
  return (await getCatalog()).find((product) => product.slug === slug) ?? null;
}
