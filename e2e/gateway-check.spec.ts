import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { checkoutWith, expectOrderPage, payByCard, sandbox, screenshot, SUCCESS_CARD } from "./support/purchase";
import { newShopper } from "./support/shopper";

test.afterEach(async () => {
  await sandbox().reset();
});

test("a shopper who closes the payment window is offered to pay again once the gateway has no payment", async ({
  page,
}, testInfo) => {
  await checkoutWith(page, ["Green Cardamom"]);
  await page.getByRole("button", { name: "Close payment window" }).click();
  await expect(page.getByRole("dialog", { name: /Atom secure payment/ })).toBeHidden();
  await page.getByRole("link", { name: "Go to your order" }).click();

  // The order page asks the gateway for real; the sandbox has no payment for a token never paid.
  await expectOrderPage(page, "no_payment");
  await expect(page.getByRole("heading", { name: "No payment was received" })).toBeVisible();
  await expect(
    page.getByText(
      "The gateway has no payment for your last attempt. If you closed the payment window, you can pay again.",
    ),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel order" })).toBeVisible();
  await screenshot(page, testInfo, "no payment found");

  const orderPath = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Pay now" }).click();
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
  expect(new URL(page.url()).pathname).toBe(orderPath);
  await screenshot(page, testInfo, "paid on the second try");
});

test("an admin's check with the gateway settles a payment whose callback and return never arrived", async ({
  page,
  browser,
}, testInfo) => {
  const email = newShopper("lost-result").email;
  await sandbox().set({ callback: { drop: true } });
  // The shopper's browser never makes it back to the shop.
  await page.route("**/api/atom/return", (route) => route.abort());
  const returned = page.waitForRequest("**/api/atom/return");
  await checkoutWith(page, ["Lakadong Turmeric"], { email, mobile: "98765 43210" });
  await payByCard(page, SUCCESS_CARD);
  await returned;

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.getByLabel("Search").fill(email);
  await admin.getByRole("button", { name: "Apply" }).click();
  await admin.getByTestId("admin-order-row").filter({ hasText: email }).getByRole("link").click();
  const status = admin.getByTestId("admin-order-status");
  await expect(status).toHaveText("Pending");

  const attempt = admin.getByTestId("admin-attempt");
  await expect(attempt).toHaveCount(1);
  await expect(attempt).toContainText("Token generated");
  await attempt.getByRole("button", { name: "Check with the gateway" }).click();
  await expect(attempt.getByRole("status")).toHaveText("The gateway reports it paid; the order is paid.");
  await expect(status).toHaveText("Paid");
  await expect(attempt).toContainText("Completed");
  await expect(attempt.getByTestId("admin-attempt-last-check")).toHaveText(/^Asked .+: Success$/);
  await expect(
    admin.getByTestId("admin-timeline-event").and(admin.locator('[data-type="payment_succeeded"]')),
  ).toContainText("status check with the gateway");
  await screenshot(admin, testInfo, "paid by the admin's check");
  await admin.context().close();
});
