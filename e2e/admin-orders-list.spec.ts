import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import {
  checkoutWith,
  expectOrderPage,
  payByCard,
  payByUpi,
  sandbox,
  screenshot,
  SUCCESS_CARD,
} from "./support/purchase";
import { newShopper } from "./support/shopper";

test.afterEach(async () => {
  await sandbox().reset();
});

/** A paid order made as a shopper makes one; its id. */
async function paidOrder(page: Page, email: string, products: string[], pay: (page: Page) => Promise<void>) {
  await checkoutWith(page, products, { email, mobile: "98765 43210" });
  await pay(page);
  await expectOrderPage(page, "paid");
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

const byCard = (page: Page) => payByCard(page, SUCCESS_CARD);
const byUpi = (page: Page) => payByUpi(page, "success@upi");
const reference = (orderId: string) => orderId.slice(0, 8).toUpperCase();

test("an admin filters the orders, sorts them by total, exports them and ships two at once", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const email = newShopper("orders-list").email;
  // ₹99.00 by UPI, ₹2,499.00 by credit card, and one whose callback was tampered with: flagged for review.
  const upi = await paidOrder(page, email, ["Sandalwood Incense"], byUpi);
  const card = await paidOrder(page, email, ["Brass Chai Kettle"], byCard);
  await sandbox().set({ callback: { tamperAmountPaise: 100 } });
  const flagged = await paidOrder(page, email, ["Masala Chai Blend"], byCard);
  await sandbox().reset();

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  const filters = admin.getByRole("search");
  const rows = admin.getByTestId("admin-order-row");
  const rowOf = (orderId: string) => rows.filter({ hasText: reference(orderId) });
  await filters.getByLabel("Search").fill(email);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(3);

  // Needs attention: the flagged order only (its callback arrives on its own, so reload until it has).
  await filters.getByLabel("Needs attention").check();
  await expect(async () => {
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(rows).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(rowOf(flagged)).toContainText("needs review");
  // Flagged: not offered for shipping.
  await expect(rowOf(flagged).getByRole("checkbox")).toHaveCount(0);
  await expect(admin.getByTestId("admin-filters").locator("summary")).toHaveText("Filters · 2 set");
  await filters.getByLabel("Needs attention").uncheck();

  // The payment method, by its plain name.
  await filters.getByLabel("Payment method").selectOption({ label: "UPI" });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/method=UP/);
  await expect(rows).toHaveCount(1);
  await expect(rowOf(upi)).toContainText("UPI");
  await filters.getByLabel("Payment method").selectOption({ label: "Any" });

  // The amount, in rupees.
  await filters.getByLabel("Total from (₹)").fill("1,000");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rowOf(card)).toContainText("₹2,499.00");
  await filters.getByLabel("Total from (₹)").fill("");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(3);

  // Sorted by total: largest first, then the other way; the search stays.
  const table = admin.getByTestId("admin-orders");
  await table.getByRole("link", { name: "Total" }).click();
  await expect(table.getByRole("columnheader", { name: "Total" })).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first()).toContainText(reference(card));
  await expect(rows.last()).toContainText(reference(upi));
  await table.getByRole("link", { name: "Total" }).click();
  await expect(table.getByRole("columnheader", { name: "Total" })).toHaveAttribute("aria-sort", "ascending");
  await expect(admin).toHaveURL(/sort=total&dir=asc/);
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(reference(upi));
  await expect(rows.last()).toContainText(reference(card));
  await expect(table.getByRole("columnheader", { name: "Placed" })).not.toHaveAttribute("aria-sort");
  await expectNoViolations(admin, "orders list, filtered and sorted");

  // The export carries the list's filters and sort.
  const exportLink = admin.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", /\/admin\/orders\/export\?.*sort=total&dir=asc/);
  const [download] = await Promise.all([admin.waitForEvent("download"), exportLink.click()]);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toMatch(/^Order id,Placed \(UTC\),Placed \(India time\),Status,Email,/);
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain(upi);
  expect(lines[1]).toMatch(new RegExp(`^${upi},[^,]+,"[^"]+",paid,${email},9876543210,99\\.00,0\\.00,0\\.00,UPI,`));
  expect(lines[1]).toMatch(/,no,Bengaluru,Karnataka,560003,,$/);
  expect(lines[3]).toContain(`${card},`);
  expect(lines[3]).toContain(",2499.00,0.00,0.00,Credit card,");

  // Bulk ship: a bad tracking number is shown beside its row, and nothing ships.
  const bulk = admin.getByTestId("bulk-ship-form");
  await bulk.getByLabel(`Ship order ${reference(upi)}`).check();
  await bulk.getByLabel(`Tracking number for order ${reference(upi)}`).fill("EE1234567 89IN");
  await bulk.getByLabel(`Tracking number for order ${reference(card)}`).fill("no way!");
  await expect(bulk.getByLabel(`Ship order ${reference(card)}`)).toBeChecked();
  await bulk.getByLabel("Carrier").fill("India Post");
  await bulk.getByRole("button", { name: "Mark ticked orders shipped" }).click();
  const cardTracking = bulk.getByLabel(`Tracking number for order ${reference(card)}`);
  await expect(cardTracking).toHaveAttribute("aria-invalid", "true");
  await expect(cardTracking).toHaveAccessibleDescription("A tracking number has only letters, digits and hyphens");
  await expect(cardTracking).toBeFocused();
  await expect(bulk.getByTestId("bulk-ship-status")).toContainText("Nothing was marked shipped");
  await expectNoViolations(admin, "bulk ship with an error");

  await cardTracking.fill("DL-778899");
  await bulk.getByRole("button", { name: "Mark ticked orders shipped" }).click();
  await expect(bulk.getByTestId("bulk-ship-status")).toContainText("2 of 2 orders marked shipped.");
  await expect(bulk.getByTestId("bulk-ship-results")).toContainText(`${reference(upi)}: shipped`);
  await expect(bulk.getByTestId("bulk-ship-results")).toContainText(`${reference(card)}: shipped`);
  await expect(rowOf(upi)).toContainText("Shipped");
  await expect(rowOf(card)).toContainText("Shipped");
  await expect(rowOf(card).getByRole("checkbox")).toHaveCount(0);
  await screenshot(admin, testInfo, "orders shipped in bulk");

  await admin.goto(`/admin/orders/${card}`);
  await expect(admin.getByTestId("admin-order-status")).toHaveText("Shipped");
  await expect(admin.getByTestId("admin-tracking-number")).toHaveText("DL-778899");
  await admin.context().close();
});

test("on a phone the filters fold away and the list is on the first screen; on a wide screen they are open", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const summary = page.getByTestId("admin-filters").locator("summary");
  await expect(summary).toBeVisible();
  await expect(page.getByRole("search").getByLabel("Payment method")).toBeHidden();
  const firstRow = page.getByTestId("admin-order-row").first();
  await expect(firstRow).toBeInViewport();
  // The table scrolls inside its box; the page itself does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoViolations(page, "orders list on a phone");
  await summary.click();
  await expect(page.getByRole("search").getByLabel("Payment method")).toBeVisible();

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
  await expect(summary).toBeHidden();
  await expect(page.getByRole("search").getByLabel("Payment method")).toBeVisible();
  await expect(page.getByRole("search").getByLabel("Needs attention")).toBeVisible();
  await expectNoViolations(page, "orders list on a wide screen");
});
