import { and, asc, count, eq, ilike, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { categories, products, type Product } from "@/db/schema";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { LOW_STOCK_THRESHOLD } from "@/lib/catalog/stock-availability";
import {
  ADMIN_PAGE_SIZE,
  firstValues,
  likePattern,
  listFilterFields,
  pageField,
  pageOf,
  type Page,
  type SearchParams,
} from "./filters";
import { productVersion } from "./update-product";

const productListFiltersSchema = z.object({
  q: listFilterFields.q,
  page: pageField,
  // A category's slug; an unknown one matches nothing, as a stale link should.
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  status: z.enum(["active", "inactive"]).optional().catch(undefined),
  // "Only N left" or out of stock: at or below what shoppers see as low.
  low: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
});
export type ProductListFilters = z.infer<typeof productListFiltersSchema>;

export function parseProductListFilters(params: SearchParams): ProductListFilters {
  return productListFiltersSchema.parse(firstValues(params));
}

export type AdminProductRow = Pick<
  Product,
  "id" | "slug" | "name" | "image" | "price" | "stock" | "gstRateBasisPoints" | "hsnCode" | "active"
> & { categoryName: string | null };

/** Every product, for sale or not, by name: searched by name, filtered by category, status and low stock. */
export async function listProductsForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  filters: ProductListFilters,
): Promise<Page<AdminProductRow>> {
  assertAdmin(actor);
  const conditions: SQL[] = [];
  if (filters.q !== undefined) conditions.push(ilike(products.name, likePattern(filters.q)));
  if (filters.category !== undefined) conditions.push(eq(categories.slug, filters.category));
  if (filters.status !== undefined) conditions.push(eq(products.active, filters.status === "active"));
  if (filters.low) conditions.push(lte(products.stock, LOW_STOCK_THRESHOLD));
  const where = and(...conditions);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: products.id,
        slug: products.slug,
        name: products.name,
        image: products.image,
        price: products.price,
        stock: products.stock,
        gstRateBasisPoints: products.gstRateBasisPoints,
        hsnCode: products.hsnCode,
        active: products.active,
        categoryName: categories.name,
      })
      .from(products)
      .leftJoin(categories, eq(categories.id, products.categoryId))
      .where(where)
      .orderBy(asc(products.name), asc(products.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((filters.page - 1) * ADMIN_PAGE_SIZE),
    db
      .select({ total: count() })
      .from(products)
      .leftJoin(categories, eq(categories.id, products.categoryId))
      .where(where),
  ]);
  return pageOf(rows, counted?.total ?? 0, filters.page);
}

/** The categories, in the shop's order, for the list's filter. */
export async function listCategoryOptions(
  db: Queryable,
  actor: SessionUser | null,
): Promise<{ slug: string; name: string }[]> {
  assertAdmin(actor);
  return db
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
}

export type AdminProduct = Product & { categoryName: string | null; version: string };

/** One product as its edit page shows it, with the version the edit is checked against; null when there is none. */
export async function getProductForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  productId: string,
): Promise<AdminProduct | null> {
  assertAdmin(actor);
  if (!z.uuid().safeParse(productId).success) return null;
  const [row] = await db
    .select({ product: products, categoryName: categories.name })
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.id, productId));
  if (row === undefined) return null;
  return { ...row.product, categoryName: row.categoryName, version: productVersion(row.product) };
}
