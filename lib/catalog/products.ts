import "server-only";
import { and, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { categories, products } from "@/db/schema";
import { searchTsQuery, SLUG_PATTERN, type CatalogQuery } from "./catalog-query";

// The one place the storefront reads products and categories from the database.

/** What the storefront shows of a product: plain JSON (no Dates), so it survives Next's data cache. */
export interface CatalogProduct {
  id: string;
  slug: string;
  name: string;
  /** One line, for cards and the page's meta description. */
  summary: string;
  /** Paragraphs separated by a blank line. */
  description: string;
  /** Paise. */
  price: number;
  image: string;
  /** What the picture shows; empty when it is decorative. */
  imageAlt: string;
  category: { slug: string; name: string } | null;
}

/** A category as the storefront lists it, with how many active products it holds. */
export interface CatalogCategory {
  slug: string;
  name: string;
  description: string;
  productCount: number;
}

/** A product's slug as it appears in URLs and forms: lower-case words joined by hyphens. */
export const productSlugSchema = z
  .string({ error: "That product could not be found." })
  .max(100, "That product could not be found.")
  .regex(SLUG_PATTERN, "That product could not be found.");

const catalogColumns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  summary: products.summary,
  description: products.description,
  price: products.price,
  image: products.image,
  imageAlt: products.imageAlt,
  categorySlug: categories.slug,
  categoryName: categories.name,
};

function toCatalogProduct({ categorySlug, categoryName, ...product }: CatalogRow): CatalogProduct {
  return {
    ...product,
    category: categorySlug !== null && categoryName !== null ? { slug: categorySlug, name: categoryName } : null,
  };
}

function selectActiveProducts(db: Queryable, where?: SQL) {
  return db
    .select(catalogColumns)
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(products.active, true), where));
}

type CatalogRow = Awaited<ReturnType<typeof selectActiveProducts>>[number];

// The shop's own order: ranked products by rank, then the rest by name. The slug breaks any
// remaining tie, so a listing's order never changes between two reads.
const FEATURED_ORDER = [sql`${products.featuredRank} asc nulls last`, asc(products.name), asc(products.slug)];

const SORT_ORDERS: Record<Exclude<CatalogQuery["sort"], "relevance">, SQL[]> = {
  featured: FEATURED_ORDER,
  "price-asc": [asc(products.price), asc(products.name), asc(products.slug)],
  "price-desc": [desc(products.price), asc(products.name), asc(products.slug)],
  newest: [desc(products.createdAt), asc(products.name), asc(products.slug)],
  name: [asc(products.name), asc(products.slug)],
};

/** Every active product, featured first. */
export async function listActiveProducts(db: Queryable): Promise<CatalogProduct[]> {
  return (await selectActiveProducts(db).orderBy(...FEATURED_ORDER)).map(toCatalogProduct);
}

export async function findActiveProductBySlug(db: Queryable, slug: string): Promise<CatalogProduct | undefined> {
  const [row] = await selectActiveProducts(db, eq(products.slug, slug)).limit(1);
  return row && toCatalogProduct(row);
}

/** The categories in the shop's order, each with its number of active products. */
export function listCategories(db: Queryable): Promise<CatalogCategory[]> {
  return db
    .select({
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      productCount: count(products.id),
    })
    .from(categories)
    .leftJoin(products, and(eq(products.categoryId, categories.id), eq(products.active, true)))
    .groupBy(categories.id)
    .orderBy(asc(categories.position), asc(categories.name));
}

/**
 * The active products a listing shows: those of one category (by slug) or all, matching the
 * search if there is one, in the sort asked for.
 *
 * A search matches a product's name, summary or description (the indexed `search_vector`), or
 * the name of its category ("spices" finds the three spices). "Best match" ranks a match of the
 * category's name first (a whole category asked for by name), then name matches above summary
 * matches above description matches, then falls back to the featured order.
 */
export async function browseProducts(db: Queryable, query: CatalogQuery): Promise<CatalogProduct[]> {
  const tsQuery = query.q === null ? null : searchTsQuery(query.q);
  if (query.q !== null && tsQuery === null) return [];
  const search = tsQuery === null ? undefined : sql`to_tsquery('english', ${tsQuery})`;
  const where = and(
    query.category === null ? undefined : eq(categories.slug, query.category),
    search &&
      or(
        sql`${products.searchVector} @@ ${search}`,
        inArray(
          products.categoryId,
          db
            .select({ id: categories.id })
            .from(categories)
            .where(sql`to_tsvector('english', ${categories.name}) @@ ${search}`),
        ),
      ),
  );
  const order =
    query.sort === "relevance"
      ? [
          ...(search
            ? [
                sql`ts_rank(${products.searchVector}, ${search}) + (case when to_tsvector('english', coalesce(${categories.name}, '')) @@ ${search} then 1 else 0 end) desc`,
              ]
            : []),
          ...FEATURED_ORDER,
        ]
      : SORT_ORDERS[query.sort];
  return (await selectActiveProducts(db, where).orderBy(...order)).map(toCatalogProduct);
}

/**
 * Up to `limit` other active products to show beside one: those of its own category first, then
 * the rest; each group in the featured order.
 */
export async function listRelatedProducts(
  db: Queryable,
  product: Pick<CatalogProduct, "id" | "category">,
  limit: number,
): Promise<CatalogProduct[]> {
  const sameCategoryFirst = product.category
    ? [sql`coalesce(${categories.slug} = ${product.category.slug}, false) desc`]
    : [];
  const rows = await selectActiveProducts(db, ne(products.id, product.id))
    .orderBy(...sameCategoryFirst, ...FEATURED_ORDER)
    .limit(limit);
  return rows.map(toCatalogProduct);
}
