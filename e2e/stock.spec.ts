import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { expectOrderPage, fillCheckoutDetails, payByCard, sandbox, screenshot } from "./support/purchase";
import { refundByAmount } from "./support/refund-form";
import { addFromHomePage, expectCartCount, newShopper } from "./support/shopper";

// The last unit: the admin stocks one Block-print Table Runner (no other spec buys it), two
// shoppers press Pay at the same moment, one pays and the other is told it is gone; the shop
// then shows it out of stock, until a full refund puts it back.

const RUNNER = "Block-print Table Runner";
const RUNNER_PAGE = "/products/block-print-table-runner";

test.afterEach(async () => {
  await sandbox().reset();
});

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

function runnerCard(page: Page) {
  return page.getByTestId("product-card").filter({ has: page.getByRole("heading", { name: RUNNER, exact: true }) });
}

/** On /admin/stock: sets the product's level and waits for the shop to confirm it. */
async function setStock(admin: Page, name: string, level: number) {
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Stock", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Stock", level: 1 })).toBeVisible();
  const row = admin.getByTestId("stock-row").filter({ has: admin.getByRole("rowheader", { name }) });
  await row.getByLabel(`Stock of ${name}`).fill(String(level));
  await row.getByRole("button", { name: `Save stock of ${name}` }).click();
  await expect(row.getByRole("status")).toHaveText(`${name}: ${level} in stock.`);
  await expect(row.getByTestId("stock-status")).toHaveText(level === 0 ? "Out of stock" : `Only ${level} left`);
}

/** A shopper with the last runner in the cart, on the checkout page, details filled in. */
async function readyToPay(page: Page) {
  await page.goto("/");
  await expect(runnerCard(page).getByTestId("stock-status")).toHaveText("Only 1 left");
  await addFromHomePage(page, RUNNER, 1);
  await page.goto("/checkout");
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await fillCheckoutDetails(page, { email: newShopper("last-runner").email });
}

/** What pressing Pay led to: the gateway's overlay, or the shop's refusal. */
async function outcomeOf(page: Page): Promise<"paying" | "refused"> {
  const overlay = page.getByRole("dialog", { name: /Atom secure payment/ });
  await expect(overlay.or(page.getByTestId("checkout-error"))).toBeVisible();
  return (await overlay.isVisible()) ? "paying" : "refused";
}

test("two shoppers race for the last item: one pays, the other is told it is gone", async ({ browser }, testInfo) => {
  // Three browsers, a payment and a refund.
  test.slow();
  const admin = await newPage(browser);
  await signInAsAdmin(admin);
  await setStock(admin, RUNNER, 1);
  await expectNoViolations(admin, "admin stock");
  await screenshot(admin, testInfo, "admin stock");

  const shoppers = [await newPage(browser), await newPage(browser)] as const;
  for (const shopper of shoppers) await readyToPay(shopper);
  await Promise.all(shoppers.map((shopper) => shopper.getByRole("button", { name: /^Pay ₹/ }).click()));
  const outcomes = await Promise.all(shoppers.map(outcomeOf));
  expect([...outcomes].sort()).toEqual(["paying", "refused"]);
  const winner = shoppers[outcomes.indexOf("paying")]!;
  const loser = shoppers[outcomes.indexOf("refused")]!;

  await expect(loser.getByTestId("checkout-error")).toHaveText(
    `${RUNNER} is out of stock. Change your cart to continue.`,
  );
  await screenshot(loser, testInfo, "told it is gone");
  await payByCard(winner, "4111111111111111");
  await expectOrderPage(winner, "paid");
  const orderId = new URL(winner.url()).pathname.split("/").pop()!;

  // The loser's cart keeps the line and says what to do; the shop shows the runner out of stock.
  await loser.goto("/cart");
  await expect(loser.getByTestId("cart-line-stock")).toHaveText("Out of stock: remove it to check out.");
  await expect(loser.getByTestId("cart-stock-warning")).toBeVisible();
  await expectNoViolations(loser, "cart with a line out of stock");
  await loser.goto("/");
  await expect(runnerCard(loser).getByTestId("stock-status")).toHaveText("Out of stock");
  await expect(runnerCard(loser).getByRole("button", { name: "Add to cart" })).toBeDisabled();
  await loser.goto(RUNNER_PAGE);
  await expect(loser.getByTestId("stock-status")).toHaveText("Out of stock");
  await expect(loser.getByRole("button", { name: "Add to cart" })).toBeDisabled();
  await expectNoViolations(loser, "product out of stock");
  await screenshot(loser, testInfo, "out of stock");

  // The winner sends it back: a full refund, the item put back in stock.
  await admin.goto(`/admin/orders/${orderId}`);
  const refundPanel = admin.getByRole("region", { name: "Refund", exact: true });
  const everything = (await admin.getByTestId("admin-still-refundable").innerText()).replace("₹", "");
  await refundByAmount(refundPanel, everything, "Returned unopened", { restock: true });
  await expect(admin.locator('[data-testid="admin-timeline-event"][data-type="stock_restocked"]')).toHaveCount(1);
  await loser.goto(RUNNER_PAGE);
  await expect(loser.getByTestId("stock-status")).toHaveText("Only 1 left");
  await expect(loser.getByRole("button", { name: "Add to cart" })).toBeEnabled();

  for (const page of [admin, ...shoppers]) await page.context().close();
});

test("adding more than is left is refused with how many there are", async ({ page }) => {
  // The kettle is seeded with 4 ("Only 4 left"); another spec may have bought one.
  await page.goto("/products/brass-chai-kettle");
  await expect(page.getByTestId("stock-status")).toHaveText(/^Only \d left$/);
  const left = Number(/\d+/.exec((await page.getByTestId("stock-status").textContent()) ?? "")![0]);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Quantity").fill(String(left));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expectCartCount(page, left);
  await page.getByLabel("Quantity").fill("1");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(
    page.getByText(
      `Only ${left} of Brass Chai Kettle ${left === 1 ? "is" : "are"} left, and your cart already has ${left}.`,
    ),
  ).toBeVisible();
  await expectCartCount(page, left);
});
