import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { expectOrderPage, fillCheckoutDetails, payByCard, SUCCESS_CARD } from "./support/purchase";
import { addFromHomePage } from "./support/shopper";

// The screenshots README shows, taken from the running shop: a laptop's screen (1280×800)
// or a phone's (390×844), the visible part only. They are written to docs/screenshots/ when
// README_SCREENSHOTS=1 (`npm run screenshots`); otherwise they are only attached to the
// report, so a test run leaves the committed images alone.

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const FOLDER = path.join(process.cwd(), "docs", "screenshots");

async function capture(page: Page, name: string) {
  // Fonts and pictures loaded, nothing animating (the caret, spinners).
  await page.waitForLoadState("networkidle");
  const body = await page.screenshot({ animations: "disabled", caret: "hide" });
  await test.info().attach(name, { body, contentType: "image/png" });
  if (process.env.README_SCREENSHOTS === "1") {
    mkdirSync(FOLDER, { recursive: true });
    await page.screenshot({ path: path.join(FOLDER, `${name}.png`), animations: "disabled", caret: "hide" });
  }
}

test("README's screenshots: catalog, product, cart on a phone, checkout, order, admin", async ({ browser }) => {
  test.setTimeout(120_000);
  const shopper = await browser.newContext({ viewport: DESKTOP });
  const page = await shopper.newPage();
  await page.goto("/");
  await expect(page.getByTestId("product-card")).toHaveCount(12);
  await capture(page, "catalog");

  await page.goto("/products/masala-chai-blend");
  await expect(page.getByRole("heading", { level: 1, name: "Masala Chai Blend" })).toBeVisible();
  await capture(page, "product");

  const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const phonePage = await phone.newPage();
  await phonePage.goto("/");
  await addFromHomePage(phonePage, "Masala Chai Blend", 1);
  await addFromHomePage(phonePage, "Kulhad Cups, set of 6", 2);
  await addFromHomePage(phonePage, "Green Cardamom", 3);
  await phonePage.goto("/cart");
  await expect(phonePage.getByTestId("cart-line")).toHaveCount(3);
  await capture(phonePage, "cart-phone");
  await phone.close();

  await page.goto("/");
  await addFromHomePage(page, "Masala Chai Blend", 1);
  await addFromHomePage(page, "Brass Chai Kettle", 2);
  await page.goto("/checkout");
  await fillCheckoutDetails(page);
  await page.getByLabel("PIN code").blur();
  await capture(page, "checkout");
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  await expect(page.getByRole("dialog", { name: /Atom secure payment/ })).toBeVisible();
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
  await capture(page, "order-confirmed");
  const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
  await shopper.close();

  const admin = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin/orders/${orderId}`);
  await expect(admin.getByTestId("admin-timeline-event").first()).toBeVisible();
  await capture(admin, "admin-order");
  await admin.context().close();
});
