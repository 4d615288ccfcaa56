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

  test("an unknown product answers 404 with the not-found page", async ({ page }) => {
    const response = await page.goto("/products/no-such-thing");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});
