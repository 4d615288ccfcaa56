import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_ADMIN, signInAsAdmin } from "./support/accounts";
import { checkoutWith, expectOrderPage, fillCheckoutDetails, payByCard } from "./support/purchase";
import { refundByAmount } from "./support/refund-form";
import { newShopper, signUp } from "./support/shopper";

/** A guest buys one jar of saffron (₹499.00) with the sandbox's success card; returns the order page's URL. */
async function buySaffron(page: Page, email: string): Promise<string> {
  await checkoutWith(page, ["Kashmiri Saffron"], { email, mobile: "98765 43210" });
  await payByCard(page, "4111111111111111");
  await expectOrderPage(page, "paid");
  return page.url();
}

/** Refunds by amount with the refund form found in `scope` (the Refund panel, or one extra payment's box). */
const refund = (scope: Page | Locator, amount: string, reason: string) => refundByAmount(scope, amount, reason);

test("an admin ships an order, refunds part of it and then the rest; the shopper sees both refunds", async ({
  browser,
}) => {
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
  await admin.getByLabel("Carrier").fill("Blue Dart");
  await admin.getByLabel("Tracking number").fill("81234567890");
  await admin.getByRole("button", { name: "Mark shipped" }).click();
  await expect(status).toHaveText("Shipped");

  await refund(admin, "199.00", "One tin arrived dented");
  await expect(status).toHaveText("Shipped");
  await expect(admin.getByTestId("admin-refunded-total")).toHaveText("₹199.00");
  await expect(admin.getByTestId("admin-still-refundable")).toHaveText("₹300.00");
  // The form starts again empty: nothing is chosen, no amount is offered.
  await expect(admin.getByRole("radio", { name: "By amount" })).not.toBeChecked();
  await expect(admin.getByLabel("Amount (₹)")).toHaveCount(0);

  await refund(admin, "300.00", "Shopper returned the rest");
  await expect(status).toHaveText("Refunded");
  await expect(admin.getByTestId("admin-refunded-total")).toHaveText("₹499.00");
  await expect(admin.getByText("Everything paid for the goods has been refunded.")).toBeVisible();
  const timeline = admin.getByTestId("admin-timeline-event");
  await expect(timeline.filter({ hasText: "Marked shipped with Blue Dart, tracking 81234567890." })).toContainText(
    `by ${E2E_ADMIN.email}`,
  );
  await expect(timeline.filter({ hasText: /^Refund of ₹\S+ completed/ })).toHaveCount(2);
  await expect(timeline.filter({ hasText: "Refunded in full: ₹499.00." })).toHaveCount(1);

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

async function openOrderAsAdmin(admin: Page, email: string) {
  await signInAsAdmin(admin);
  await admin.getByLabel("Search").fill(email);
  await admin.getByRole("button", { name: "Apply" }).click();
  await admin.getByTestId("admin-order-row").filter({ hasText: email }).getByRole("link").click();
}

test("a shopper who paid in two tabs gets the extra payment back; the order stays paid and its own payment refundable", async ({
  browser,
}) => {
  const email = newShopper("paid-twice").email;
  const shopper = await browser.newContext();
  const first = await shopper.newPage();
  await checkoutWith(first, ["Kashmiri Saffron"], { email, mobile: "98765 43210" });
  // A second tab pays the same unchanged cart: the same pending order, a new attempt.
  const second = await shopper.newPage();
  await second.goto("/checkout");
  await fillCheckoutDetails(second, { email });
  await second.getByRole("button", { name: /^Pay ₹/ }).click();
  await expect(second.getByRole("dialog", { name: /Atom secure payment/ })).toBeVisible();
  await payByCard(first, "4111111111111111");
  await expectOrderPage(first, "paid");
  await payByCard(second, "4111111111111111");
  await expectOrderPage(second, "paid");
  await expect(second.getByTestId("order-extra-payment")).toContainText(
    "one more payment for this order than it needed. ₹499.00 of it is still to be refunded",
  );

  const admin = await (await browser.newContext()).newPage();
  await openOrderAsAdmin(admin, email);
  const status = admin.getByTestId("admin-order-status");
  await expect(status).toHaveText("Paid");
  await expect(admin.getByTestId("admin-needs-review")).toBeVisible();
  const extra = admin.getByTestId("admin-extra-payment");
  await expect(extra).toHaveCount(1);
  await expect(extra.getByRole("heading", { name: "Extra payment — refund it to the shopper" })).toBeVisible();

  await expect(extra.getByLabel("Amount (₹)")).toHaveValue("");
  await refund(extra, "499.00", "Paid twice in two tabs");
  await expect(extra.getByTestId("admin-extra-still-refundable")).toHaveText("₹0.00");
  await expect(extra.getByText("Everything from this payment has been refunded.")).toBeVisible();
  await expect(status).toHaveText("Paid");
  await expect(admin.getByTestId("admin-refunded-total")).toHaveText("₹0.00");
  await expect(admin.getByTestId("admin-still-refundable")).toHaveText("₹499.00");
  await expect(admin.getByTestId("admin-order-refund")).toContainText("Extra payment");

  // The order's own payment is still refunded through the main form.
  await refund(admin.getByRole("region", { name: "Refund", exact: true }), "499.00", "Shopper returned it");
  await expect(status).toHaveText("Refunded");
  await expect(admin.getByTestId("admin-order-refund")).toHaveCount(2);
  await expect(admin.getByTestId("admin-extra-refunded-total")).toHaveText("₹499.00");

  await second.reload();
  await expect(second.getByTestId("order-extra-payment")).toHaveCount(0);
  await expect(second.getByTestId("order-extra-paid")).toHaveText("₹499.00");

  // Having given the extra money back, the admin clears the flag with a note.
  await admin
    .getByTestId("admin-review-form")
    .getByLabel("What did you check?")
    .fill("Second payment refunded in full");
  await admin.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(admin.getByTestId("admin-needs-review")).toHaveCount(0);
  await expect(
    admin.getByTestId("admin-timeline-event").and(admin.locator('[data-type="review_completed"]')),
  ).toContainText("Second payment refunded in full");
  await admin.setViewportSize({ width: 375, height: 740 });
  await admin.reload();
  await expect(admin.getByTestId("admin-extra-payment")).toBeVisible();
  expect(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
