import { expect, test } from "@playwright/test";
import {
  checkoutWith,
  expectOrderPage,
  merchTxnIdOn,
  payByCard,
  payByUpi,
  paymentFrame,
  sandbox,
  screenshot,
  SUCCESS_CARD,
} from "./support/purchase";
import { signInAsAdmin } from "./support/accounts";
import { addFromHomePage, expectCartCount } from "./support/shopper";
import { openWithoutScripts } from "./support/without-scripts";

const SURCHARGE_CARD = "5555555555554444";
const DECLINED_CARD = "4000000000000002";
const PENDING_CARD = "4000000000000077";

test.afterEach(async () => {
  await sandbox().reset();
});

test("a shopper pays by card and sees the order paid", async ({ page }, testInfo) => {
  await checkoutWith(page, ["Assam Breakfast Tea", "Kashmiri Saffron"]);
  await screenshot(page, testInfo, "overlay");
  await expect(paymentFrame(page).getByTestId("payment-amount")).toContainText("848.00");
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
  await expect(page.getByRole("heading", { name: "Payment received — thank you!" })).toBeVisible();
  await expect(page.getByTestId("payment-method")).toHaveText("Credit card");
  await expect(page.getByTestId("atom-txn-id")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("order-total")).toHaveText("₹848.00");
  await expectCartCount(page, 0);
  await screenshot(page, testInfo, "order paid");
});

test("a declined card can be paid again on the same order", async ({ page }, testInfo) => {
  await checkoutWith(page, ["Green Cardamom"]);
  await payByCard(page, DECLINED_CARD);
  await expectOrderPage(page, "failed");
  const orderUrl = page.url();
  await screenshot(page, testInfo, "payment failed");
  // Before hydration, Pay again and Cancel order wait: the one would start a payment whose
  // overlay never opens, the other would cancel without asking.
  const unhydrated = await openWithoutScripts(page.context(), orderUrl);
  try {
    await expect(unhydrated.page.getByRole("button", { name: "Pay again" })).toBeDisabled();
    await expect(unhydrated.page.getByRole("button", { name: "Cancel order" })).toBeDisabled();
  } finally {
    await unhydrated.context.close();
  }
  await page.getByRole("button", { name: "Pay again" }).click();
  await payByCard(page, SURCHARGE_CARD);
  await expectOrderPage(page, "paid");
  expect(new URL(page.url()).pathname).toBe(new URL(orderUrl).pathname);
  await expect(page.getByTestId("payment-method")).toHaveText("Debit card");
  await expect(page.getByTestId("order-surcharge")).toHaveText("₹11.80");
  await screenshot(page, testInfo, "paid after retry");
});

test("a shopper pays by UPI", async ({ page }, testInfo) => {
  await checkoutWith(page, ["Masala Chai Blend"]);
  await payByUpi(page, "success@upi");
  await expectOrderPage(page, "paid");
  await expect(page.getByTestId("payment-method")).toHaveText("UPI");
  await screenshot(page, testInfo, "paid by UPI");
});

test("when the callback never arrives, the signed return still confirms the order", async ({ page }, testInfo) => {
  await sandbox().set({ callback: { drop: true } });
  await checkoutWith(page, ["Sandalwood Incense"]);
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
  const orderUrl = new URL(page.url());
  const deliveries = await sandbox().deliveries({ merchTxnId: await merchTxnIdOn(page) });
  expect(deliveries.length).toBeGreaterThan(0);
  expect(deliveries.map((delivery) => delivery.status)).toEqual(deliveries.map(() => "dropped"));
  expect(orderUrl.pathname).toMatch(/^\/orders\//);
  await screenshot(page, testInfo, "paid by return only");
});

test("five duplicate callbacks make one paid transition and one event", async ({ page, browser }, testInfo) => {
  await sandbox().set({ callback: { duplicates: 5 } });
  await checkoutWith(page, ["Lakadong Turmeric"]);
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
  const merchTxnId = await merchTxnIdOn(page);
  await expect
    .poll(
      async () =>
        (await sandbox().deliveries({ merchTxnId })).filter((delivery) => delivery.status === "delivered").length,
    )
    .toBe(5);
  await expect(page.getByTestId("order-status")).toHaveText("paid");
  await screenshot(page, testInfo, "paid once");

  // The order's timeline, on its admin page: one success and one paid transition.
  const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin/orders/${orderId}`);
  const timeline = admin.getByTestId("admin-timeline-event");
  await expect(timeline.first()).toBeVisible();
  await expect(timeline.and(admin.locator('[data-type="order_paid"]'))).toHaveCount(1);
  await expect(timeline.and(admin.locator('[data-type="payment_succeeded"]'))).toHaveCount(1);
  await screenshot(admin, testInfo, "admin timeline");
  await admin.context().close();
});

test("a payment pending at the bank is shown as pending until it settles", async ({ page }, testInfo) => {
  await sandbox().set({ pending: { settleAfterMs: 4_000, settleAs: "success" } });
  await checkoutWith(page, ["Copper Water Bottle"]);
  await payByCard(page, PENDING_CARD);
  await expectOrderPage(page, "awaiting");
  await expect(page.getByRole("heading", { name: "Waiting for the payment to be confirmed…" })).toBeVisible();
  await screenshot(page, testInfo, "pending");
  // The page refreshes itself; the sandbox settles and calls back.
  await expect(page.getByTestId("order-state")).toHaveAttribute("data-state", "paid", { timeout: 30_000 });
  await screenshot(page, testInfo, "settled");
});

test("the whole purchase works on a phone", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await checkoutWith(page, ["Kulhad Cups, set of 6"]);
  await screenshot(page, testInfo, "phone overlay");
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, "phone paid");
});

test("a guest's order cannot be opened from another browser without its link", async ({ page, browser }, testInfo) => {
  await checkoutWith(page, ["Handloom Cotton Towel"]);
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
  const orderUrl = new URL(page.url());

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const withoutKey = await strangerPage.goto(`${orderUrl.origin}${orderUrl.pathname}`);
  expect(withoutKey?.status()).toBe(404);
  await expect(strangerPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  const wrongKey = await strangerPage.goto(`${orderUrl.origin}${orderUrl.pathname}?key=guess`);
  expect(wrongKey?.status()).toBe(404);
  await screenshot(strangerPage, testInfo, "stranger sees not found");
  const withKey = await strangerPage.goto(orderUrl.toString());
  expect(withKey?.status()).toBe(200);
  await expect(strangerPage.getByTestId("order-state")).toHaveAttribute("data-state", "paid");
  await stranger.close();
});

test("checkout explains a wrong mobile number next to the field", async ({ page }) => {
  await page.goto("/");
  await addFromHomePage(page, "Brass Chai Kettle", 1);
  await page.goto("/checkout");
  await page.getByLabel("Email").fill("asha@example.in");
  await page.getByLabel("Mobile number").fill("12345");
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  await expect(page.getByText("Enter a 10-digit Indian mobile number")).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
