import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { sandboxControl } from "../../lib/atom-sandbox/control-client";
import { TEST_CARDS } from "../../lib/atom-sandbox/test-inputs";
import type { ShopperPaymentState } from "../../lib/orders/order-view";
import { addFromHomePage } from "./shopper";

/** What the checkout form asks, as a shopper types it. */
export interface CheckoutDetails {
  email: string;
  mobile: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  /** The state or union territory, as the form's list names it. */
  state: string;
  pinCode: string;
}

export const SHOPPER_DETAILS: CheckoutDetails = {
  email: "asha@example.in",
  mobile: "98765 43210",
  name: "Asha Rao",
  line1: "12, 4th Cross, Malleswaram",
  line2: "Near Sampige Theatre",
  city: "Bengaluru",
  state: "Karnataka",
  pinCode: "560003",
};

/** Fills every field of the checkout form (the defaults, with `details` over them). */
export async function fillCheckoutDetails(page: Page, details: Partial<CheckoutDetails> = {}) {
  const filled = { ...SHOPPER_DETAILS, ...details };
  await page.getByLabel("Email").fill(filled.email);
  await page.getByLabel("Mobile number").fill(filled.mobile);
  await page.getByLabel("Full name").fill(filled.name);
  await page.getByLabel("Address line 1").fill(filled.line1);
  await page.getByLabel("Address line 2 (optional)").fill(filled.line2);
  await page.getByLabel("Town or city").fill(filled.city);
  await page.getByLabel("State or union territory").selectOption(filled.state);
  await page.getByLabel("PIN code").fill(filled.pinCode);
}

/** The sandbox's test card that pays at once, with no convenience fee (lib/atom-sandbox/test-inputs.ts). */
export const SUCCESS_CARD = TEST_CARDS.find((card) => card.outcome === "success" && card.surchargePaise === 0)!.number;

/** The sandbox's control routes on the server under test (fault switches, deliveries). */
export function sandbox() {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error("playwright.config.ts sets no baseURL");
  return sandboxControl(baseURL);
}

/** The order page's merchant reference: the latest attempt's merchTxnId. */
export async function merchTxnIdOn(page: Page): Promise<string> {
  return (await page.getByTestId("merch-txn-id").textContent())!.trim();
}

export function paymentFrame(page: Page) {
  return page.frameLocator('iframe[title="Atom sandbox payment page"]');
}

/** Adds the products from the home page, fills checkout and presses Pay; the overlay is then open. */
export async function checkoutWith(page: Page, products: string[], details: Partial<CheckoutDetails> = {}) {
  await page.goto("/");
  for (const [index, name] of products.entries()) await addFromHomePage(page, name, index + 1);
  await page.getByRole("link", { name: /cart/i }).first().click();
  await page.getByRole("link", { name: /checkout/i }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await fillCheckoutDetails(page, details);
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  await expect(page.getByRole("dialog", { name: /Atom secure payment/ })).toBeVisible();
}

function nextYearExpiry(): string {
  const year = (new Date().getFullYear() + 1) % 100;
  return `12/${String(year).padStart(2, "0")}`;
}

export async function payByCard(page: Page, cardNumber: string) {
  const frame = paymentFrame(page);
  await expect(frame.getByTestId("sandbox-banner")).toBeVisible();
  await frame.getByTestId("card-number").fill(cardNumber);
  await frame.getByTestId("card-expiry").fill(nextYearExpiry());
  await frame.getByTestId("card-cvv").fill("123");
  await frame.getByTestId("card-name").fill("Asha Rao");
  await frame.getByTestId("pay-button").click();
}

export async function payByUpi(page: Page, vpa: string) {
  const frame = paymentFrame(page);
  await frame.getByTestId("upi-tab").click();
  await frame.getByTestId("upi-vpa").fill(vpa);
  await frame.getByTestId("pay-button").click();
}

/** Waits for the gateway to send the browser back and the shop to show the order. */
export async function expectOrderPage(page: Page, state: ShopperPaymentState) {
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?key=/, { timeout: 30_000 });
  await expect(page.getByTestId("order-state")).toHaveAttribute("data-state", state, { timeout: 30_000 });
}

export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}
