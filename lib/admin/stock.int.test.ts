import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cartItems, carts, products } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { testAtomConfig, tokenIssuingGateway } from "@/lib/atom/testing/samples";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { startCheckout } from "@/lib/payments/start-checkout";
import { listStockForAdmin, setProductStock, StockChangeError } from "./stock";
import { createUser } from "./testing/fixtures";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";

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

async function product(stock: number) {
  const name = `Stocked ${randomUUID().slice(0, 8)}`;
  const [row] = await database.db
    .insert(products)
    .values({ slug: `stocked-${randomUUID()}`, name, description: "x", price: 10_000, image: "/x.svg", stock })
    .returning();
  return row!;
}

const gateway = tokenIssuingGateway();

describe(`the admin's stock levels (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("lists each product's level and what unpaid orders hold", async () => {
    const tea = await product(6);
    const [cart] = await database.db.insert(carts).values({}).returning();
    await database.db.insert(cartItems).values({ cartId: cart!.id, productId: tea.id, quantity: 2 });
    await startCheckout(
      { db: database.db, gateway, atom: testAtomConfig(), appUrl: "http://shop.test" },
      {
        cartId: cart!.id,
        userId: null,
        contact: { email: "a@example.in", mobile: "9876543210" },
        delivery: TEST_DELIVERY,
      },
    );
    const row = (await listStockForAdmin(database.db, admin)).find((entry) => entry.id === tea.id);
    expect(row).toMatchObject({ name: tea.name, stock: 4, heldByUnpaid: 2, active: true });
  });

  it("sets a level from the one the admin saw, and tells them when an order moved it meanwhile", async () => {
    const tea = await product(5);
    expect(await setProductStock(database.db, admin, { productId: tea.id, stock: "12", expected: "5" })).toEqual({
      name: tea.name,
      stock: 12,
    });
    const stale = await setProductStock(database.db, admin, { productId: tea.id, stock: 20, expected: 5 }).catch(
      (error: unknown) => error,
    );
    expect(stale).toBeInstanceOf(StockChangeError);
    expect(stale).toMatchObject({
      code: "stock_changed",
      field: "stock",
      message: `${tea.name} changed to 12 while you were editing (orders took or gave back units). Check it and save again.`,
    });
    const [row] = await database.db.select().from(products).where(eq(products.id, tea.id));
    expect(row!.stock).toBe(12);
  });

  it("refuses what is not a level, and anyone but an admin", async () => {
    const tea = await product(5);
    await expect(setProductStock(database.db, admin, { productId: tea.id, stock: -1, expected: 5 })).rejects.toThrow(
      "Stock cannot be below 0.",
    );
    await expect(setProductStock(database.db, admin, { productId: tea.id, stock: 1.5, expected: 5 })).rejects.toThrow(
      "Enter a whole number of units.",
    );
    await expect(setProductStock(database.db, customer, { productId: tea.id, stock: 9, expected: 5 })).rejects.toThrow(
      AuthorizationError,
    );
    await expect(setProductStock(database.db, null, { productId: tea.id, stock: 9, expected: 5 })).rejects.toThrow(
      AuthorizationError,
    );
    await expect(listStockForAdmin(database.db, customer)).rejects.toThrow(AuthorizationError);
    const [row] = await database.db.select().from(products).where(eq(products.id, tea.id));
    expect(row!.stock).toBe(5);
  });
});
