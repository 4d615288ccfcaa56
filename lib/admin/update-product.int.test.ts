import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cartItems, carts, categories, orderItems, orders, products, type Product } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { testAtomConfig, tokenIssuingGateway } from "@/lib/atom/testing/samples";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { addToCart, loadCart } from "@/lib/cart/cart";
import { findActiveProductBySlug, listActiveProducts } from "@/lib/catalog/products";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";
import { log } from "@/lib/log";
import { CheckoutError, startCheckout } from "@/lib/payments/start-checkout";
import { getProductForAdmin, listProductsForAdmin, parseProductListFilters } from "./list-products";
import type { UpdateProductInput } from "./product-input";
import { createUser } from "./testing/fixtures";
import { ProductChangeError, updateProduct } from "./update-product";

let database: TestDatabase;
let admin: SessionUser;
let customer: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
  customer = await createUser(database.db, "customer");
});
afterAll(async () => {
  await database?.destroy();
});

async function product(values: Partial<typeof products.$inferInsert> = {}): Promise<Product> {
  const tag = randomUUID().slice(0, 8);
  const [row] = await database.db
    .insert(products)
    .values({
      slug: `edited-${tag}`,
      name: `Edited ${tag}`,
      summary: "One line.",
      description: "First.\n\nSecond.",
      price: 10_000,
      image: "/x.svg",
      stock: 10,
      ...values,
    })
    .returning();
  return row!;
}

async function reread(id: string): Promise<Product> {
  const [row] = await database.db.select().from(products).where(eq(products.id, id));
  return row!;
}

/** The edit form as the admin's page shows it, with `changes` typed in. */
async function editOf(id: string, changes: Partial<UpdateProductInput> = {}): Promise<UpdateProductInput> {
  const shown = (await getProductForAdmin(database.db, admin, id))!;
  return {
    productId: id,
    name: shown.name,
    summary: shown.summary,
    description: shown.description,
    pricePaise: shown.price,
    stock: shown.stock,
    gstRateBasisPoints: shown.gstRateBasisPoints,
    hsnCode: shown.hsnCode,
    active: shown.active,
    expectedStock: shown.stock,
    expectedPrice: shown.price,
    version: shown.version,
    ...changes,
  };
}

const gateway = tokenIssuingGateway();

/** A cart holding `quantity` of the product, checked out: the new order's id. */
async function checkout(cartId: string): Promise<string> {
  const started = await startCheckout(
    { db: database.db, gateway, atom: testAtomConfig(), appUrl: "http://shop.test" },
    { cartId, userId: null, contact: { email: "a@example.in", mobile: "9876543210" }, delivery: TEST_DELIVERY },
  );
  return started.orderId;
}

async function cartWith(slug: string, quantity: number): Promise<string> {
  const [cart] = await database.db.insert(carts).values({}).returning();
  expect(await addToCart(database.db, cart!.id, slug, quantity)).toEqual({ ok: true });
  return cart!.id;
}

describe(`the admin's product edit (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("saves every field, logs who changed what, and the list shows it", async () => {
    const [category] = await database.db
      .insert(categories)
      .values({ slug: `towels-${randomUUID().slice(0, 8)}`, name: "Towels", description: "x" })
      .returning();
    const towel = await product({ categoryId: category!.id, hsnCode: "6302" });
    const logged = vi.spyOn(log, "info");
    const edit = await updateProduct(
      database.db,
      admin,
      await editOf(towel.id, {
        name: "Handloom Towel",
        summary: "Soft cotton.",
        description: "Woven by hand.\n\nWash cold.",
        pricePaise: 12_550,
        stock: 3,
        gstRateBasisPoints: 1800,
        hsnCode: "63026000",
        active: false,
      }),
    );
    expect(edit).toEqual({
      name: "Handloom Towel",
      slug: towel.slug,
      changed: ["name", "summary", "description", "price", "stock", "gstRateBasisPoints", "hsnCode", "active"],
    });
    expect(await reread(towel.id)).toMatchObject({
      name: "Handloom Towel",
      summary: "Soft cotton.",
      description: "Woven by hand.\n\nWash cold.",
      price: 12_550,
      stock: 3,
      gstRateBasisPoints: 1800,
      hsnCode: "63026000",
      active: false,
      slug: towel.slug,
    });
    expect(logged).toHaveBeenCalledWith(
      {
        productId: towel.id,
        adminId: admin.id,
        changed: {
          name: { from: towel.name, to: "Handloom Towel" },
          summary: "edited",
          description: "edited",
          price: { from: 10_000, to: 12_550 },
          stock: { from: 10, to: 3 },
          gstRateBasisPoints: { from: 500, to: 1800 },
          hsnCode: { from: "6302", to: "63026000" },
          active: { from: true, to: false },
        },
      },
      "Product edited",
    );
    logged.mockRestore();

    const list = (params: Record<string, string>) =>
      listProductsForAdmin(database.db, admin, parseProductListFilters(params)).then((page) =>
        page.rows.map((row) => row.id),
      );
    expect(await list({ q: "handloom TOWEL" })).toContain(towel.id);
    expect(await list({ q: "handloom", category: category!.slug, status: "inactive", low: "1" })).toEqual([towel.id]);
    expect(await list({ q: "handloom", status: "active" })).not.toContain(towel.id);
    expect(await list({ category: "no-such-category" })).toEqual([]);
    const [row] = (await listProductsForAdmin(database.db, admin, parseProductListFilters({ q: "Handloom Towel" })))
      .rows;
    expect(row).toMatchObject({ categoryName: "Towels", price: 12_550, stock: 3, active: false, hsnCode: "63026000" });
  });

  it("says so when nothing changed, and writes nothing", async () => {
    const tea = await product();
    expect(await updateProduct(database.db, admin, await editOf(tea.id))).toMatchObject({ changed: [] });
    expect(await reread(tea.id)).toEqual(tea);
  });

  it("leaves the stock level alone when the admin did not change it: what an order took since stays taken", async () => {
    const tea = await product({ stock: 10 });
    const shown = await editOf(tea.id, { pricePaise: 11_000 });
    // An order takes two units while the admin edits the price.
    await database.db.update(products).set({ stock: 8 }).where(eq(products.id, tea.id));
    expect(await updateProduct(database.db, admin, shown)).toMatchObject({ changed: ["price"] });
    expect(await reread(tea.id)).toMatchObject({ price: 11_000, stock: 8 });
  });

  it("refuses a stock level an order moved since the page was shown, with the new level, and saves nothing", async () => {
    const tea = await product({ stock: 10 });
    const shown = await editOf(tea.id, { stock: 25, pricePaise: 11_000, name: "Renamed" });
    await database.db.update(products).set({ stock: 8 }).where(eq(products.id, tea.id));
    const refused = await updateProduct(database.db, admin, shown).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProductChangeError);
    expect(refused).toMatchObject({
      code: "stock_changed",
      field: "stock",
      message: `${tea.name} changed to 8 in stock while you were editing (orders took or gave back units). Nothing was saved: check it and save again.`,
    });
    expect(await reread(tea.id)).toEqual({ ...tea, stock: 8 });
    // Saved again against the level it names, it applies.
    expect(await updateProduct(database.db, admin, { ...shown, expectedStock: 8 })).toMatchObject({
      changed: ["name", "price", "stock"],
    });
    expect(await reread(tea.id)).toMatchObject({ stock: 25, price: 11_000, name: "Renamed" });
  });

  it("refuses an edit when another admin changed the price meanwhile, naming it, and saves nothing", async () => {
    const tea = await product();
    const mine = await editOf(tea.id, { description: "Mine." });
    const theirs = await editOf(tea.id, { pricePaise: 9_900 });
    await updateProduct(database.db, admin, theirs);
    await expect(updateProduct(database.db, admin, mine)).rejects.toMatchObject({
      code: "price_changed",
      field: "price",
      message: `The price of ${tea.name} was changed to ₹99.00 while you were editing. Nothing was saved: check it and save again.`,
    });
    expect(await reread(tea.id)).toEqual({ ...tea, price: 9_900 });
  });

  it("refuses an edit when another admin saved anything else meanwhile, and saves nothing", async () => {
    const tea = await product();
    const mine = await editOf(tea.id, { pricePaise: 12_000 });
    await updateProduct(database.db, admin, await editOf(tea.id, { summary: "Their line." }));
    const theirs = await reread(tea.id);
    expect(theirs.summary).toBe("Their line.");
    await expect(updateProduct(database.db, admin, mine)).rejects.toMatchObject({ code: "product_changed" });
    expect(await reread(tea.id)).toEqual(theirs);
  });

  it("refuses what is not a price, a slab, an HSN code or a level, with what is wrong, and saves nothing", async () => {
    const tea = await product();
    const refusals: [Partial<UpdateProductInput>, string][] = [
      [{ pricePaise: 0 }, "Enter a price above ₹0.00."],
      [{ pricePaise: -100 }, "Enter a price above ₹0.00."],
      [{ pricePaise: 20_000_001 }, "The price can be at most ₹2,00,000.00."],
      [{ pricePaise: 10.5 }, "The price must be in whole paise."],
      [{ gstRateBasisPoints: 1200 }, "Choose one of the GST slabs: 0, 5, 18 or 40 %."],
      [{ hsnCode: "12345" }, "An HSN code is 4, 6 or 8 digits (or leave it empty)."],
      [{ stock: -1 }, "Stock cannot be below 0."],
      [{ name: "  " }, "Give the product a name."],
      [{ description: "" }, "Describe the product (paragraphs separated by a blank line)."],
      [{ version: "" }, "The form is out of date: reload the page."],
    ];
    for (const [changes, message] of refusals)
      await expect(updateProduct(database.db, admin, await editOf(tea.id, changes))).rejects.toThrow(message);
    expect(await reread(tea.id)).toEqual(tea);
    await expect(
      updateProduct(database.db, admin, { ...(await editOf(tea.id)), productId: randomUUID() }),
    ).rejects.toMatchObject({ code: "product_not_found" });
  });

  it("refuses anyone but an admin, and changes nothing", async () => {
    const tea = await product();
    const edit = await editOf(tea.id, { pricePaise: 1_00 });
    await expect(updateProduct(database.db, customer, edit)).rejects.toThrow(AuthorizationError);
    await expect(updateProduct(database.db, null, edit)).rejects.toThrow(AuthorizationError);
    await expect(listProductsForAdmin(database.db, customer, parseProductListFilters({}))).rejects.toThrow(
      AuthorizationError,
    );
    await expect(getProductForAdmin(database.db, null, tea.id)).rejects.toThrow(AuthorizationError);
    expect(await reread(tea.id)).toEqual(tea);
  });

  it("changes the price for carts and new orders only: a placed order keeps its lines and totals", async () => {
    const tea = await product({ price: 10_000, gstRateBasisPoints: 500, hsnCode: "0902", stock: 20 });
    const firstCart = await cartWith(tea.slug, 2);
    const placed = await checkout(firstCart);
    const linesOf = (orderId: string) =>
      database.db
        .select({
          name: orderItems.name,
          unitPrice: orderItems.unitPrice,
          quantity: orderItems.quantity,
          gst: orderItems.gstRateBasisPoints,
          hsn: orderItems.hsnCode,
        })
        .from(orderItems)
        .where(eq(orderItems.orderId, orderId))
        .orderBy(asc(orderItems.id));
    const totalOf = async (orderId: string) =>
      (await database.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.totalAmount;
    const before = { lines: await linesOf(placed), total: await totalOf(placed) };
    expect(before).toEqual({
      lines: [{ name: tea.name, unitPrice: 10_000, quantity: 2, gst: 500, hsn: "0902" }],
      total: 20_000,
    });

    await updateProduct(
      database.db,
      admin,
      await editOf(tea.id, { pricePaise: 15_000, name: "Dearer Tea", gstRateBasisPoints: 1800, hsnCode: "090230" }),
    );

    expect({ lines: await linesOf(placed), total: await totalOf(placed) }).toEqual(before);
    // A cart holds quantities, never amounts: its line shows the new price at once.
    const newCart = await cartWith(tea.slug, 2);
    expect((await loadCart(database.db, newCart)).lines[0]).toMatchObject({
      name: "Dearer Tea",
      unitPrice: 15_000,
      lineTotal: 30_000,
    });
    const next = await checkout(newCart);
    expect({ lines: await linesOf(next), total: await totalOf(next) }).toEqual({
      lines: [{ name: "Dearer Tea", unitPrice: 15_000, quantity: 2, gst: 1800, hsn: "090230" }],
      total: 30_000,
    });
    // The first cart, paid again, is not served its old pending order at the old price: a new order at the new one.
    expect((await loadCart(database.db, firstCart)).subtotal).toBe(30_000);
    const again = await checkout(firstCart);
    expect(again).not.toBe(placed);
    expect(await totalOf(again)).toBe(30_000);
    expect(await totalOf(placed)).toBe(20_000);
  });

  it("takes a product it withdraws out of the catalog and carts' reach, leaving placed orders alone", async () => {
    const tea = await product({ stock: 20 });
    const cart = await cartWith(tea.slug, 1);
    const placed = await checkout(cart);
    const inCart = await cartWith(tea.slug, 1);

    await updateProduct(database.db, admin, await editOf(tea.id, { active: false }));

    expect((await listActiveProducts(database.db)).map((row) => row.id)).not.toContain(tea.id);
    expect(await findActiveProductBySlug(database.db, tea.slug)).toBeUndefined();
    const [another] = await database.db.insert(carts).values({}).returning();
    expect(await addToCart(database.db, another!.id, tea.slug, 1)).toEqual({
      ok: false,
      reason: "product-unavailable",
    });
    // A cart that had it shows the line as unavailable, charges nothing for it and cannot check out.
    const view = await loadCart(database.db, inCart);
    expect(view.lines[0]).toMatchObject({ productId: tea.id, active: false });
    expect(view.subtotal).toBe(0);
    await expect(checkout(inCart)).rejects.toMatchObject({ code: "product_unavailable" });
    await expect(checkout(inCart)).rejects.toBeInstanceOf(CheckoutError);
    const [order] = await database.db.select().from(orders).where(eq(orders.id, placed));
    expect(order).toMatchObject({ status: "pending", totalAmount: 10_000 });
    expect(await database.db.select().from(cartItems).where(eq(cartItems.cartId, inCart))).toHaveLength(1);
  });
});
