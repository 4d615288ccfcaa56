import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { products } from "@/db/schema";

/** What the storefront shows of a product: plain JSON (no Dates), so it survives Next's data cache. */
export interface CatalogProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Paise. */
  price: number;
  image: string;
}

/** A product's slug as it appears in URLs and forms: lower-case words joined by hyphens. */
export const productSlugSchema = z
  .string({ error: "That product could not be found." })
  .max(100, "That product could not be found.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "That product could not be found.");

const catalogColumns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  price: products.price,
  image: products.image,
};

export function listActiveProducts(db: Queryable): Promise<CatalogProduct[]> {
  return db.select(catalogColumns).from(products).where(eq(products.active, true)).orderBy(asc(products.name));
}

export async function findActiveProductBySlug(db: Queryable, slug: string): Promise<CatalogProduct | undefined> {
  const [product] = await db
    .select(catalogColumns)
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.active, true)))
    .limit(1);
  return product;
}
