import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/password";
import { CATALOG, CATEGORIES } from "./catalog";
import { adminPasswordFile, DEFAULT_ADMIN_EMAIL, seedDatabase } from "./seed";
import { categories, orders, products, users } from "./schema";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe(`migrations and seed (${process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("creates every table the design names", async () => {
    const result: unknown = await database.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    // PGlite answers { rows }, postgres.js an array of rows.
    const tables = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
      table_name: string;
    }>;
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        "cart_items",
        "carts",
        "categories",
        "order_items",
        "orders",
        "payment_attempts",
        "payment_events",
        "products",
        "refunds",
        "users",
      ]),
    );
  });

  it("seeds the catalog and an admin, and a second run changes nothing", async () => {
    const logs: string[] = [];
    const options = {
      admin: { email: "Boss@Example.com", password: "correct horse battery" },
      generatedAdmin: { passwordFile: path.join(tmpdir(), "never-written-admin-password") },
      log: (m: string) => logs.push(m),
    };
    await seedDatabase(database.db, options);
    const firstProducts = await database.db.select().from(products).orderBy(products.slug);
    const [firstAdmin] = await database.db.select().from(users).where(eq(users.email, "boss@example.com"));

    await seedDatabase(database.db, options);
    const secondProducts = await database.db.select().from(products).orderBy(products.slug);
    const [secondAdmin] = await database.db.select().from(users).where(eq(users.email, "boss@example.com"));

    expect(firstProducts).toHaveLength(CATALOG.length);
    expect(secondProducts).toEqual(firstProducts);
    expect(secondAdmin).toEqual(firstAdmin);
    expect(firstAdmin?.role).toBe("admin");
    expect(await verifyPassword("correct horse battery", firstAdmin!.passwordHash)).toBe(true);
    expect(logs).toHaveLength(1);
    expect(logs.join("\n")).not.toContain("correct horse battery");
    for (const product of firstProducts) {
      expect(Number.isInteger(product.price)).toBe(true);
      expect(product.image).toBe(`/products/${product.slug}.svg`);
      expect(product.stock).toBe(CATALOG.find((entry) => entry.slug === product.slug)?.stock);
      expect(product).toMatchObject({
        hsnCode: CATALOG.find((entry) => entry.slug === product.slug)?.hsnCode,
        gstRateBasisPoints: CATALOG.find((entry) => entry.slug === product.slug)?.gstRateBasisPoints,
      });
      expect(product.hsnCode).toMatch(/^(\d{4}|\d{6})$/);
      expect(product.stock).toBeGreaterThan(0);
      expect(product.categoryId).not.toBeNull();
      expect(product.summary).not.toBe("");
      expect(product.imageAlt).not.toBe("");
      expect(product.description.split("\n\n").length).toBeGreaterThanOrEqual(2);
    }
    const seededCategories = await database.db.select().from(categories).orderBy(categories.position);
    expect(seededCategories.map((category) => category.slug)).toEqual(CATEGORIES.map((category) => category.slug));
    // Every category holds products, and the featured ranks are the catalog's, each once.
    expect(new Set(firstProducts.map((product) => product.categoryId)).size).toBe(CATEGORIES.length);
    expect(firstProducts.map((product) => product.featuredRank).sort((a, b) => a! - b!)).toEqual(
      CATALOG.map((_, index) => index + 1),
    );
  });

  it("gives a shop seeded before categories existed its categories, summaries and descriptions, and leaves its prices, names and later edits alone", async () => {
    const earlier = await createTestDatabase();
    try {
      // What the earlier seed wrote: one-line descriptions, no category.
      await earlier.db.insert(products).values(
        CATALOG.map((entry) => ({
          slug: entry.slug,
          name: entry.name,
          description: entry.summary!,
          price: entry.price,
          image: `/products/${entry.slug}.svg`,
        })),
      );
      // Since then: the shop changed a price and a name, and stopped selling a product.
      await earlier.db
        .update(products)
        .set({ price: 55500, name: "Kesar" })
        .where(eq(products.slug, "kashmiri-saffron"));
      await earlier.db.update(products).set({ active: false }).where(eq(products.slug, "copper-water-bottle"));

      await seedDatabase(earlier.db, { generatedAdmin: false, log: () => {} });

      const rows = await earlier.db
        .select({ product: products, category: categories.slug })
        .from(products)
        .leftJoin(categories, eq(categories.id, products.categoryId));
      expect(rows).toHaveLength(CATALOG.length);
      for (const entry of CATALOG) {
        const row = rows.find((candidate) => candidate.product.slug === entry.slug)!;
        expect(row.category).toBe(entry.category);
        expect(row.product).toMatchObject({
          summary: entry.summary,
          description: entry.description,
          imageAlt: entry.imageAlt,
          featuredRank: entry.featuredRank,
          stock: entry.stock,
        });
      }
      const saffron = rows.find((row) => row.product.slug === "kashmiri-saffron")!.product;
      expect(saffron).toMatchObject({ price: 55500, name: "Kesar" });
      expect(rows.find((row) => row.product.slug === "copper-water-bottle")!.product.active).toBe(false);

      // Once a product has its category, the seed no longer touches it.
      await earlier.db
        .update(products)
        .set({ description: "Our own words." })
        .where(eq(products.slug, "green-cardamom"));
      await seedDatabase(earlier.db, { generatedAdmin: false, log: () => {} });
      const [cardamom] = await earlier.db.select().from(products).where(eq(products.slug, "green-cardamom"));
      expect(cardamom?.description).toBe("Our own words.");
    } finally {
      await earlier.destroy();
    }
  });

  it("gives products seeded before HSN codes existed the catalog's code and rate, and keeps a code set since", async () => {
    const bySlug = (slug: string) => eq(products.slug, slug);
    await database.db
      .update(products)
      .set({ hsnCode: null, gstRateBasisPoints: 1_800 })
      .where(bySlug("brass-chai-kettle"));
    await database.db
      .update(products)
      .set({ hsnCode: "74181022", gstRateBasisPoints: 1_800 })
      .where(bySlug("copper-water-bottle"));
    await seedDatabase(database.db, { generatedAdmin: false, log: () => {} });
    const [kettle] = await database.db.select().from(products).where(bySlug("brass-chai-kettle"));
    const [bottle] = await database.db.select().from(products).where(bySlug("copper-water-bottle"));
    expect(kettle).toMatchObject({ hsnCode: "7418", gstRateBasisPoints: 500 });
    expect(bottle).toMatchObject({ hsnCode: "74181022", gstRateBasisPoints: 1_800 });
  });

  it("never resets a stock level the shop has moved on from", async () => {
    await database.db.update(products).set({ stock: 3 }).where(eq(products.slug, "kashmiri-saffron"));
    await seedDatabase(database.db, { generatedAdmin: false, log: () => {} });
    const [saffron] = await database.db.select().from(products).where(eq(products.slug, "kashmiri-saffron"));
    expect(saffron?.stock).toBe(3);
  });

  it("generates a development admin once when none is configured, its password in a file only its owner reads", async () => {
    const fresh = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), "seed-data-"));
    const passwordFile = adminPasswordFile(path.join(dataDir, "nested"));
    try {
      const logs: string[] = [];
      const options = { generatedAdmin: { passwordFile }, log: (m: string) => logs.push(m) };
      await seedDatabase(fresh.db, options);
      const written = readFileSync(passwordFile, "utf8");
      await seedDatabase(fresh.db, options);
      const admins = await fresh.db.select().from(users).where(eq(users.role, "admin"));
      expect(admins.map((admin) => admin.email)).toEqual([DEFAULT_ADMIN_EMAIL]);
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(written).toContain(`email:    ${DEFAULT_ADMIN_EMAIL}`);
      const password = /^password: (\S+)$/m.exec(written)?.[1];
      expect(await verifyPassword(password!, admins[0]!.passwordHash)).toBe(true);
      // The second run changed nothing, and the log names the file, never the password.
      expect(readFileSync(passwordFile, "utf8")).toBe(written);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toContain(passwordFile);
      expect(logs[0]).not.toContain(password);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await fresh.destroy();
    }
  });

  it("enforces money and status invariants in the database itself", async () => {
    await expect(
      database.db
        .insert(products)
        .values({ slug: "free-lunch", name: "Free", description: "x", price: 0, image: "/x.svg" }),
    ).rejects.toThrow();
    await expect(
      database.db
        .insert(orders)
        .values({ email: "a@b.in", mobile: "9876543210", totalAmount: 100, status: "teleported" as never }),
    ).rejects.toThrow();
    await expect(
      database.db
        .insert(orders)
        .values({ email: "a@b.in", mobile: "9876543210", totalAmount: 100, refundedAmount: 101 }),
    ).rejects.toThrow();
    // Stock is never negative, whatever writes it.
    await expect(
      database.db.update(products).set({ stock: -1 }).where(eq(products.slug, "kashmiri-saffron")),
    ).rejects.toThrow();
    const [row] = await database.db.select({ value: count() }).from(orders);
    expect(row?.value).toBe(0);
  });
});
