import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderItems, orders, products, users } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { listOrdersForUser } from "./order-history";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe(`order history (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("lists only the user's own orders, newest first", async () => {
    const [asha, ravi] = await database.db
      .insert(users)
      .values([
        { email: "asha@example.in", passwordHash: "x" },
        { email: "ravi@example.in", passwordHash: "x" },
      ])
      .returning({ id: users.id });
    const order = (
      userId: string | null,
      totalAmount: number,
      createdAt: string,
      status: "pending" | "paid" = "paid",
    ) => ({
      userId,
      email: "buyer@example.in",
      mobile: "9876543210",
      totalAmount,
      status,
      accessTokenHash: "h",
      createdAt: new Date(createdAt),
    });
    const placed = await database.db
      .insert(orders)
      .values([
        order(asha!.id, 34900, "2026-11-01T10:00:00Z"),
        order(asha!.id, 99900, "2026-11-03T10:00:00Z", "pending"),
        order(ravi!.id, 12300, "2026-11-02T10:00:00Z"),
        order(null, 45600, "2026-11-02T11:00:00Z"),
      ])
      .returning({ id: orders.id });
    const [product] = await database.db
      .insert(products)
      .values({ slug: "history-tea", name: "History Tea", description: "d", price: 100, image: "/x.svg" })
      .returning({ id: products.id });
    await database.db.insert(orderItems).values([
      { orderId: placed[0]!.id, productId: product!.id, name: "Masala Chai", unitPrice: 100, quantity: 2 },
      { orderId: placed[0]!.id, productId: product!.id, name: "Assam Tea", unitPrice: 100, quantity: 1 },
      { orderId: placed[2]!.id, productId: product!.id, name: "Ravi's Tea", unitPrice: 100, quantity: 5 },
    ]);

    const history = await listOrdersForUser(database.db, asha!.id);
    expect(history.map((entry) => [entry.totalAmount, entry.status])).toEqual([
      [99900, "pending"],
      [34900, "paid"],
    ]);
    expect(history[0]?.createdAt).toBeInstanceOf(Date);
    // Each order with its own items only, by name.
    expect(history.map((entry) => entry.items)).toEqual([
      [],
      [
        { name: "Assam Tea", quantity: 1 },
        { name: "Masala Chai", quantity: 2 },
      ],
    ]);
    expect(await listOrdersForUser(database.db, "00000000-0000-4000-8000-000000000000")).toEqual([]);
  });
});
