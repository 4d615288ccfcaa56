import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { findActiveProductBySlug, listActiveProducts } from "./products";
import { readStockLevels } from "./stock-levels";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(products).values([
    { slug: "tulsi-tea", name: "Tulsi Tea", description: "Holy basil", price: 25000, image: "/products/tulsi-tea.svg" },
    { slug: "ajwain", name: "Ajwain", description: "Carom seeds", price: 9900, image: "/products/ajwain.svg" },
    {
      slug: "retired",
      name: "Retired Kettle",
      description: "Gone",
      price: 100,
      image: "/products/retired.svg",
      active: false,
    },
  ]);
});
afterAll(async () => {
  await database?.destroy();
});

describe(`catalog reads (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("lists active products by name as plain JSON values", async () => {
    const list = await listActiveProducts(database.db);
    expect(list.map((product) => product.slug)).toEqual(["ajwain", "tulsi-tea"]);
    // What Next's data cache stores and returns must survive JSON unchanged.
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    expect(Object.keys(list[0]!).sort()).toEqual(["description", "id", "image", "name", "price", "slug"]);
  });

  it("finds an active product by slug, and nothing for an inactive or unknown one", async () => {
    expect(await findActiveProductBySlug(database.db, "ajwain")).toMatchObject({ name: "Ajwain", price: 9900 });
    expect(await findActiveProductBySlug(database.db, "retired")).toBeUndefined();
    expect(await findActiveProductBySlug(database.db, "no-such-thing")).toBeUndefined();
    await database.db.update(products).set({ active: false }).where(eq(products.slug, "ajwain"));
    expect(await findActiveProductBySlug(database.db, "ajwain")).toBeUndefined();
  });
});

describe(`stock levels (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("reads every active product's level as it is now", async () => {
    await database.db.update(products).set({ stock: 7, active: true }).where(eq(products.slug, "ajwain"));
    const levels = await readStockLevels(database.db);
    expect(levels.size).toBe(2);
    expect(levels.get("ajwain")).toBe(7);
    expect(levels.has("retired")).toBe(false);
  });
});
