import { expect, test } from "@playwright/test";
import { addFromHomePage, expectCartCount } from "./support/shopper";
import { gotoWithScriptsHeld, openWithoutScripts } from "./support/without-scripts";

test.describe("a guest's cart", () => {
  test("adds from the home page and from a product page, and the header counts the items", async ({ page }) => {
    await page.goto("/");
    await expectCartCount(page, 0);
    await addFromHomePage(page, "Assam Breakfast Tea", 1);

    await page.getByRole("link", { name: "Kashmiri Saffron" }).click();
    await expect(page).toHaveURL(/\/products\/kashmiri-saffron$/);
    await expect(page.getByRole("heading", { level: 1, name: "Kashmiri Saffron" })).toBeVisible();
    await expect(page).toHaveTitle(/Kashmiri Saffron/);
    await expect(page.getByTestId("product-price")).toHaveText("₹499.00");
    await page.getByLabel("Quantity").fill("3");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByText("Added 3 to your cart.")).toBeVisible();
    await expectCartCount(page, 4);

    await page.getByTestId("cart-link").click();
    await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
    await expect(page.getByTestId("cart-line")).toHaveCount(2);
    await expect(page.getByLabel("Quantity of Kashmiri Saffron")).toHaveValue("3");
    await expect(page.getByTestId("cart-subtotal")).toHaveText("₹1,846.00");
    await expect(page.getByRole("link", { name: "Checkout" })).toHaveAttribute("href", "/checkout");
  });

  test("a quantity typed before the page has hydrated is the one added, and it stays", async ({ page }) => {
    const product = await gotoWithScriptsHeld(page, "/products/darjeeling-first-flush");
    await page.getByLabel("Quantity").fill("2");
    await product.hydrate(page.getByLabel("Quantity"));
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByText("Added 2 to your cart.")).toBeVisible();
    await expect(page.getByLabel("Quantity")).toHaveValue("2");
    await expectCartCount(page, 2);
  });

  test("changes a quantity, removes lines, and keeps the cart across reloads", async ({ page }) => {
    await page.goto("/");
    await addFromHomePage(page, "Assam Breakfast Tea", 1);
    await addFromHomePage(page, "Masala Chai Blend", 2);

    // Before hydration the quantity and Remove are disabled: they work through React only,
    // and a choice made earlier would show on the page and never reach the cart.
    const unhydrated = await openWithoutScripts(page.context(), "/cart");
    try {
      await expect(unhydrated.page.getByLabel("Quantity of Assam Breakfast Tea")).toBeDisabled();
      await expect(unhydrated.page.getByRole("button", { name: "Remove Assam Breakfast Tea" })).toBeDisabled();
      // Pay too: the payment window opens from React, so a payment started earlier never opens.
      await unhydrated.page.goto("/checkout");
      await expect(unhydrated.page.getByRole("button", { name: /^Pay ₹/ })).toBeDisabled();
    } finally {
      await unhydrated.context.close();
    }

    await page.goto("/cart");
    await page.getByLabel("Quantity of Assam Breakfast Tea").selectOption("3");
    await expect(page.getByTestId("cart-subtotal")).toHaveText("₹1,346.00");
    await expectCartCount(page, 4);

    await page.reload();
    await expect(page.getByLabel("Quantity of Assam Breakfast Tea")).toHaveValue("3");
    await expect(page.getByTestId("cart-subtotal")).toHaveText("₹1,346.00");
    await expectCartCount(page, 4);

    await page.getByRole("button", { name: "Remove Masala Chai Blend" }).click();
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await expect(page.getByTestId("cart-subtotal")).toHaveText("₹1,047.00");
    await expectCartCount(page, 3);

    await page.getByRole("button", { name: "Remove Assam Breakfast Tea" }).click();
    await expect(page.getByText("Your cart is empty.")).toBeVisible();
    await expectCartCount(page, 0);
    await page.reload();
    await expect(page.getByText("Your cart is empty.")).toBeVisible();
  });

  test("keeps its cookie out of reach of scripts", async ({ page, context }) => {
    await page.goto("/");
    await addFromHomePage(page, "Sandalwood Incense", 1);
    const cookie = (await context.cookies()).find((candidate) => candidate.name === "cart_id");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("cart_id");
    // Nor does the cart page hand the id (the guest's bearer secret) to the browser.
    const cartPage = await page.request.get("/cart");
    expect(await cartPage.text()).not.toContain(cookie!.value);
  });
});
