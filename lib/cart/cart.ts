import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { cartItems, carts, orderItems, orders, products } from "@/db/schema";
import { addToCartRefusal } from "@/lib/catalog/stock-availability";
import { MAX_CART_LINE_QUANTITY } from "@/lib/constants";
import { summariseCartLines } from "./cart-summary";

// The cart's rules, as named queries over carts / cart_items. Prices are always read from
// products at load time: a cart holds quantities, never amounts.

export interface CartLine {
  productId: string;
  slug: string;
  name: string;
  image: string;
  /** Paise, the product's current price. */
  unitPrice: number;
  quantity: number;
  /** False when the product was withdrawn: the line is shown as unavailable and not charged. */
  active: boolean;
  /**
   * Units this cart can have now: what is left to sell, plus what the cart's own unpaid
   * order holds (paying again reuses it). The cart itself holds none (paying reserves), so
   * a line may ask for more than this: the cart says so and paying refuses it.
   */
  stock: number;
  /** unitPrice × quantity, in paise (also for an inactive line; the subtotal leaves those out). */
  lineTotal: number;
}

export interface CartView {
  cartId: string;
  lines: CartLine[];
  /** Units over active lines only. */
  itemCount: number;
  /** Paise, over active lines only. */
  subtotal: number;
}

export type CartChangeResult =
  | { ok: true }
  | { ok: false; reason: "product-unavailable" | "line-not-found" }
  /** More than is left: `message` says how many, for the shopper. */
  | { ok: false; reason: "not-enough-stock"; message: string };

/** Units of each product the cart's unpaid orders hold (its pending order, reused when it pays again). */
function heldForCart(db: Queryable, cartId: string) {
  return db
    .select({
      productId: orderItems.productId,
      units: sql<number>`sum(${orderItems.heldQuantity})`.mapWith(Number).as("units"),
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orders.cartId, cartId), eq(orders.status, "pending")))
    .groupBy(orderItems.productId)
    .as("held_for_cart");
}

/** What the cart can have of a product: left to sell, plus what its own unpaid order holds. */
const availableTo = (held: ReturnType<typeof heldForCart>) =>
  sql<number>`${products.stock} + coalesce(${held.units}, 0)`.mapWith(Number);

export async function loadCart(db: Queryable, cartId: string): Promise<CartView> {
  const held = heldForCart(db, cartId);
  const rows = await db
    .select({
      productId: products.id,
      slug: products.slug,
      name: products.name,
      image: products.image,
      unitPrice: products.price,
      quantity: cartItems.quantity,
      active: products.active,
      stock: availableTo(held),
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .leftJoin(held, eq(held.productId, products.id))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(products.name));
  const lines = rows.map((row) => ({ ...row, lineTotal: row.unitPrice * row.quantity }));
  return { cartId, lines, ...summariseCartLines(lines) };
}

export async function clearCart(db: Queryable, cartId: string): Promise<void> {
  await db.delete(cartItems).where(eq(cartItems.cartId, cartId));
  await touchCart(db, cartId);
}

/** A new, empty guest cart. Its random id is the bearer secret the guest's cookie holds. */
export async function createGuestCart(db: Queryable): Promise<string> {
  const [cart] = await db.insert(carts).values({}).returning({ id: carts.id });
  if (!cart) throw new Error("Inserting a cart returned no row");
  return cart.id;
}

/** The guest cart with this id, if it exists and belongs to no one (a user's cart is never reachable by cookie). */
export async function findGuestCartId(db: Queryable, cartId: string): Promise<string | null> {
  const [cart] = await db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.id, cartId), isNull(carts.userId)))
    .limit(1);
  return cart?.id ?? null;
}

export async function findUserCartId(db: Queryable, userId: string): Promise<string | null> {
  const [cart] = await db.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId)).limit(1);
  return cart?.id ?? null;
}

/** The user's one cart (carts.user_id is unique), created if missing; safe when two requests race. */
export async function getOrCreateUserCart(db: Queryable, userId: string): Promise<string> {
  const [created] = await db
    .insert(carts)
    .values({ userId })
    .onConflictDoNothing({ target: carts.userId })
    .returning({ id: carts.id });
  if (created) return created.id;
  const existing = await findUserCartId(db, userId);
  if (!existing) throw new Error("The user's cart vanished while it was being created");
  return existing;
}

/**
 * Adds units of the active product with this slug; an existing line grows, capped at the line
 * maximum. Refused when the line would ask for more than is left (the cart holds no stock:
 * checkout is where the last unit is decided).
 */
export async function addToCart(
  db: Queryable,
  cartId: string,
  productSlug: string,
  quantity: number,
): Promise<CartChangeResult> {
  assertLineQuantity(quantity);
  const held = heldForCart(db, cartId);
  const [product] = await db
    .select({ id: products.id, name: products.name, stock: availableTo(held), inCart: cartItems.quantity })
    .from(products)
    .leftJoin(cartItems, and(eq(cartItems.productId, products.id), eq(cartItems.cartId, cartId)))
    .leftJoin(held, eq(held.productId, products.id))
    .where(and(eq(products.slug, productSlug), eq(products.active, true)))
    .limit(1);
  if (!product) return { ok: false, reason: "product-unavailable" };
  const refusal = addToCartRefusal(product, product.inCart ?? 0, quantity);
  if (refusal !== undefined) return { ok: false, reason: "not-enough-stock", message: refusal };
  await db
    .insert(cartItems)
    .values({ cartId, productId: product.id, quantity })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId],
      set: { quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX_CART_LINE_QUANTITY})` },
    });
  await touchCart(db, cartId);
  return { ok: true };
}

/** Sets a line's quantity; raising it above what is left is refused (lowering it never is). */
export async function setCartLineQuantity(
  db: Queryable,
  cartId: string,
  productId: string,
  quantity: number,
): Promise<CartChangeResult> {
  assertLineQuantity(quantity);
  const held = heldForCart(db, cartId);
  const [line] = await db
    .select({ name: products.name, stock: availableTo(held), inCart: cartItems.quantity })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .leftJoin(held, eq(held.productId, products.id))
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
  if (line === undefined) return { ok: false, reason: "line-not-found" };
  const refusal = quantity > line.inCart ? addToCartRefusal(line, 0, quantity) : undefined;
  if (refusal !== undefined) return { ok: false, reason: "not-enough-stock", message: refusal };
  const updated = await db
    .update(cartItems)
    .set({ quantity })
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
    .returning({ productId: cartItems.productId });
  if (updated.length === 0) return { ok: false, reason: "line-not-found" };
  await touchCart(db, cartId);
  return { ok: true };
}

/** Removing a line that is already gone is not an error: the shopper's intent is met. */
export async function removeCartLine(db: Queryable, cartId: string, productId: string): Promise<void> {
  await db.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
  await touchCart(db, cartId);
}

/**
 * Moves a guest cart's lines into the user's cart (quantities add up, capped at the line
 * maximum) and deletes the guest cart. Returns the user's cart id, or null when there was
 * no such guest cart (already merged, or never existed).
 */
export function mergeGuestCartIntoUserCart(db: Queryable, guestCartId: string, userId: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    // The lock makes a second, concurrent merge of the same guest cart wait, then find it gone.
    const [guest] = await tx
      .select({ id: carts.id })
      .from(carts)
      .where(and(eq(carts.id, guestCartId), isNull(carts.userId)))
      .for("update");
    if (!guest) return null;
    const userCartId = await getOrCreateUserCart(tx, userId);
    const guestLines = await tx
      .select({ productId: cartItems.productId, quantity: cartItems.quantity, addedAt: cartItems.addedAt })
      .from(cartItems)
      .where(eq(cartItems.cartId, guestCartId));
    if (guestLines.length > 0) {
      await tx
        .insert(cartItems)
        .values(guestLines.map((line) => ({ ...line, cartId: userCartId })))
        .onConflictDoUpdate({
          target: [cartItems.cartId, cartItems.productId],
          set: { quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX_CART_LINE_QUANTITY})` },
        });
    }
    await tx.delete(carts).where(eq(carts.id, guestCartId));
    await touchCart(tx, userCartId);
    return userCartId;
  });
}

function assertLineQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_CART_LINE_QUANTITY) {
    throw new RangeError(`A cart line's quantity must be a whole number from 1 to ${MAX_CART_LINE_QUANTITY}`);
  }
}

async function touchCart(db: Queryable, cartId: string): Promise<void> {
  await db
    .update(carts)
    .set({ updatedAt: sql`now()` })
    .where(eq(carts.id, cartId));
}
