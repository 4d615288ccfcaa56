import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { checkoutWith, expectOrderPage, payByCard, screenshot } from "./support/purchase";

// axe-core's WCAG 2.1 A/AA rules on every kind of page a shopper or admin sees.
async function expectNoViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(summary, `${name} has accessibility violations`).toEqual([]);
}

test("the shopper's pages meet WCAG 2.1 AA", async ({ page }, testInfo) => {
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
});
