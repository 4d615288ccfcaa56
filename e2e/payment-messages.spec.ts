import { expect, test, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import {
  checkoutWith,
  expectOrderPage,
  fillCheckoutDetails,
  paymentFrame,
  sandbox,
  screenshot,
} from "./support/purchase";
import { addFromHomePage } from "./support/shopper";

// What the shopper is told when a payment does not happen: cancelled at the gateway, the
// gateway down, the gateway slow. At a laptop's size and at a phone's.

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

test.afterEach(async () => {
  await sandbox().reset();
});

async function fillCheckout(page: Page, product: string) {
  await page.goto("/");
  await addFromHomePage(page, product, 1);
  await page.goto("/checkout");
  await fillCheckoutDetails(page, { email: "meera@example.in", mobile: "91234 56780" });
}

for (const size of SIZES) {
  test.describe(`on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test("cancelling on the gateway's page reads as cancelled, not declined", async ({ page }, testInfo) => {
      await checkoutWith(page, ["Masala Chai Blend"]);
      await paymentFrame(page).getByTestId("cancel-button").click();
      await expectOrderPage(page, "payment_cancelled");
      await expect(page.getByRole("heading", { name: "You cancelled the payment" })).toBeVisible();
      await expect(page.getByText("Nothing was paid and your order is kept.")).toBeVisible();
      await expect(page.getByText("did not go through")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Pay now" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Cancel order" })).toBeVisible();
      // Whom to ask, on the order page itself.
      await expect(
        page.getByTestId("order-state").getByRole("link", { name: "help@lotus-bazaar.example" }),
      ).toBeVisible();
      await expectNoViolations(page, "order page after a cancel");
      await screenshot(page, testInfo, `${size.name} payment cancelled`);
    });

    test("a gateway that answers 503 is reported as down, not as slow", async ({ page }, testInfo) => {
      await sandbox().set({ api: { auth: { fail5xx: true } } });
      await fillCheckout(page, "Assam Breakfast Tea");
      await page.getByRole("button", { name: /^Pay ₹/ }).click();
      const error = page.getByTestId("checkout-error");
      await expect(error).toContainText("The payment service is down at the moment.");
      await expect(error).toContainText("No payment was started and your cart is saved");
      await expect(error).not.toContainText("in time");
      await expect(page.getByRole("dialog")).toHaveCount(0);
      await expectNoViolations(page, "checkout with the gateway down");
      await screenshot(page, testInfo, `${size.name} gateway down`);
    });

    test("a slow gateway shows that the shop is still waiting, then opens the payment", async ({ page }, testInfo) => {
      await sandbox().set({ api: { auth: { hangMs: 6_000 } } });
      await fillCheckout(page, "Darjeeling First Flush");
      await page.getByRole("button", { name: /^Pay ₹/ }).click();
      const notice = page.getByTestId("slow-gateway");
      await expect(notice).toHaveAttribute("role", "status");
      await expect(notice).toHaveText("Still waiting for the payment gateway…", { timeout: 5_000 });
      await expect(page.getByRole("button", { name: "Opening secure payment…" })).toBeDisabled();
      await expectNoViolations(page, "checkout while the gateway is slow");
      await screenshot(page, testInfo, `${size.name} slow gateway`);
      await expect(page.getByRole("dialog", { name: /Atom secure payment/ })).toBeVisible({ timeout: 15_000 });
      await expect(notice).toHaveText("");
    });
  });
}
