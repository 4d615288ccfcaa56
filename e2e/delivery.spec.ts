import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import {
  checkoutWith,
  expectOrderPage,
  fillCheckoutDetails,
  payByCard,
  sandbox,
  screenshot,
  SHOPPER_DETAILS,
  SUCCESS_CARD,
  type CheckoutDetails,
} from "./support/purchase";
import { addFromHomePage, newShopper, signUp } from "./support/shopper";

// The checkout's delivery details and the shipment a shopper can follow, at desktop and
// phone sizes: the address reaches the order, the form never loses what was typed, and the
// carrier and tracking number an admin gives reach the shopper's order page.

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

const LABELS: Record<keyof CheckoutDetails, string> = {
  email: "Email",
  mobile: "Mobile number",
  name: "Full name",
  line1: "Address line 1",
  line2: "Address line 2 (optional)",
  city: "Town or city",
  state: "State or union territory",
  pinCode: "PIN code",
};

const payButton = (page: Page) => page.getByRole("button", { name: /^Pay ₹/ });
const overlay = (page: Page) => page.getByRole("dialog", { name: /Atom secure payment/ });

async function expectDetails(page: Page, details: CheckoutDetails) {
  for (const [field, label] of Object.entries(LABELS) as Array<[keyof CheckoutDetails, string]>) {
    await expect(page.getByLabel(label), label).toHaveValue(details[field]);
  }
}

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test.afterEach(async () => {
  await sandbox().reset();
});

for (const [size, viewport] of Object.entries(SIZES)) {
  test.describe(`delivery (${size})`, () => {
    test.use({ viewport });

    test("a shopper pays with a delivery address and finds it on the order page", async ({ page }, testInfo) => {
      const email = newShopper(`address-${size}`).email;
      await checkoutWith(page, ["Darjeeling First Flush"], { email });
      await payByCard(page, SUCCESS_CARD);
      await expectOrderPage(page, "paid");
      await expect(page.getByRole("heading", { name: "Payment received — thank you!" })).toBeVisible();
      const address = page.getByTestId("order-delivery-address");
      await expect(address).toContainText(SHOPPER_DETAILS.name);
      await expect(address).toContainText(SHOPPER_DETAILS.line1);
      await expect(address).toContainText(SHOPPER_DETAILS.line2);
      await expect(address).toContainText("Bengaluru, Karnataka 560003");
      await expect(page.getByTestId("order-shipment")).toHaveCount(0);
      await expectNoSidewaysScroll(page);
      await expectNoViolations(page, "order page with its address");
      await screenshot(page, testInfo, "order with address");
    });

    test("the form keeps every value through a field error, a refusal and a closed overlay", async ({
      page,
    }, testInfo) => {
      await page.goto("/");
      await addFromHomePage(page, "Lakadong Turmeric", 1);
      await page.goto("/checkout");
      const typed: CheckoutDetails = {
        ...SHOPPER_DETAILS,
        email: newShopper(`keeps-${size}`).email,
        state: "Tamil Nadu",
        city: "",
        pinCode: "012345",
      };
      await fillCheckoutDetails(page, typed);
      await payButton(page).click();

      // Field errors: each beside its field, and the first invalid one (the city) has the focus.
      const city = page.getByLabel(LABELS.city);
      await expect(page.getByText("Enter the town or city (at least 2 characters)")).toBeVisible();
      await expect(page.getByText("Enter a 6-digit PIN code (it does not start with 0)")).toBeVisible();
      await expect(city).toBeFocused();
      await expect(city).toHaveAttribute("aria-invalid", "true");
      await expect(city).toHaveAccessibleDescription("Enter the town or city (at least 2 characters)");
      await expect(page.getByLabel(LABELS.pinCode)).toHaveAttribute("aria-invalid", "true");
      await expect(overlay(page)).toHaveCount(0);
      await expectDetails(page, typed);
      await expectNoViolations(page, "checkout with field errors");
      await screenshot(page, testInfo, "field errors");

      // The gateway refuses: the shop says so, and the form still holds everything.
      const fixed = { ...typed, city: "Chennai", pinCode: "600 004" };
      await city.fill(fixed.city);
      await page.getByLabel(LABELS.pinCode).fill(fixed.pinCode);
      await sandbox().set({ api: { auth: { fail5xx: true } } });
      await payButton(page).click();
      await expect(page.getByTestId("checkout-error")).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText("Enter a 6-digit PIN code (it does not start with 0)")).toHaveCount(0);
      await expectDetails(page, fixed);
      await screenshot(page, testInfo, "gateway refused");

      // Pay again works, and the overlay, closed unpaid, leaves the form as it was.
      await sandbox().reset();
      await payButton(page).click();
      await expect(overlay(page)).toBeVisible();
      await page.getByTestId("atom-sandbox-close").click();
      await expect(overlay(page)).toHaveCount(0);
      await expectDetails(page, fixed);
      await expect(payButton(page)).toBeEnabled();
      await expectNoSidewaysScroll(page);
    });

    test("an admin ships with carrier and tracking number, and the shopper follows the parcel", async ({
      page,
      browser,
    }, testInfo) => {
      // Two browsers, a payment and two admin steps.
      test.slow();
      const email = newShopper(`shipped-${size}`).email;
      await checkoutWith(page, ["Copper Water Bottle"], { email });
      await payByCard(page, SUCCESS_CARD);
      await expectOrderPage(page, "paid");
      const orderUrl = page.url();
      const orderId = new URL(orderUrl).pathname.split("/").at(-1)!;

      const admin = await (await browser.newContext({ viewport })).newPage();
      await signInAsAdmin(admin);
      await admin.goto(`/admin/orders/${orderId}`);
      await expect(admin.getByTestId("admin-delivery-address")).toContainText("Bengaluru, Karnataka 560003");
      // A tracking number with a slash is refused beside its field; the carrier stays typed.
      await admin.getByLabel("Carrier").fill("Delhivery");
      await admin.getByLabel("Tracking number").fill("DL/123");
      await admin.getByRole("button", { name: "Mark shipped" }).click();
      const tracking = admin.getByLabel("Tracking number");
      await expect(admin.getByText("A tracking number has only letters, digits and hyphens")).toBeVisible();
      await expect(tracking).toBeFocused();
      await expect(tracking).toHaveAttribute("aria-invalid", "true");
      await expect(admin.getByLabel("Carrier")).toHaveValue("Delhivery");
      await expect(admin.getByTestId("admin-order-status")).toHaveText("Paid");
      await expectNoViolations(admin, "admin order with a shipping error");

      await tracking.fill("DL-2025-778812");
      await admin.getByRole("button", { name: "Mark shipped" }).click();
      await expect(admin.getByTestId("admin-order-status")).toHaveText("Shipped");
      await expect(admin.getByTestId("admin-shipping-carrier")).toHaveText("Delhivery");
      await expect(admin.getByTestId("admin-tracking-number")).toHaveText("DL-2025-778812");
      await expectNoViolations(admin, "admin order shipped");
      await screenshot(admin, testInfo, "admin shipped");

      await page.goto(orderUrl);
      await expectOrderPage(page, "shipped");
      await expect(page.getByRole("heading", { name: "Your order is on its way" })).toBeVisible();
      await expect(page.getByText("We will let you know when it ships.")).toHaveCount(0);
      await expect(page.getByTestId("order-carrier")).toHaveText("Delhivery");
      await expect(page.getByTestId("order-tracking-number")).toHaveText("DL-2025-778812");
      await expectNoSidewaysScroll(page);
      await expectNoViolations(page, "order page shipped");
      await screenshot(page, testInfo, "shopper follows the parcel");

      await admin.getByRole("button", { name: "Mark delivered" }).click();
      await expect(admin.getByTestId("admin-order-status")).toHaveText("Delivered");
      await page.reload();
      await expectOrderPage(page, "delivered");
      await expect(page.getByRole("heading", { name: "Your order has been delivered" })).toBeVisible();
      await expect(page.getByText("We will let you know when it ships.")).toHaveCount(0);
      await expect(page.getByTestId("order-tracking-number")).toHaveText("DL-2025-778812");
      await admin.context().close();
    });
  });
}

test("a signed-in shopper is offered their last order's details", async ({ page }, testInfo) => {
  test.slow();
  const shopper = newShopper("returning");
  await signUp(page, shopper);
  const first: Partial<CheckoutDetails> = {
    email: shopper.email,
    name: "Meera Iyer",
    line1: "7 Lake View Road",
    line2: "",
    city: "Kolkata",
    state: "West Bengal",
    pinCode: "700029",
  };
  await checkoutWith(page, ["Kulhad Cups, set of 6"], first);
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");

  await page.goto("/");
  await addFromHomePage(page, "Green Cardamom", 1);
  await page.goto("/checkout");
  await expect(page.getByTestId("checkout-from-last-order")).toHaveText(/From your last order/);
  await expectDetails(page, { ...SHOPPER_DETAILS, ...first, mobile: "9876543210" } as CheckoutDetails);
  await expectNoViolations(page, "checkout offering the last order's details");
  await screenshot(page, testInfo, "details from the last order");
});
