import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { products, type Product } from "@/db/schema";

export function listActiveProducts(db: Queryable): Promise<Product[]> {
  return db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.name));
}

export async function findActiveProductBySlug(db: Queryable, slug: string): Promise<Product | undefined> {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.active, true)))
    .limit(1);
  return product;
}
