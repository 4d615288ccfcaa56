import { expect, test, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { screenshot } from "./support/purchase";

// Browsing the catalog: categories, search and sort, all in the URL, at desktop and phone sizes,
// with and without JavaScript.

const PHONE = { width: 390, height: 844 };

const cards = (page: Page) => page.getByTestId("product-card");
const categories = (page: Page) => page.getByRole("navigation", { name: "Categories" });
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search products" });

async function productNames(page: Page): Promise<string[]> {
  return cards(page).getByRole("heading").allInnerTexts();
}

async function prices(page: Page): Promise<number[]> {
  const texts = await cards(page).getByTestId("product-price").allInnerTexts();
  return texts.map((text) => Number(text.replace(/[₹,]/g, "")));
}

async function sortBy(page: Page, label: string) {
  await page.getByLabel("Sort by").selectOption({ label });
  await page.getByRole("button", { name: "Sort", exact: true }).click();
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const size of ["desktop", "phone"] as const) {
  test.describe(`browsing the catalog (${size})`, () => {
    if (size === "phone") test.use({ viewport: PHONE });

    test("a category lists its products, and sorts by price both ways", async ({ page }, testInfo) => {
      await page.goto("/");
      await expect(cards(page)).toHaveCount(12);
      await expect(categories(page).getByRole("link", { name: "All products" })).toHaveAttribute(
        "aria-current",
        "page",
      );
      await screenshot(page, testInfo, `catalog, ${size}`);

      await categories(page).getByRole("link", { name: "Spices" }).click();
      await expect(page).toHaveURL(/\/\?category=spices$/);
      await expect(page.getByRole("heading", { level: 1, name: "Spices" })).toBeVisible();
      await expect(page).toHaveTitle(/^Spices · Lotus Bazaar$/);
      await expect(categories(page).getByRole("link", { name: "Spices" })).toHaveAttribute("aria-current", "page");
      await expect(cards(page)).toHaveCount(3);
      expect((await productNames(page)).sort()).toEqual(["Green Cardamom", "Kashmiri Saffron", "Lakadong Turmeric"]);
      await expect(page.getByTestId("result-count")).toHaveText("3 products");
      await expectNoViolations(page, `category page, ${size}`);

      await sortBy(page, "Price: low to high");
      await expect(page).toHaveURL(/\/\?category=spices&sort=price-asc$/);
      await expect.poll(() => productNames(page)).toEqual(["Lakadong Turmeric", "Green Cardamom", "Kashmiri Saffron"]);
      await expect(page.getByLabel("Sort by")).toHaveValue("price-asc");

      await sortBy(page, "Price: high to low");
      await expect(page).toHaveURL(/\/\?category=spices&sort=price-desc$/);
      await expect.poll(() => productNames(page)).toEqual(["Kashmiri Saffron", "Green Cardamom", "Lakadong Turmeric"]);

      // The sort stays when the category changes.
      await categories(page).getByRole("link", { name: "All products" }).click();
      await expect(page).toHaveURL(/\/\?sort=price-desc$/);
      await expect(cards(page)).toHaveCount(12);
      const all = await prices(page);
      expect(all).toEqual([...all].sort((a, b) => b - a));
      await expectNoViolations(page, `sorted catalog, ${size}`);
      await screenshot(page, testInfo, `catalog by price, ${size}`);
      await expectNoSidewaysScroll(page);
    });

    test("search finds products by the words shoppers use, and narrows to a category", async ({ page }, testInfo) => {
      await page.goto("/");
      await searchBox(page).fill("elaichi");
      await searchBox(page).press("Enter");
      await expect(page).toHaveURL(/\/\?q=elaichi$/);
      await expect(page.getByRole("heading", { level: 1, name: "Results for “elaichi”" })).toBeVisible();
      await expect.poll(() => productNames(page)).toEqual(["Green Cardamom"]);
      await expect(page.getByTestId("result-count")).toHaveText("1 product");
      await expect(searchBox(page)).toHaveValue("elaichi");

      await searchBox(page).fill("chai");
      await searchBox(page).press("Enter");
      await expect(page).toHaveURL(/\/\?q=chai$/);
      await expect.poll(async () => (await productNames(page))[0]).toBe("Masala Chai Blend");
      expect(await productNames(page)).toContain("Kulhad Cups, set of 6");
      await expect(page.getByLabel("Sort by")).toHaveValue("relevance");
      await expectNoViolations(page, `search results, ${size}`);
      await screenshot(page, testInfo, `search results, ${size}`);

      await categories(page).getByRole("link", { name: "Kitchen & Serveware" }).click();
      await expect(page).toHaveURL(/\/\?q=chai&category=kitchen-serveware$/);
      await expect(
        page.getByRole("heading", { level: 1, name: "Results for “chai” in Kitchen & Serveware" }),
      ).toBeVisible();
      await expect
        .poll(async () => (await productNames(page)).sort())
        .toEqual(["Brass Chai Kettle", "Kulhad Cups, set of 6"]);

      await searchBox(page).fill("rocket fuel");
      await searchBox(page).press("Enter");
      await expect(page).toHaveURL(/\/\?q=rocket\+fuel$/);
      await expect(page.getByText("Nothing matches “rocket fuel”.")).toBeVisible();
      await expect(cards(page)).toHaveCount(0);
      await expectNoViolations(page, `search without results, ${size}`);
      await page.getByRole("link", { name: "See all products" }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(cards(page)).toHaveCount(12);
      await expect(searchBox(page)).toHaveValue("");
      await expectNoSidewaysScroll(page);
    });

    test("a product page shows its description, its category and related products", async ({ page }) => {
      await page.goto("/products/green-cardamom");
      await expect(page.getByRole("heading", { level: 1, name: "Green Cardamom" })).toBeVisible();
      await expect(
        page.getByRole("img", { name: "A wooden bowl heaped with green cardamom pods", exact: false }),
      ).toBeVisible();
      await expect(page.getByTestId("product-description").locator("p")).toHaveCount(2);
      const related = page.getByRole("region", { name: "You may also like" });
      // The other two spices first.
      const relatedNames = await related.getByRole("heading", { level: 3 }).allInnerTexts();
      expect(relatedNames).toHaveLength(4);
      expect(relatedNames.slice(0, 2).sort()).toEqual(["Kashmiri Saffron", "Lakadong Turmeric"]);
      await expectNoViolations(page, `product page, ${size}`);
      await expectNoSidewaysScroll(page);

      await related.getByRole("link", { name: "Kashmiri Saffron" }).click();
      await expect(page).toHaveURL(/\/products\/kashmiri-saffron$/);
      await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Spices" }).click();
      await expect(page).toHaveURL(/\/\?category=spices$/);
      await expect(cards(page)).toHaveCount(3);
    });
  });
}

test.describe("browsing without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search, category and sort are plain links and forms", async ({ page }) => {
    await page.goto("/");
    await searchBox(page).fill("tea");
    await searchBox(page).press("Enter");
    await expect(page).toHaveURL(/\/\?q=tea$/);
    await expect(page.getByRole("heading", { level: 1, name: "Results for “tea”" })).toBeVisible();
    await categories(page).getByRole("link", { name: "Tea" }).click();
    await expect(page).toHaveURL(/\/\?q=tea&category=tea$/);
    await expect(cards(page)).toHaveCount(3);
    await sortBy(page, "Name: A to Z");
    await expect(page).toHaveURL(/\/\?q=tea&category=tea&sort=name$/);
    expect(await productNames(page)).toEqual(["Assam Breakfast Tea", "Darjeeling First Flush", "Masala Chai Blend"]);
  });

  test("Add to cart works as a plain form; checkout says paying needs JavaScript", async ({ page }) => {
    await page.goto("/products/masala-chai-blend");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByText("Added to your cart.")).toBeVisible();
    await page.goto("/checkout");
    await expect(page.getByRole("button", { name: /^Pay ₹/ })).toBeDisabled();
    // Playwright turns scripts off without telling the HTML parser, so a noscript element is not
    // shown there: the page's HTML is checked instead.
    expect(await page.content()).toContain("Paying needs JavaScript");
  });
});

test("an unknown or malformed category answers 404", async ({ page }) => {
  for (const category of ["no-such-category", "Tea%20Cups"]) {
    const response = await page.goto(`/?category=${category}`);
    expect(response?.status(), category).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});

test("the shop has a favicon", async ({ request, page }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/x-icon");
  const body = await response.body();
  // An icon file (type 1) holding three images: 16, 32 and 48 pixels.
  expect([body.readUInt16LE(0), body.readUInt16LE(2), body.readUInt16LE(4)]).toEqual([0, 1, 3]);
  await page.goto("/");
  await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveCount(1);
});
