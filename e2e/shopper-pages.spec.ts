import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import {
  checkoutWith,
  expectOrderPage,
  fillCheckoutDetails,
  payByCard,
  screenshot,
  SUCCESS_CARD,
} from "./support/purchase";
import { addFromHomePage, expectCartCount, newShopper, signUp } from "./support/shopper";

// The shop's pages at a laptop's size and at a phone's: whom to contact, the product page's
// quantity, the cart and the order page on a narrow screen, and "My orders".

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

/** The sample contact details the e2e server runs with (lib/env.ts defaults). */
const SUPPORT = { email: "help@lotus-bazaar.example", phone: "+91 80 0000 0000" };

async function expectWithinViewport(page: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.x, `${what} starts inside the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends inside the screen's width`).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height, `${what} is above the fold`).toBeLessThanOrEqual(viewport.height);
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const size of SIZES) {
  test.describe(`on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test("every page's footer says how to reach the shop, and so do the problem pages", async ({ page }) => {
      await page.goto("/");
      const footer = page.getByRole("contentinfo");
      await expect(footer.getByRole("link", { name: SUPPORT.email })).toHaveAttribute(
        "href",
        `mailto:${SUPPORT.email}`,
      );
      await expect(footer.getByRole("link", { name: SUPPORT.phone })).toHaveAttribute("href", "tel:+918000000000");
      await expect(footer).toContainText("Monday to Saturday, 10 am to 6 pm IST");

      const missing = await page.goto("/no-such-page");
      expect(missing?.status()).toBe(404);
      await expect(page.getByRole("main").getByRole("link", { name: SUPPORT.email })).toBeVisible();
      await expectNoViolations(page, "not found");

      await page.goto("/payment-problem?reason=unavailable");
      await expect(page.getByRole("main").getByRole("link", { name: SUPPORT.phone })).toBeVisible();
      await expect(page.getByRole("main")).not.toContainText("please contact us");
      await expectNoViolations(page, "payment problem");
    });

    test("the product page keeps the chosen quantity and links to the cart", async ({ page }, testInfo) => {
      await page.goto("/products/lakadong-turmeric");
      await page.waitForLoadState("networkidle");
      await page.getByLabel("Quantity").fill("2");
      await page.getByRole("button", { name: "Add to cart" }).click();
      await expect(page.getByText("Added 2 to your cart.")).toBeVisible();
      await expectCartCount(page, 2);
      await expect(page.getByLabel("Quantity")).toHaveValue("2");
      await expectNoViolations(page, "product page after adding");
      await screenshot(page, testInfo, `${size.name} added to cart`);
      await page.getByRole("link", { name: "View cart" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
      await expect(page.getByLabel("Quantity of Lakadong Turmeric")).toHaveValue("2");
    });
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the cart shows its total and Checkout without scrolling past the lines", async ({ page }, testInfo) => {
    await page.goto("/");
    const products = ["Assam Breakfast Tea", "Masala Chai Blend", "Green Cardamom", "Sandalwood Incense"];
    for (const [index, name] of products.entries()) await addFromHomePage(page, name, index + 1);
    await page.goto("/cart");
    await expect(page.getByTestId("cart-line")).toHaveCount(4);
    await expectWithinViewport(page, page.getByRole("link", { name: "Checkout" }), "Checkout");
    await expectWithinViewport(page, page.getByTestId("cart-subtotal"), "the subtotal");
    // Every line's total ends at the same place, at the line's right edge.
    const rights: number[] = [];
    for (const line of await page.getByTestId("cart-line").all()) {
      const lineBox = (await line.boundingBox())!;
      const totalBox = (await line.getByTestId("line-total").boundingBox())!;
      const right = totalBox.x + totalBox.width;
      expect(lineBox.x + lineBox.width - right).toBeLessThanOrEqual(24);
      rights.push(Math.round(right));
    }
    expect(new Set(rights).size).toBe(1);
    await expectNoSidewaysScroll(page);
    await expectNoViolations(page, "cart on a phone");
    await screenshot(page, testInfo, "phone cart");
  });

  test("the order page shows every column of its items", async ({ page }, testInfo) => {
    await checkoutWith(page, ["Block-print Table Runner", "Copper Water Bottle"]);
    await payByCard(page, SUCCESS_CARD);
    await expectOrderPage(page, "paid");
    const items = page.getByRole("table", { name: "Items" });
    await expect(items.getByRole("columnheader", { name: "Total" })).toBeVisible();
    await items.scrollIntoViewIfNeeded();
    for (const total of await items.getByTestId("order-line-total").all()) {
      const box = (await total.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const table = await items.boundingBox();
    expect(table!.x + table!.width).toBeLessThanOrEqual(390);
    // The unit price is under the item's name on a phone.
    await expect(items.getByText("each").first()).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoViolations(page, "order page on a phone");
    await screenshot(page, testInfo, "phone order page");
  });
});

for (const size of SIZES) {
  test(`My orders lists references and items, and explains guest orders (${size.name})`, async ({ page }, testInfo) => {
    await page.setViewportSize(size.viewport);
    const shopper = newShopper("history");
    await signUp(page, shopper);
    await page.goto("/");
    await addFromHomePage(page, "Masala Chai Blend", 1);
    await addFromHomePage(page, "Masala Chai Blend", 2);
    await addFromHomePage(page, "Green Cardamom", 3);
    await page.goto("/checkout");
    await fillCheckoutDetails(page, { email: shopper.email });
    await page.getByRole("button", { name: /^Pay ₹/ }).click();
    await expect(page.getByRole("dialog", { name: /Atom secure payment/ })).toBeVisible();
    await payByCard(page, SUCCESS_CARD);
    await expectOrderPage(page, "paid");
    const heading = await page.getByRole("heading", { name: /^Order [0-9A-F]{8}$/ }).textContent();
    const reference = heading!.replace("Order ", "");

    await page.getByRole("link", { name: "My orders" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My orders" })).toBeVisible();
    const row = page.getByTestId("order-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("link", { name: `Order ${reference}` })).toHaveText(reference);
    await expect(row.getByTestId("order-row-items").getByRole("listitem")).toHaveText([
      "Green Cardamom × 1",
      "Masala Chai Blend × 2",
    ]);
    await expect(page.getByTestId("guest-orders-note")).toContainText("private link");
    await expectNoViolations(page, "my orders");
    await screenshot(page, testInfo, `${size.name} my orders`);
  });
}
