import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, signInAsAdmin } from "./support/accounts";
import { checkoutWith, expectOrderPage, payByCard } from "./support/purchase";
import { newShopper, signUp } from "./support/shopper";

/** A guest buys one jar of saffron (₹499.00) with the sandbox's success card; returns the order page's URL. */
async function buySaffron(page: Page, email: string): Promise<string> {
  await checkoutWith(page, ["Kashmiri Saffron"], { email, mobile: "98765 43210" });
  await payByCard(page, "4111111111111111");
  await expectOrderPage(page, "paid");
  return page.url();
}

async function refund(page: Page, amount: string, reason: string) {
  await page.getByLabel("Amount (₹)").fill(amount);
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Refund…" }).click();
  await expect(page.getByText(`Refund ₹${amount} to the shopper?`)).toBeVisible();
  await page.getByRole("button", { name: `Yes, refund ₹${amount}` }).click();
  await expect(page.getByTestId("refund-result")).toContainText(`Refunded ₹${amount} to the shopper`);
}

test("an admin ships an order, refunds part of it and then the rest; the shopper sees both refunds", async ({ browser }) => {
  const shopperEmail = newShopper("refunded").email;
  const shopper = await (await browser.newContext()).newPage();
  const orderUrl = await buySaffron(shopper, shopperEmail);

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.getByLabel("Search").fill(shopperEmail);
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/q=refunded-/);
  const row = admin.getByTestId("admin-order-row").filter({ hasText: shopperEmail });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Paid");
  await row.getByRole("link").click();

  const status = admin.getByTestId("admin-order-status");
  await expect(status).toHaveText("Paid");
  await admin.getByRole("button", { name: "Mark shipped" }).click();
  await expect(status).toHaveText("Shipped");

  await refund(admin, "199.00", "One tin arrived dented");
  await expect(status).toHaveText("Shipped");
  await expect(admin.getByTestId("admin-refunded-total")).toHaveText("₹199.00");
  await expect(admin.getByTestId("admin-still-refundable")).toHaveText("₹300.00");
  await expect(admin.getByLabel("Amount (₹)")).toHaveValue("300.00");

  await refund(admin, "300.00", "Shopper returned the rest");
  await expect(status).toHaveText("Refunded");
  await expect(admin.getByTestId("admin-refunded-total")).toHaveText("₹499.00");
  await expect(admin.getByText("Everything paid for the goods has been refunded.")).toBeVisible();
  const timeline = admin.getByTestId("admin-timeline-event");
  await expect(timeline.filter({ hasText: "Order shipped" })).toContainText(`by ${E2E_ADMIN.email}`);
  await expect(timeline.filter({ hasText: "Refund completed" })).toHaveCount(2);

  await admin.getByRole("link", { name: "Refunds" }).click();
  await admin.getByLabel("Search").fill(shopperEmail);
  await admin.getByRole("button", { name: "Apply" }).click();
  const refundRows = admin.getByTestId("admin-refund-row");
  await expect(refundRows).toHaveCount(2);
  await expect(refundRows.filter({ hasText: "₹300.00" })).toContainText("Completed");
  await expect(refundRows.filter({ hasText: "₹199.00" })).toContainText("Completed");

  // The admin pages fit a phone: wide tables scroll inside their own boxes.
  await admin.setViewportSize({ width: 375, height: 740 });
  await refundRows.first().getByRole("link").click();
  await expect(status).toHaveText("Refunded");
  expect(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  await shopper.goto(orderUrl);
  await expectOrderPage(shopper, "refunded");
  const refunds = shopper.getByTestId("order-refund");
  await expect(refunds).toHaveCount(2);
  await expect(refunds.filter({ hasText: "₹199.00" })).toBeVisible();
  await expect(refunds.filter({ hasText: "₹300.00" })).toBeVisible();
});

test("the admin area is closed to shoppers", async ({ page }) => {
  await page.goto("/admin/refunds");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
  await signUp(page, newShopper("not-admin"));
  await page.goto("/admin/orders");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByTestId("admin-orders")).toHaveCount(0);
});
