import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cartItems, carts, orderItems, orders, products, users } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import {
  addToCart,
  clearCart,
  createGuestCart,
  findGuestCartId,
  findUserCartId,
  getOrCreateUserCart,
  loadCart,
  mergeGuestCartIntoUserCart,
  removeCartLine,
  setCartLineQuantity,
} from "./cart";

let database: TestDatabase;
let tea: string;
let saffron: string;
let kettle: string;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const rows = await database.db
    .insert(products)
    .values([
      { slug: "tea", name: "Tea", description: "Leaf", price: 34900, image: "/products/tea.svg" },
      { slug: "saffron", name: "Saffron", description: "Threads", price: 49999, image: "/products/saffron.svg" },
      { slug: "kettle", name: "Kettle", description: "Brass", price: 249900, image: "/products/kettle.svg" },
    ])
    .returning({ id: products.id, slug: products.slug });
  const id = (slug: string) => rows.find((row) => row.slug === slug)!.id;
  [tea, saffron, kettle] = [id("tea"), id("saffron"), id("kettle")];
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(async () => {
  await database.db.delete(carts);
  await database.db.delete(users);
  await database.db.update(products).set({ active: true, stock: 500 });
  await database.db.update(products).set({ stock: 5 }).where(eq(products.id, kettle));
  const [user] = await database.db
    .insert(users)
    .values({ email: "shopper@example.in", passwordHash: "x" })
    .returning({ id: users.id });
  userId = user!.id;
});

describe(`cart rules (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("adds products, prices them from the catalog and totals the subtotal in paise", async () => {
    const cartId = await createGuestCart(database.db);
    expect(await addToCart(database.db, cartId, "tea", 2)).toEqual({ ok: true });
    expect(await addToCart(database.db, cartId, "saffron", 1)).toEqual({ ok: true });

    const cart = await loadCart(database.db, cartId);
    expect(cart.cartId).toBe(cartId);
    expect(cart.lines.map((line) => [line.slug, line.quantity, line.unitPrice, line.lineTotal])).toEqual([
      ["tea", 2, 34900, 69800],
      ["saffron", 1, 49999, 49999],
    ]);
    expect(cart.itemCount).toBe(3);
    expect(cart.subtotal).toBe(119799);
  });

  it("adding a product again grows its line, never beyond 99", async () => {
    const cartId = await createGuestCart(database.db);
    await addToCart(database.db, cartId, "tea", 60);
    await addToCart(database.db, cartId, "tea", 30);
    expect((await loadCart(database.db, cartId)).lines[0]?.quantity).toBe(90);
    await addToCart(database.db, cartId, "tea", 50);
    const cart = await loadCart(database.db, cartId);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]?.quantity).toBe(99);
  });

  it("accepts quantities from 1 to 99 only", async () => {
    const cartId = await createGuestCart(database.db);
    for (const bad of [0, -1, 100, 1.5, Number.NaN]) {
      await expect(addToCart(database.db, cartId, "tea", bad)).rejects.toThrow(RangeError);
    }
    await addToCart(database.db, cartId, "tea", 1);
    await expect(setCartLineQuantity(database.db, cartId, tea, 100)).rejects.toThrow(RangeError);
    await expect(setCartLineQuantity(database.db, cartId, tea, 0)).rejects.toThrow(RangeError);
    expect(await setCartLineQuantity(database.db, cartId, tea, 99)).toEqual({ ok: true });
    expect((await loadCart(database.db, cartId)).itemCount).toBe(99);
    // The database holds the same bound, whoever writes.
    await expect(
      database.db.update(cartItems).set({ quantity: 100 }).where(eq(cartItems.cartId, cartId)),
    ).rejects.toThrow();
  });

  it("changes a line's quantity and removes lines", async () => {
    const cartId = await createGuestCart(database.db);
    await addToCart(database.db, cartId, "tea", 1);
    await addToCart(database.db, cartId, "kettle", 1);
    expect(await setCartLineQuantity(database.db, cartId, tea, 5)).toEqual({ ok: true });
    expect(await setCartLineQuantity(database.db, cartId, saffron, 5)).toEqual({ ok: false, reason: "line-not-found" });
    await removeCartLine(database.db, cartId, kettle);
    await removeCartLine(database.db, cartId, kettle); // already gone: no error
    const cart = await loadCart(database.db, cartId);
    expect(cart.lines.map((line) => [line.slug, line.quantity])).toEqual([["tea", 5]]);
    expect(cart.subtotal).toBe(5 * 34900);
  });

  it("refuses to add more than is left, saying how many, and keeps the cart as it was", async () => {
    const cartId = await createGuestCart(database.db);
    expect(await addToCart(database.db, cartId, "kettle", 3)).toEqual({ ok: true });
    expect(await addToCart(database.db, cartId, "kettle", 3)).toEqual({
      ok: false,
      reason: "not-enough-stock",
      message: "Only 5 of Kettle are left, and your cart already has 3.",
    });
    expect(await addToCart(database.db, cartId, "kettle", 2)).toEqual({ ok: true });
    await database.db.update(products).set({ stock: 0 }).where(eq(products.id, tea));
    expect(await addToCart(database.db, cartId, "tea", 1)).toEqual({
      ok: false,
      reason: "not-enough-stock",
      message: "Sorry, Tea is out of stock.",
    });
    const cart = await loadCart(database.db, cartId);
    expect(cart.lines.map((line) => [line.slug, line.quantity, line.stock])).toEqual([["kettle", 5, 5]]);
  });

  it("raising a line above what is left is refused; lowering it is always allowed", async () => {
    const cartId = await createGuestCart(database.db);
    await addToCart(database.db, cartId, "kettle", 4);
    expect(await setCartLineQuantity(database.db, cartId, kettle, 6)).toEqual({
      ok: false,
      reason: "not-enough-stock",
      message: "Only 5 of Kettle are left.",
    });
    // The stock fell below the line since it was added: the cart shows it, and the shopper can lower it.
    await database.db.update(products).set({ stock: 1 }).where(eq(products.id, kettle));
    expect((await loadCart(database.db, cartId)).lines[0]).toMatchObject({ quantity: 4, stock: 1 });
    expect(await setCartLineQuantity(database.db, cartId, kettle, 2)).toEqual({ ok: true });
    expect((await loadCart(database.db, cartId)).lines[0]?.quantity).toBe(2);
  });

  it("counts what the cart's own unpaid order holds as its own, and nobody else's", async () => {
    const cartId = await createGuestCart(database.db);
    await addToCart(database.db, cartId, "kettle", 2);
    // Paying reserved both (the order reuses them if paid again), and the shelf is empty now.
    const [order] = await database.db
      .insert(orders)
      .values({ email: "a@example.in", mobile: "9876543210", totalAmount: 2 * 249900, cartId })
      .returning();
    await database.db.insert(orderItems).values({
      orderId: order!.id,
      productId: kettle,
      name: "Kettle",
      unitPrice: 249900,
      quantity: 2,
      heldQuantity: 2,
    });
    await database.db.update(products).set({ stock: 0 }).where(eq(products.id, kettle));
    expect((await loadCart(database.db, cartId)).lines[0]).toMatchObject({ quantity: 2, stock: 2 });
    expect(await addToCart(database.db, cartId, "kettle", 1)).toMatchObject({
      ok: false,
      message: "Only 2 of Kettle are left, and your cart already has 2.",
    });
    const other = await createGuestCart(database.db);
    expect(await addToCart(database.db, other, "kettle", 1)).toMatchObject({
      ok: false,
      message: "Sorry, Kettle is out of stock.",
    });
    // A cancelled order holds nothing for anyone.
    await database.db.update(orders).set({ status: "cancelled" }).where(eq(orders.id, order!.id));
    expect((await loadCart(database.db, cartId)).lines[0]?.stock).toBe(0);
  });

  it("refuses to add an inactive or unknown product", async () => {
    const cartId = await createGuestCart(database.db);
    await database.db.update(products).set({ active: false }).where(eq(products.id, kettle));
    expect(await addToCart(database.db, cartId, "kettle", 1)).toEqual({ ok: false, reason: "product-unavailable" });
    expect(await addToCart(database.db, cartId, "no-such-product", 1)).toEqual({
      ok: false,
      reason: "product-unavailable",
    });
    expect((await loadCart(database.db, cartId)).lines).toEqual([]);
  });

  it("shows a product withdrawn after it was added as unavailable and leaves it out of the totals", async () => {
    const cartId = await createGuestCart(database.db);
    await addToCart(database.db, cartId, "tea", 2);
    await addToCart(database.db, cartId, "kettle", 1);
    await database.db.update(products).set({ active: false }).where(eq(products.id, kettle));
    const cart = await loadCart(database.db, cartId);
    expect(cart.lines.map((line) => [line.slug, line.active])).toEqual([
      ["tea", true],
      ["kettle", false],
    ]);
    expect(cart.itemCount).toBe(2);
    expect(cart.subtotal).toBe(69800);
  });

  it("clears a cart but keeps it", async () => {
    const cartId = await createGuestCart(database.db);
    await addToCart(database.db, cartId, "tea", 2);
    await clearCart(database.db, cartId);
    expect(await loadCart(database.db, cartId)).toEqual({ cartId, lines: [], itemCount: 0, subtotal: 0 });
    expect(await findGuestCartId(database.db, cartId)).toBe(cartId);
  });

  it("never finds a user's cart through the guest lookup", async () => {
    const userCartId = await getOrCreateUserCart(database.db, userId);
    expect(await getOrCreateUserCart(database.db, userId)).toBe(userCartId);
    expect(await findUserCartId(database.db, userId)).toBe(userCartId);
    expect(await findGuestCartId(database.db, userCartId)).toBeNull();
    expect(await findGuestCartId(database.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("two racing requests create one cart for a user", async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => getOrCreateUserCart(database.db, userId)));
    expect(new Set(ids).size).toBe(1);
    expect(await database.db.select().from(carts).where(eq(carts.userId, userId))).toHaveLength(1);
  });
});

describe(`merging a guest cart on sign-in (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("adds the guest's quantities to the user's cart, capped at 99, then deletes the guest cart", async () => {
    const userCartId = await getOrCreateUserCart(database.db, userId);
    await addToCart(database.db, userCartId, "tea", 2);
    await addToCart(database.db, userCartId, "saffron", 90);
    const guestCartId = await createGuestCart(database.db);
    await addToCart(database.db, guestCartId, "tea", 3);
    await addToCart(database.db, guestCartId, "saffron", 20);
    await addToCart(database.db, guestCartId, "kettle", 1);

    expect(await mergeGuestCartIntoUserCart(database.db, guestCartId, userId)).toBe(userCartId);

    const cart = await loadCart(database.db, userCartId);
    expect(Object.fromEntries(cart.lines.map((line) => [line.slug, line.quantity]))).toEqual({
      tea: 5,
      saffron: 99,
      kettle: 1,
    });
    expect(await database.db.select().from(carts).where(eq(carts.id, guestCartId))).toEqual([]);
    expect(await database.db.select().from(cartItems).where(eq(cartItems.cartId, guestCartId))).toEqual([]);
  });

  it("creates the user's cart when they had none", async () => {
    const guestCartId = await createGuestCart(database.db);
    await addToCart(database.db, guestCartId, "kettle", 2);
    const userCartId = await mergeGuestCartIntoUserCart(database.db, guestCartId, userId);
    expect(userCartId).not.toBeNull();
    expect(userCartId).not.toBe(guestCartId);
    expect(await findUserCartId(database.db, userId)).toBe(userCartId);
    expect((await loadCart(database.db, userCartId!)).itemCount).toBe(2);
  });

  it("keeps withdrawn products' lines (shown as unavailable) rather than losing them silently", async () => {
    const guestCartId = await createGuestCart(database.db);
    await addToCart(database.db, guestCartId, "kettle", 1);
    await database.db.update(products).set({ active: false }).where(eq(products.id, kettle));
    const userCartId = await mergeGuestCartIntoUserCart(database.db, guestCartId, userId);
    const cart = await loadCart(database.db, userCartId!);
    expect(cart.lines.map((line) => [line.slug, line.active])).toEqual([["kettle", false]]);
    expect(cart.subtotal).toBe(0);
  });

  it("merges an empty guest cart, and a missing one, as no-ops", async () => {
    const guestCartId = await createGuestCart(database.db);
    const userCartId = await mergeGuestCartIntoUserCart(database.db, guestCartId, userId);
    expect((await loadCart(database.db, userCartId!)).lines).toEqual([]);
    expect(await mergeGuestCartIntoUserCart(database.db, guestCartId, userId)).toBeNull();
  });

  it("never merges another user's cart", async () => {
    const [other] = await database.db
      .insert(users)
      .values({ email: "other@example.in", passwordHash: "x" })
      .returning({ id: users.id });
    const otherCartId = await getOrCreateUserCart(database.db, other!.id);
    await addToCart(database.db, otherCartId, "tea", 4);
    expect(await mergeGuestCartIntoUserCart(database.db, otherCartId, userId)).toBeNull();
    expect((await loadCart(database.db, otherCartId)).itemCount).toBe(4);
  });

  it("counts a guest cart once when two sign-ins merge it at the same time", async () => {
    const guestCartId = await createGuestCart(database.db);
    await addToCart(database.db, guestCartId, "tea", 3);
    const results = await Promise.all([
      mergeGuestCartIntoUserCart(database.db, guestCartId, userId),
      mergeGuestCartIntoUserCart(database.db, guestCartId, userId),
    ]);
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    const userCartId = await findUserCartId(database.db, userId);
    expect((await loadCart(database.db, userCartId!)).itemCount).toBe(3);
  });
});
