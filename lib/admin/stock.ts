import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db";
import { orderItems, orders, products } from "@/db/schema";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/domain-error";
import { log } from "@/lib/log";

/** The most one product can be stocked at: a typo guard, far above any shelf. */
export const MAX_STOCK = 100_000;

export interface AdminStockRow {
  id: string;
  slug: string;
  name: string;
  active: boolean;
  /** Units left to sell. */
  stock: number;
  /** Units unpaid orders hold while their payment is open (given back if it fails). */
  heldByUnpaid: number;
}

/** Every product with its level and what unpaid orders hold, by name. */
export async function listStockForAdmin(db: Database, actor: SessionUser | null): Promise<AdminStockRow[]> {
  assertAdmin(actor);
  const held = db
    .select({
      productId: orderItems.productId,
      units: sql<number>`sum(${orderItems.heldQuantity})`.mapWith(Number).as("units"),
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orders.status, "pending"), sql`${orderItems.heldQuantity} > 0`))
    .groupBy(orderItems.productId)
    .as("held");
  return db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      active: products.active,
      stock: products.stock,
      heldByUnpaid: sql<number>`coalesce(${held.units}, 0)`.mapWith(Number),
    })
    .from(products)
    .leftJoin(held, eq(held.productId, products.id))
    .orderBy(asc(products.name));
}

export const setStockSchema = z.object({
  productId: z.uuid("Unknown product."),
  stock: z.coerce
    .number({ error: "Enter a whole number of units." })
    .int("Enter a whole number of units.")
    .min(0, "Stock cannot be below 0.")
    .max(MAX_STOCK, `At most ${MAX_STOCK.toLocaleString("en-IN")} units.`),
  // The level the admin saw when the page rendered: the change applies only if it still holds.
  expected: z.coerce.number().int().min(0),
});

export class StockChangeError extends DomainError<"product_not_found" | "stock_changed"> {
  override name = "StockChangeError";
}

/**
 * Sets a product's level (a delivery came in, a count was taken). A compare-and-set on the
 * level the admin saw, so an order taking stock meanwhile is never overwritten: the admin
 * is told the new level and saves again. Orders' holds are not touched.
 */
export async function setProductStock(
  db: Database,
  actor: SessionUser | null,
  input: z.input<typeof setStockSchema>,
): Promise<{ name: string; stock: number }> {
  assertAdmin(actor);
  const { productId, stock, expected } = setStockSchema.parse(input);
  const [set] = await db
    .update(products)
    .set({ stock })
    .where(and(eq(products.id, productId), eq(products.stock, expected)))
    .returning({ name: products.name, stock: products.stock });
  if (set !== undefined) {
    log.info({ productId, from: expected, to: stock, adminId: actor.id }, "Stock level set");
    return set;
  }
  const [current] = await db
    .select({ name: products.name, stock: products.stock })
    .from(products)
    .where(eq(products.id, productId));
  if (current === undefined) throw new StockChangeError("product_not_found", "No such product.");
  throw new StockChangeError(
    "stock_changed",
    `${current.name} changed to ${current.stock} while you were editing (orders took or gave back units). Check it and save again.`,
    "stock",
  );
}
