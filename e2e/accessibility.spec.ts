import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { checkoutWith, expectOrderPage, payByCard, screenshot } from "./support/purchase";

// axe-core's WCAG 2.1 A/AA rules on every kind of page a shopper or admin sees.

test("the shopper's pages meet WCAG 2.1 AA", async ({ page }, testInfo) => {
  // Seven axe runs and a whole purchase (the checkout's eight fields included).
  test.slow();
  await page.goto("/");
  await expectNoViolations(page, "home");
  await page.goto("/products/kashmiri-saffron");
  await expectNoViolations(page, "product page");
  await page.goto("/sign-in");
  await expectNoViolations(page, "sign-in");
  await page.goto("/sign-up");
  await expectNoViolations(page, "sign-up");
  await checkoutWith(page, ["Green Cardamom"]);
  await expect(page.frameLocator('iframe[title="Atom sandbox payment page"]').getByTestId("card-number")).toBeVisible();
  await expectNoViolations(page, "sandbox payment overlay");
  await payByCard(page, "4111111111111111");
  await expectOrderPage(page, "paid");
  await expectNoViolations(page, "order page");
  await page.goto("/cart");
  await expectNoViolations(page, "empty cart");
  await screenshot(page, testInfo, "empty cart");
});

test("the cart and checkout meet WCAG 2.1 AA", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("product-card").first().getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.goto("/cart");
  await expectNoViolations(page, "cart");
  await page.goto("/checkout");
  await expectNoViolations(page, "checkout");
});

test("the admin's pages meet WCAG 2.1 AA", async ({ page }) => {
  await signInAsAdmin(page);
  await expectNoViolations(page, "admin orders");
  await page.getByTestId("admin-order-row").first().getByRole("link").click();
  await expect(page.getByTestId("admin-order-status")).toBeVisible();
  await expectNoViolations(page, "admin order");
  await page.goto("/admin/refunds");
  await expectNoViolations(page, "admin refunds");
  await page.goto("/admin/attention");
  await expectNoViolations(page, "admin needs attention");
  await page.goto("/admin/notifications");
  await expectNoViolations(page, "admin notifications");
  await page.goto("/admin/jobs");
  await expectNoViolations(page, "admin jobs");
  await page.goto("/admin/stock");
  await expectNoViolations(page, "admin stock");
});
