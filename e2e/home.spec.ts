import { expect, test } from "@playwright/test";

test("a shopper opens the shop and sees the seeded catalog", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const cards = page.getByTestId("product-card");
  await expect(cards).toHaveCount(12);
  await expect(page.getByRole("heading", { name: "Assam Breakfast Tea" })).toBeVisible();
  await expect(cards.filter({ hasText: "Kashmiri Saffron" }).getByTestId("product-price")).toHaveText("₹499.00");
  await expect(page.getByRole("link", { name: /cart/i })).toBeVisible();
});

test("the home page fits a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
