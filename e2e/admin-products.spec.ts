import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { expectOrderPage, fillCheckoutDetails, payByCard, sandbox, screenshot, SUCCESS_CARD } from "./support/purchase";
import { addFromHomePage, newShopper } from "./support/shopper";

// An admin's products: the list with its filters, a price and description changed and seen at
// once in the shop and charged on the next order, a product withdrawn and gone from the
// catalog, a bad price refused beside its field. Each test puts the seed's values back, for
// the specs that run after it.

const TOWEL = "Handloom Cotton Towel";
const TOWEL_PAGE = "/products/handloom-cotton-towel";
const BOTTLE = "Copper Water Bottle";
const BOTTLE_PAGE = "/products/copper-water-bottle";

test.beforeEach(() => {
  // Each test signs an admin in and saves through the server: slow on a busy machine.
  test.slow();
});

test.afterEach(async () => {
  await sandbox().reset();
});

/** On /admin/products: the product's row, found by searching its name. */
async function findInList(admin: Page, name: string) {
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Products", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
  await admin.getByRole("searchbox", { name: "Name" }).fill(name);
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/[?&]q=/);
  const row = admin.getByTestId("admin-product-row").filter({ has: admin.getByRole("link", { name, exact: true }) });
  await expect(row).toHaveCount(1);
  return row;
}

/** Opens the product's edit page from the list. */
async function openProduct(admin: Page, name: string) {
  await (await findInList(admin, name)).getByRole("link", { name, exact: true }).click();
  await expect(admin.getByRole("heading", { name, level: 1 })).toBeVisible();
  // A click before hydration would post the form natively.
  await admin.waitForLoadState("networkidle");
}

async function save(admin: Page, name: string) {
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByTestId("product-form-result")).toHaveText(`Saved ${name}.`);
}

test("an admin lists and filters the products", async ({ page }, testInfo) => {
  await signInAsAdmin(page);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Products", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
  const rows = page.getByTestId("admin-product-row");
  await expect(rows).toHaveCount(12);
  const kettle = rows.filter({ has: page.getByRole("link", { name: "Brass Chai Kettle", exact: true }) });
  await expect(kettle.getByRole("cell")).toHaveText([
    /^₹2,499\.00$/,
    /^\d+$/,
    "Yes",
    "Kitchen & Serveware",
    "5%",
    "7418",
  ]);
  await expectNoViolations(page, "admin products");
  await screenshot(page, testInfo, "admin products");

  await page.getByLabel("Category").selectOption({ label: "Tea" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/category=tea/);
  await expect(rows).toHaveCount(3);
  for (const name of await rows.getByRole("link").allTextContents())
    expect(["Assam Breakfast Tea", "Darjeeling First Flush", "Masala Chai Blend"]).toContain(name);

  // Low stock: the kettle is seeded with 4 (another spec may have bought one), the towel with many.
  await page.goto("/admin/products?low=1");
  await expect(page.getByLabel("Low stock (5 or fewer)")).toBeChecked();
  await expect(rows.filter({ hasText: "Brass Chai Kettle" })).toHaveCount(1);
  await expect(rows.filter({ hasText: TOWEL })).toHaveCount(0);

  await page.goto("/admin/products?status=inactive");
  await expect(page.getByText("No products match these filters.")).toBeVisible();
});

test("a new price and description show in the shop at once and the next order is charged the new price", async ({
  page,
  browser,
}, testInfo) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await openProduct(admin, TOWEL);
  const price = admin.getByLabel("Price (₹, GST included)");
  const description = admin.getByLabel("Description");
  const seed = { price: await price.inputValue(), description: await description.inputValue() };
  expect(seed.price).toBe("649.00");
  await expectNoViolations(admin, "admin product edit");

  try {
    await price.fill("1,234.50");
    await description.fill("Woven on a pit loom in Kerala.\n\nWash cold; it softens with every wash.");
    await save(admin, TOWEL);
    await screenshot(admin, testInfo, "admin product saved");

    await page.goto(TOWEL_PAGE);
    await expect(page.getByTestId("product-price")).toHaveText("₹1,234.50");
    await expect(page.getByTestId("product-description").getByRole("paragraph")).toHaveText([
      "Woven on a pit loom in Kerala.",
      "Wash cold; it softens with every wash.",
    ]);

    await page.goto("/");
    await addFromHomePage(page, TOWEL, 1);
    await page.goto("/checkout");
    await fillCheckoutDetails(page, { email: newShopper("new-price").email });
    await page.getByRole("button", { name: "Pay ₹1,234.50" }).click();
    await expect(page.getByRole("dialog", { name: /Atom secure payment/ })).toBeVisible({ timeout: 30_000 });
    await payByCard(page, SUCCESS_CARD);
    await expectOrderPage(page, "paid");
    const orderId = new URL(page.url()).pathname.split("/").pop()!;
    await admin.goto(`/admin/orders/${orderId}`);
    await expect(admin.getByText("₹1,234.50").first()).toBeVisible();
  } finally {
    await openProduct(admin, TOWEL);
    await price.fill(seed.price);
    await description.fill(seed.description);
    await save(admin, TOWEL);
  }
  await page.goto(TOWEL_PAGE);
  await expect(page.getByTestId("product-price")).toHaveText("₹649.00");
  await admin.context().close();
});

test("a product taken off sale leaves the catalog and search", async ({ page, browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await openProduct(admin, BOTTLE);
  const forSale = admin.getByLabel("For sale");
  try {
    await forSale.uncheck();
    await save(admin, BOTTLE);
    await expect(admin.getByText("Not for sale", { exact: true })).toBeVisible();

    await page.goto("/");
    await expect(page.getByTestId("product-card").filter({ hasText: BOTTLE })).toHaveCount(0);
    await page.goto("/?q=copper");
    await expect(page.getByTestId("product-card").filter({ hasText: BOTTLE })).toHaveCount(0);
    expect((await page.goto(BOTTLE_PAGE))?.status()).toBe(404);

    await admin.goto("/admin/products?status=inactive");
    await expect(admin.getByTestId("admin-product-row")).toHaveText([new RegExp(BOTTLE)]);
  } finally {
    await openProduct(admin, BOTTLE);
    await forSale.check();
    await save(admin, BOTTLE);
  }
  expect((await page.goto(BOTTLE_PAGE))?.status()).toBe(200);
  await page.goto("/?q=copper");
  await expect(page.getByTestId("product-card").filter({ hasText: BOTTLE })).toHaveCount(1);
  await admin.context().close();
});

test("a bad price is refused beside its field and nothing changes", async ({ page }) => {
  await signInAsAdmin(page);
  await openProduct(page, TOWEL);
  const price = page.getByLabel("Price (₹, GST included)");
  const shown = await price.inputValue();
  await price.fill("12.345");
  await page.getByLabel("Summary").fill("Changed, but not saved.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("product-form-result")).toHaveText(
    "Nothing was saved: correct the fields marked below.",
  );
  await expect(price).toHaveAttribute("aria-invalid", "true");
  await expect(price).toHaveAccessibleDescription(/Enter rupees with at most 2 decimals, e\.g\. 250 or 250\.50\./);
  await expect(price).toBeFocused();
  // What was typed stays, to correct.
  await expect(price).toHaveValue("12.345");
  await expectNoViolations(page, "admin product with a field error");

  await price.fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(price).toHaveAccessibleDescription(/Enter a price above ₹0\.00\./);

  await page.reload();
  await expect(price).toHaveValue(shown);
  await expect(page.getByLabel("Summary")).not.toHaveValue("Changed, but not saved.");
});

test("on a phone the list comes first and fits the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsAdmin(page);
  await page.goto("/admin/products");
  await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
  // The filters are folded: the list is on the first screen.
  await expect(page.getByRole("searchbox", { name: "Name" })).toBeHidden();
  const first = page.getByTestId("admin-product-row").first().getByRole("link");
  await expect(first).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByText("Filters", { exact: true }).click();
  await page.getByRole("searchbox", { name: "Name" }).fill("kettle");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("admin-product-row")).toHaveCount(1);
  await page.getByRole("link", { name: "Brass Chai Kettle" }).click();
  await expect(page.getByRole("heading", { name: "Brass Chai Kettle", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectNoViolations(page, "admin product on a phone");
});
