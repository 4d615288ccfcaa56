import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { checkoutWith, expectOrderPage, payByCard, sandbox, screenshot, SUCCESS_CARD } from "./support/purchase";

// A purchase from the shopper's side to the emails and the receipt: the confirmation email
// lands in the outbox (no SMTP_URL in e2e) addressed to the shopper, with the right items and
// total, and its receipt link opens the tax invoice to whoever holds it.

const PHONE = { width: 390, height: 844 };

test.afterEach(async () => {
  await sandbox().reset();
});

/** The shopper's confirmation email in the admin's outbox, waiting for the job runner to send it (or sent). */
async function confirmationIn(admin: Page, email: string) {
  await admin.goto("/admin/notifications");
  const item = admin.locator(`[data-testid="admin-notification"][data-recipient="${email}"][data-kind="order_paid"]`);
  await expect(item).toHaveCount(1);
  return item;
}

test("a paid order's confirmation email reaches the outbox, and its receipt is the tax invoice", async ({
  page,
  browser,
}, testInfo) => {
  // A purchase, three pages checked by axe, three browser contexts.
  test.slow();
  const email = `receipt-${Date.now()}@example.in`;
  await checkoutWith(page, ["Assam Breakfast Tea", "Kashmiri Saffron"], { email, mobile: "98765 43210" });
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");

  // The order page links its receipt.
  await page.getByRole("link", { name: "Receipt (tax invoice)" }).click();
  await expect(page.getByRole("heading", { name: "Tax invoice", level: 1 })).toBeVisible();
  await expect(page.getByTestId("receipt-line")).toHaveCount(2);
  await expect(page.getByTestId("receipt-line").filter({ hasText: "Assam Breakfast Tea" })).toBeVisible();
  await expect(page.getByTestId("receipt-goods-total")).toHaveText("₹848.00");
  // Each line at its 5 %: 34 900 × 5 / 105 = 1 661.9… → 1 662 and 49 900 × 5 / 105 = 2 376.1… →
  // 2 376 paise of GST, 4 038 in all; the rest is the taxable value.
  await expect(page.getByTestId("receipt-gst")).toHaveText("₹40.38");
  await expect(page.getByTestId("receipt-taxable")).toHaveText("₹807.62");
  // The sample seller is in Maharashtra (27) and the goods go to Karnataka: IGST, not CGST + SGST.
  await expect(page.getByTestId("receipt-igst")).toHaveText("₹40.38");
  await expect(page.getByTestId("receipt-cgst")).toHaveCount(0);
  await expect(page.getByTestId("receipt-place-of-supply")).toHaveText("Place of supply: Karnataka (29).");
  const saffronLine = page.getByTestId("receipt-line").filter({ hasText: "Kashmiri Saffron" });
  await expect(saffronLine.getByTestId("receipt-line-hsn")).toHaveText("091020");
  await expect(saffronLine.getByTestId("receipt-line-rate")).toHaveText("5%");
  await expect(page.getByTestId("receipt-paid")).toHaveText("₹848.00");
  await expect(page.getByTestId("invoice-number")).toHaveText(/^LB\d{4}-[0-9A-F]{9}$/);
  await expect(page.getByText("GSTIN 27AAAAA0000A1Z2")).toBeVisible();
  await expectNoViolations(page, "the receipt");
  await screenshot(page, testInfo, "receipt");

  // On paper: the invoice alone.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner").first()).toBeHidden();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(page.getByTestId("receipt")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  await page.setViewportSize(PHONE);
  await expect(page.getByTestId("receipt-goods-total")).toBeVisible();
  await expectNoViolations(page, "the receipt on a phone");
  await screenshot(page, testInfo, "receipt on a phone");

  // The admin's outbox holds the shopper's email, addressed to the shopper.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  const confirmation = await confirmationIn(admin, email);
  await expect(confirmation.getByTestId("notification-recipient")).toContainText(`the shopper, ${email}`);
  const text = confirmation.getByTestId("notification-text");
  await expect(text).toContainText("Assam Breakfast Tea × 1");
  await expect(text).toContainText("Kashmiri Saffron × 1");
  await expect(text).toContainText("of which GST at 5%: ₹40.38");
  await expect(text).toContainText("Total paid: ₹848.00");
  await expect(text).not.toContainText("Convenience fee");

  // Its HTML, as sent, in the sandboxed preview.
  await confirmation.getByText("Show the email as sent (HTML)").click();
  const preview = admin.frameLocator(`iframe[title^="The email as sent"]`).first();
  await expect(preview.getByText("Thank you: your order is confirmed")).toBeVisible();
  await expect(preview.getByText("₹848.00").last()).toBeVisible();
  // The page around the preview; the preview itself is a sandboxed frame no script may enter
  // (axe-core/playwright 4.13, the last for Node 20, waits on it until the test times out).
  await expectNoViolations(admin, "the outbox with a shopper's email", {
    exclude: 'iframe[title^="The email as sent"]',
  });
  await screenshot(admin, testInfo, "outbox with the confirmation");

  // The email's receipt link opens the invoice to whoever holds it, signed in or not.
  const receiptLink = /Receipt \(tax invoice\): (\S+)/.exec((await text.textContent()) ?? "")?.[1];
  expect(receiptLink).toBeDefined();
  const stranger = await browser.newContext();
  const anonymous = await stranger.newPage();
  await anonymous.goto(receiptLink!);
  await expect(anonymous.getByTestId("receipt-paid")).toHaveText("₹848.00");
  // The admin's order page links it too.
  const orderId = new URL(receiptLink!).pathname.split("/")[2]!;
  await admin.goto(`/admin/orders/${orderId}`);
  await admin.getByRole("link", { name: "Receipt (tax invoice)" }).click();
  await expect(admin.getByTestId("receipt-goods-total")).toHaveText("₹848.00");
  await adminContext.close();
  await stranger.close();
});
