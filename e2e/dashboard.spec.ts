import { expect, test, type Page } from "@playwright/test";
import { formatPercent, shortId } from "../components/admin/format";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { checkoutWith, expectOrderPage, payByCard, screenshot, SUCCESS_CARD } from "./support/purchase";
import { newShopper } from "./support/shopper";

const DECLINED_CARD = "4000000000000002";

const figure = (page: Page, id: string) => page.locator(`[data-testid="dashboard-figure"][data-figure="${id}"]`);

/** What the figures count, as their detail lines and the per-API table state them. */
async function counts(page: Page) {
  const detail = async (id: string) =>
    (await figure(page, id).getByTestId("dashboard-figure-detail").textContent()) ?? "";
  const numbers = (text: string, pattern: RegExp) => {
    const match = pattern.exec(text);
    if (match === null) throw new Error(`"${text}" does not match ${pattern}`);
    return match.slice(1).map(Number);
  };
  const [succeeded, failed] = numbers(await detail("success-rate"), /(\d+) succeeded, (\d+) failed/);
  const [callbacks, returns] = numbers(await detail("signature-failures"), /\((\d+) callbacks, (\d+) returns/);
  const authRow = page.locator('[data-testid="dashboard-api-row"][data-api="AUTH"]');
  const authCalls = Number(await authRow.getByRole("cell").first().textContent());
  return { succeeded: succeeded!, failed: failed!, callbacks: callbacks!, returns: returns!, authCalls };
}

// Other specs pay on the same server before this one: the figures are compared before and after the flow.
test("an admin sees a declined payment and a purchase in the dashboard's figures, charts and failures", async ({
  page,
  browser,
}, testInfo) => {
  // Two payments, two windows, a phone and an accessibility check: a long story.
  test.slow();
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(admin.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const before = await counts(admin);

  // The shopper's card is declined; they pay again with another and the order is paid.
  await checkoutWith(page, ["Green Cardamom"], { email: newShopper("dashboard").email, mobile: "98765 43210" });
  await payByCard(page, DECLINED_CARD);
  await expectOrderPage(page, "failed");
  const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
  await page.getByRole("button", { name: "Pay again" }).click();
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");

  // Two tries: two AUTH calls, a callback and a return each (the gateway's callback may come a little later).
  let after = before;
  await expect(async () => {
    await admin.reload();
    after = await counts(admin);
    expect(after.succeeded).toBeGreaterThanOrEqual(before.succeeded + 1);
    expect(after.failed).toBeGreaterThanOrEqual(before.failed + 1);
    expect(after.authCalls).toBeGreaterThanOrEqual(before.authCalls + 2);
    expect(after.callbacks).toBeGreaterThanOrEqual(before.callbacks + 2);
    expect(after.returns).toBeGreaterThanOrEqual(before.returns + 2);
  }).toPass({ timeout: 30_000 });
  // The headline is the rate of the counts it states; the gateway answered, in some milliseconds.
  await expect(figure(admin, "success-rate").getByTestId("dashboard-figure-value")).toHaveText(
    formatPercent(after.succeeded / (after.succeeded + after.failed)),
  );
  await expect(figure(admin, "response-time").getByTestId("dashboard-figure-value")).toHaveText(/^[\d,]+ ms$/);
  await expect(figure(admin, "availability").getByTestId("dashboard-figure-value")).toHaveText(/^\d+\.\d %$/);

  // Five charts, drawn; the success rate has a point for this hour (or the last), also in its table.
  const charts = admin.getByTestId("dashboard-chart");
  await expect(charts).toHaveCount(5);
  await expect(charts.locator(".recharts-wrapper > svg")).toHaveCount(5);
  const successChart = charts.and(admin.locator('[data-chart="success-rate"]'));
  await expect(successChart.getByRole("application", { name: "Payment success rate: chart" })).toBeVisible();
  await expect(successChart.locator(".recharts-line-dot").first()).toBeVisible();
  const responseChart = charts.and(admin.locator('[data-chart="response-time"]'));
  await expect(responseChart.locator(".recharts-line-dot").first()).toBeVisible();
  await successChart.getByText("Payment success rate as a table").click();
  const hours = successChart.getByTestId("dashboard-chart-table").locator("tbody tr");
  await expect(hours).toHaveCount(24);
  // This hour's row has the payments, or the hour before's when the hour turned since they were made.
  const lastTwoHours = (await hours.allTextContents()).slice(-2);
  expect(lastTwoHours.some((row) => !row.includes("No data"))).toBe(true);

  // The declined payment is among the recent failures, and leads to its order.
  const failure = admin.getByTestId("dashboard-failure").filter({ hasText: shortId(orderId) });
  await expect(failure).toHaveCount(1);
  await expect(failure).toContainText("Payment failed");
  await expectNoViolations(admin, "dashboard");
  await screenshot(admin, testInfo, "dashboard, last 24 hours");

  // The last 7 days, in 6-hour points; the figures count this flow too.
  await admin.getByRole("link", { name: "Last 7 days" }).click();
  await expect(admin).toHaveURL(/\/admin\?window=7d$/);
  await expect(admin.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");
  const week = await counts(admin);
  expect(week.succeeded).toBeGreaterThanOrEqual(after.succeeded);
  expect(week.failed).toBeGreaterThanOrEqual(after.failed);
  expect(week.callbacks).toBeGreaterThanOrEqual(after.callbacks);
  const weekChart = admin.locator('[data-testid="dashboard-chart"][data-chart="success-rate"]');
  await weekChart.getByText("Payment success rate as a table").click();
  await expect(weekChart.getByTestId("dashboard-chart-table").locator("tbody tr")).toHaveCount(28);
  await expect(admin.locator(".recharts-wrapper > svg")).toHaveCount(5);

  // On a phone the page itself never scrolls sideways.
  await admin.setViewportSize({ width: 375, height: 740 });
  await expect(admin.locator(".recharts-wrapper > svg")).toHaveCount(5);
  expect(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(admin, testInfo, "dashboard, last 7 days, phone");

  await failure.getByRole("link").click();
  await expect(admin).toHaveURL(new RegExp(`/admin/orders/${orderId}$`));
  await expect(admin.getByTestId("admin-order-status")).toHaveText("Paid");
  await admin.context().close();
});
