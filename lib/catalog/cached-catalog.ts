import "server-only";
import { createHash } from "node:crypto";
import { unstable_cache } from "next/cache";
import { getDatabase } from "@/db";
import { CATALOG_REVALIDATE_SECONDS, TAGS } from "@/lib/constants";
import { getEnv } from "@/lib/env";
import type { CatalogQuery } from "./catalog-query";
import {
  browseProducts,
  listActiveProducts,
  listCategories,
  listRelatedProducts,
  type CatalogCategory,
  type CatalogProduct,
} from "./products";

// The storefront's catalog reads, cached in Next's data cache. Pages stay dynamic (the database
// exists only at run time); within the window, or until revalidateTag(TAGS.catalog), they skip it.
//
// Next keeps this cache on disk under .next/cache and across builds, so its key names the database
// the entry came from: two databases (dev, each e2e port, PostgreSQL) never see each other's rows.
// Cached rows are for display only; the cart resolves products again in the database.
//
// Only what a finite set of URLs can ask for is cached (every listing of a known category in a
// known sort; the related products of a known product), so made-up URLs cannot fill the cache.
// Searches go to the database each time, through the text-search index.

/**
 * Part of every entry's key: raise it when what is cached changes shape (as CatalogProduct did
 * when categories came), so a shop upgraded in place never reads an entry an older build wrote.
 */
const CACHE_VERSION = "v2";

/** How many related products a product page shows. */
const RELATED_PRODUCTS = 4;

interface CachedReads {
  activeProducts: () => Promise<CatalogProduct[]>;
  categories: () => Promise<CatalogCategory[]>;
  listing: (category: string | null, sort: CatalogQuery["sort"]) => Promise<CatalogProduct[]>;
  related: (product: Pick<CatalogProduct, "id" | "category">) => Promise<CatalogProduct[]>;
}

let cachedReads: CachedReads | undefined;

// Made on first use: the key reads the environment, which `next build` must not need.
// unstable_cache adds the function's arguments to each entry's key.
function reads(): CachedReads {
  if (cachedReads) return cachedReads;
  const options = { tags: [TAGS.catalog], revalidate: CATALOG_REVALIDATE_SECONDS };
  const key = `${CACHE_VERSION}:${databaseKey()}`;
  cachedReads = {
    activeProducts: unstable_cache(
      async () => listActiveProducts(await getDatabase()),
      ["catalog:active-products", key],
      options,
    ),
    categories: unstable_cache(async () => listCategories(await getDatabase()), ["catalog:categories", key], options),
    listing: unstable_cache(
      async (category, sort) => browseProducts(await getDatabase(), { q: null, category, sort }),
      ["catalog:listing", key],
      options,
    ),
    related: unstable_cache(
      async (product) => listRelatedProducts(await getDatabase(), product, RELATED_PRODUCTS),
      ["catalog:related", key],
      options,
    ),
  };
  return cachedReads;
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
 * catalog entry rather than cached per slug.
 */
export async function getCatalogProduct(slug: string): Promise<CatalogProduct | null> {
  return (await reads().activeProducts()).find((product) => product.slug === slug) ?? null;
}

/** The categories in the shop's order, with their product counts. */
export function getCategories(): Promise<CatalogCategory[]> {
  return reads().categories();
}

/**
 * The products a listing shows. The caller has checked that its category exists (getCategories),
 * so only real categories reach the cache's keys.
 */
export async function getListing(query: CatalogQuery): Promise<CatalogProduct[]> {
  if (query.q !== null) return browseProducts(await getDatabase(), query);
  return reads().listing(query.category, query.sort);
}

/** Other products to show on a product's page: its own category's first. */
export function getRelatedProducts(product: CatalogProduct): Promise<CatalogProduct[]> {
  return reads().related({ id: product.id, category: product.category });
}
