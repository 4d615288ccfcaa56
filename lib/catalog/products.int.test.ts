import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { categories, products } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { parseCatalogQuery, type CatalogQuery } from "./catalog-query";
import {
  browseProducts,
  findActiveProductBySlug,
  listActiveProducts,
  listCategories,
  listRelatedProducts,
  type CatalogProduct,
} from "./products";
import { readStockLevels } from "./stock-levels";

const driver = testServerUrl() ? "postgres" : "pglite";

let database: TestDatabase;

/** Rows as PGlite ({ rows }) or postgres.js (an array) answer them. */
function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

const slugs = (list: CatalogProduct[]) => list.map((product) => product.slug);

function query(params: Record<string, string>): CatalogQuery {
  const parsed = parseCatalogQuery(params);
  if (!parsed) throw new Error(`not a listing: ${JSON.stringify(params)}`);
  return parsed;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const [tea, spices] = await database.db
    .insert(categories)
    .values([
      { slug: "tea", name: "Tea", description: "Leaves", position: 1 },
      { slug: "spices", name: "Spices", description: "Seeds and roots", position: 2 },
      { slug: "empty", name: "Empty Shelf", description: "Nothing yet", position: 3 },
    ])
    .returning({ id: categories.id });
  const day = (n: number) => new Date(Date.UTC(2026, 0, n));
  await database.db.insert(products).values([
    {
      slug: "tulsi-tea",
      name: "Tulsi Tea",
      summary: "Holy basil leaves.",
      description: "A caffeine-free infusion of dried tulsi.",
      price: 25000,
      image: "/products/tulsi-tea.svg",
      imageAlt: "A tin of tulsi",
      categoryId: tea!.id,
      featuredRank: 2,
      createdAt: day(3),
    },
    {
      slug: "nilgiri-tea",
      name: "Nilgiri Frost Tea",
      summary: "Winter leaf from the Blue Mountains.",
      description: "Brisk and fragrant; pairs with cardamom biscuits.",
      price: 45000,
      image: "/products/nilgiri-tea.svg",
      categoryId: tea!.id,
      featuredRank: 1,
      createdAt: day(1),
    },
    {
      slug: "ajwain",
      name: "Ajwain",
      summary: "Carom seeds.",
      description: "Sharp, thyme-like seeds for parathas and pakoras.",
      price: 9900,
      image: "/products/ajwain.svg",
      categoryId: spices!.id,
      createdAt: day(5),
    },
    {
      slug: "black-cardamom",
      name: "Black Cardamom",
      summary: "Smoky pods from Sikkim.",
      description: "Large, smoke-dried pods for garam masala and biryani.",
      price: 45000,
      image: "/products/black-cardamom.svg",
      categoryId: spices!.id,
      featuredRank: 3,
      createdAt: day(2),
    },
    {
      slug: "steel-tiffin",
      name: "Steel Tiffin",
      summary: "Three tiers.",
      description: "Stainless steel lunch box; carries dal, rice and sabzi, and keeps spices dry.",
      price: 120000,
      image: "/products/steel-tiffin.svg",
      createdAt: day(4),
    },
    {
      slug: "retired-kettle",
      name: "Retired Kettle",
      summary: "Gone.",
      description: "No longer sold; tea and cardamom.",
      price: 100,
      image: "/products/retired.svg",
      categoryId: tea!.id,
      featuredRank: 0,
      active: false,
    },
  ]);
});
afterAll(async () => {
  await database?.destroy();
});

describe(`catalog reads (${driver})`, () => {
  it("lists active products in the featured order (ranked first, then by name) as plain JSON values", async () => {
    const list = await listActiveProducts(database.db);
    expect(slugs(list)).toEqual(["nilgiri-tea", "tulsi-tea", "black-cardamom", "ajwain", "steel-tiffin"]);
    // What Next's data cache stores and returns must survive JSON unchanged.
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    expect(list[1]).toEqual({
      id: expect.any(String),
      slug: "tulsi-tea",
      name: "Tulsi Tea",
      summary: "Holy basil leaves.",
      description: "A caffeine-free infusion of dried tulsi.",
      price: 25000,
      image: "/products/tulsi-tea.svg",
      imageAlt: "A tin of tulsi",
      category: { slug: "tea", name: "Tea" },
    });
    expect(list.find((product) => product.slug === "steel-tiffin")?.category).toBeNull();
  });

  it("finds an active product by slug, and nothing for an inactive or unknown one", async () => {
    expect(await findActiveProductBySlug(database.db, "ajwain")).toMatchObject({
      name: "Ajwain",
      price: 9900,
      category: { slug: "spices", name: "Spices" },
    });
    expect(await findActiveProductBySlug(database.db, "retired-kettle")).toBeUndefined();
    expect(await findActiveProductBySlug(database.db, "no-such-thing")).toBeUndefined();
  });

  it("lists the categories in the shop's order with their active products counted", async () => {
    expect(await listCategories(database.db)).toEqual([
      { slug: "tea", name: "Tea", description: "Leaves", productCount: 2 },
      { slug: "spices", name: "Spices", description: "Seeds and roots", productCount: 2 },
      { slug: "empty", name: "Empty Shelf", description: "Nothing yet", productCount: 0 },
    ]);
  });
});

describe(`catalog listings: categories and sorts (${driver})`, () => {
  it("lists one category's active products, or none for a category with none", async () => {
    expect(slugs(await browseProducts(database.db, query({ category: "tea" })))).toEqual(["nilgiri-tea", "tulsi-tea"]);
    expect(slugs(await browseProducts(database.db, query({ category: "spices" })))).toEqual([
      "black-cardamom",
      "ajwain",
    ]);
    expect(await browseProducts(database.db, query({ category: "empty" }))).toEqual([]);
    expect(await browseProducts(database.db, query({ category: "no-such-category" }))).toEqual([]);
  });

  it("sorts by price both ways, by newest and by name, ties broken by name", async () => {
    expect(slugs(await browseProducts(database.db, query({ sort: "price-asc" })))).toEqual([
      "ajwain",
      "tulsi-tea",
      "black-cardamom",
      "nilgiri-tea",
      "steel-tiffin",
    ]);
    expect(slugs(await browseProducts(database.db, query({ sort: "price-desc" })))).toEqual([
      "steel-tiffin",
      "black-cardamom",
      "nilgiri-tea",
      "tulsi-tea",
      "ajwain",
    ]);
    expect(slugs(await browseProducts(database.db, query({ sort: "newest" })))).toEqual([
      "ajwain",
      "steel-tiffin",
      "tulsi-tea",
      "black-cardamom",
      "nilgiri-tea",
    ]);
    expect(slugs(await browseProducts(database.db, query({ sort: "name" })))).toEqual([
      "ajwain",
      "black-cardamom",
      "nilgiri-tea",
      "steel-tiffin",
      "tulsi-tea",
    ]);
    expect(slugs(await browseProducts(database.db, query({ category: "spices", sort: "price-desc" })))).toEqual([
      "black-cardamom",
      "ajwain",
    ]);
  });
});

describe(`catalog search (${driver})`, () => {
  const search = async (q: string, extra: Record<string, string> = {}) =>
    slugs(await browseProducts(database.db, query({ q, ...extra })));

  it("matches names, summaries and descriptions, stemmed and by the start of a word, never inactive products", async () => {
    expect(await search("tulsi")).toEqual(["tulsi-tea"]);
    expect(await search("basil")).toEqual(["tulsi-tea"]);
    expect(await search("parathas")).toEqual(["ajwain"]);
    expect(await search("paratha")).toEqual(["ajwain"]);
    expect(await search("AJW")).toEqual(["ajwain"]);
    expect(await search("tiffins")).toEqual(["steel-tiffin"]);
    expect(await search("kettle")).toEqual([]);
  });

  it("requires every word, and ranks a name match above a description match", async () => {
    // Black Cardamom has it in its name; Nilgiri Frost Tea only in its description.
    expect(await search("cardamom")).toEqual(["black-cardamom", "nilgiri-tea"]);
    expect(await search("cardamom biscuits")).toEqual(["nilgiri-tea"]);
    expect(await search("cardamom rocket")).toEqual([]);
  });

  it("matches a category's name, and searches within a category", async () => {
    // The category's products first (in the featured order), then a description that names it.
    expect(await search("spices")).toEqual(["black-cardamom", "ajwain", "steel-tiffin"]);
    expect(await search("cardamom", { category: "tea" })).toEqual(["nilgiri-tea"]);
    expect(await search("tiffin", { category: "tea" })).toEqual([]);
  });

  it("sorts search results as asked", async () => {
    expect(await search("tea", { sort: "price-asc" })).toEqual(["tulsi-tea", "nilgiri-tea"]);
    expect(await search("tea", { sort: "price-desc" })).toEqual(["nilgiri-tea", "tulsi-tea"]);
    expect(await search("tea", { sort: "newest" })).toEqual(["tulsi-tea", "nilgiri-tea"]);
  });

  it("takes what a shopper types literally: operators, quotes and stop words find nothing or the words in them", async () => {
    expect(await search("tulsi & | ! ( ) :* ' \\")).toEqual(["tulsi-tea"]);
    expect(await search("'; drop table products; --")).toEqual([]);
    expect(await search("the and of")).toEqual([]);
    expect(await search("!!!")).toEqual([]);
    expect(await search("चाय")).toEqual([]);
    expect(await listActiveProducts(database.db)).toHaveLength(5);
  });

  it("is served by the text-search index", async () => {
    // With sequential scans priced out, a search the index can serve is planned through it.
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<Record<string, string>>(
        await tx.execute(
          sql`explain select ${products.id} from ${products} where ${products.searchVector} @@ to_tsquery('english', 'tulsi:*')`,
        ),
      );
    });
    expect(plan.map((row) => Object.values(row)[0]).join("\n")).toContain("products_search_idx");
  });
});

describe(`related products (${driver})`, () => {
  const related = async (slug: string, limit = 4) => {
    const product = await findActiveProductBySlug(database.db, slug);
    return slugs(await listRelatedProducts(database.db, product!, limit));
  };

  it("shows the product's own category first, then the rest in the featured order, never itself or inactive ones", async () => {
    expect(await related("tulsi-tea")).toEqual(["nilgiri-tea", "black-cardamom", "ajwain", "steel-tiffin"]);
    expect(await related("ajwain")).toEqual(["black-cardamom", "nilgiri-tea", "tulsi-tea", "steel-tiffin"]);
    expect(await related("ajwain", 2)).toEqual(["black-cardamom", "nilgiri-tea"]);
  });

  it("falls back to the featured order for a product without a category", async () => {
    expect(await related("steel-tiffin")).toEqual(["nilgiri-tea", "tulsi-tea", "black-cardamom", "ajwain"]);
  });

  it("leaves out a product that stops being sold", async () => {
    await database.db.update(products).set({ active: false }).where(eq(products.slug, "nilgiri-tea"));
    try {
      expect(await related("tulsi-tea", 2)).toEqual(["black-cardamom", "ajwain"]);
    } finally {
      await database.db.update(products).set({ active: true }).where(eq(products.slug, "nilgiri-tea"));
    }
  });
});

describe(`the seeded catalog's search (${driver})`, () => {
  let seeded: TestDatabase;
  beforeAll(async () => {
    seeded = await createTestDatabase();
    await seedDatabase(seeded.db, { generatedAdmin: false, log: () => {} });
  });
  afterAll(async () => {
    await seeded?.destroy();
  });

  it("finds products by the names Indian shoppers use for them", async () => {
    const search = async (q: string) => slugs(await browseProducts(seeded.db, query({ q })));
    expect(await search("elaichi")).toEqual(["green-cardamom"]);
    expect(await search("kesar")).toEqual(["kashmiri-saffron"]);
    expect(await search("haldi")).toEqual(["lakadong-turmeric"]);
    expect(await search("agarbatti")).toEqual(["sandalwood-incense"]);
    expect(await search("kettles")).toEqual(["brass-chai-kettle"]);
    // The Spices category first, in the featured order; then teas whose descriptions name spices.
    expect((await search("spices")).slice(0, 3)).toEqual(["kashmiri-saffron", "green-cardamom", "lakadong-turmeric"]);
    expect((await search("chai"))[0]).toBe("masala-chai-blend");
  });
});

describe(`stock levels (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("reads every active product's level as it is now", async () => {
    await database.db.update(products).set({ stock: 7, active: true }).where(eq(products.slug, "ajwain"));
    const levels = await readStockLevels(database.db);
    expect(levels.size).toBe(5);
    expect(levels.get("ajwain")).toBe(7);
    expect(levels.get("tulsi-tea")).toBe(0);
    expect(levels.has("retired-kettle")).toBe(false);
  });
});
