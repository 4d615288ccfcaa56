import { expect, test, type Page } from "@playwright/test";
import { sandboxControl } from "../lib/atom-sandbox/control-client";

// The embedded gateway from the shopper's side: the sandbox's own test page runs AUTH
// through lib/atom's client, the checkout script opens the overlay, and the payment page
// inside it sends the browser back to returnUrl (here the sandbox's verifying echo page).

async function openOverlay(page: Page) {
  await page.goto("/atom-sandbox/test-checkout");
  const merchTxnId = (await page.getByTestId("test-merch-txn-id").textContent()) ?? "";
  await page.getByRole("button", { name: "Pay ₹1.00" }).click();
  const dialog = page.getByRole("dialog", { name: "Atom secure payment (sandbox)" });
  await expect(dialog).toBeVisible();
  const payment = page.frameLocator('iframe[title="Atom sandbox payment page"]');
  await expect(payment.getByTestId("sandbox-banner")).toContainText("SANDBOX");
  return { merchTxnId, dialog, payment };
}

test("a shopper pays by card in the sandbox overlay and comes back to the merchant", async ({ page, baseURL }) => {
  const { merchTxnId, payment } = await openOverlay(page);
  await expect(payment.getByTestId("payment-amount")).toHaveText("₹1.00");
  await payment.getByLabel("Card number").fill("4111 1111 1111 1111");
  await payment.getByLabel("Expiry (MM/YY)").fill("12/30");
  await payment.getByLabel("CVV").fill("123");
  await payment.getByLabel("Name on card").fill("Test Shopper");
  await payment.getByTestId("pay-button").click();

  await expect(page).toHaveURL(/\/atom-sandbox\/test-return$/);
  await expect(page.getByTestId("return-outcome")).toHaveText("success");
  await expect(page.getByTestId("return-merch-txn-id")).toHaveText(merchTxnId);
  await expect(page.getByTestId("return-total")).toHaveText("₹1.00");

  // The gateway also called the shop's callback route, server to server.
  const deliveries = await sandboxControl(baseURL ?? "").deliveries({ merchTxnId });
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]?.targetUrl).toMatch(/\/api\/atom\/callback$/);
});

test("on a phone, by keyboard, a declined UPI payment is reported as failed", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const { dialog, payment } = await openOverlay(page);
  const box = await dialog.boundingBox();
  expect(box?.width).toBe(375);

  await payment.getByTestId("upi-tab").focus();
  await page.keyboard.press("Enter");
  await payment.getByLabel("UPI ID (VPA)").focus();
  await page.keyboard.type("failure@upi");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/atom-sandbox\/test-return$/);
  await expect(page.getByTestId("return-outcome")).toHaveText("failed");
  await expect(page.getByTestId("return-status-code")).toContainText("OTS0600");
});

test("closing the overlay abandons the payment: no callback, focus back on the pay button", async ({
  page,
  baseURL,
}) => {
  const { merchTxnId, dialog } = await openOverlay(page);
  await page.getByRole("button", { name: "Close payment window" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Pay ₹1.00" })).toBeFocused();
  const control = sandboxControl(baseURL ?? "");
  expect(await control.transaction({ merchTxnId })).toMatchObject({ status: "created" });
  expect(await control.deliveries({ merchTxnId })).toEqual([]);
});
