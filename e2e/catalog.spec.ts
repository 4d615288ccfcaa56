import { expect, test } from "@playwright/test";

test.describe("the catalog", () => {
  test("a product page shows the product with its price in rupees", async ({ page }) => {
    await page.goto("/products/brass-chai-kettle");
    await expect(page.getByRole("heading", { level: 1, name: "Brass Chai Kettle" })).toBeVisible();
    await expect(page.getByTestId("product-price")).toHaveText("₹2,499.00");
    await expect(page.getByText("Tin-lined brass kettle")).toBeVisible();
    await expect(page.getByLabel("Quantity")).toHaveValue("1");
    await page.getByRole("link", { name: "All products" }).click();
    await expect(page.getByTestId("product-card")).toHaveCount(12);
  });

  test("an unknown product shows the not-found page, kept out of search engines", async ({ page }) => {
    await page.goto("/products/no-such-thing");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    // The page streams behind app/loading.tsx, so Next answers 200 and marks the page noindex instead of a 404 status.
    await expect(page.locator('meta[name="robots"][content*="noindex"]').first()).toBeAttached();
  });
});
