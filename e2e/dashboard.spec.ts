import { expect, test, type Page } from "@playwright/test";
import { formatPercent, shortId } from "../components/admin/format";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { checkoutWith, expectOrderPage, payByCard, screenshot } from "./support/purchase";
import { newShopper } from "./support/shopper";

const SUCCESS_CARD = "4111111111111111";
const DECLINED_CARD = "4000000000000002";

const figure = (page: Page, id: string) => page.locator(`[data-testid="dashboard-figure"][data-figure="${id}"]`);

/** The payments the success-rate figure counts, as its detail line states them. */
async function paymentCounts(page: Page): Promise<{ succeeded: number; failed: number }> {
  const detail = (await figure(page, "success-rate").getByTestId("dashboard-figure-detail").textContent()) ?? "";
  const match = /(\d+) succeeded, (\d+) failed/.exec(detail);
  if (match === null) throw new Error(`no payment counts in "${detail}"`);
  return { succeeded: Number(match[1]), failed: Number(match[2]) };
}

// Other specs pay on the same server before this one: the figures are compared before and after the flow.
test("an admin sees a declined payment and a purchase on the dashboard's figures, charts and failures", async ({
  page,
  browser,
}, testInfo) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(admin.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const before = await paymentCounts(admin);

  // The shopper's card is declined; they pay again with another and the order is paid.
  await checkoutWith(page, ["Green Cardamom"], { email: newShopper("dashboard").email, mobile: "98765 43210" });
  await payByCard(page, DECLINED_CARD);
  await expectOrderPage(page, "failed");
  const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
  await page.getByRole("button", { name: "Pay again" }).click();
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");

  await admin.reload();
  const after = await paymentCounts(admin);
  expect(after.succeeded).toBeGreaterThanOrEqual(before.succeeded + 1);
  expect(after.failed).toBeGreaterThanOrEqual(before.failed + 1);
  // The headline is the rate of the counts it states.
  await expect(figure(admin, "success-rate").getByTestId("dashboard-figure-value")).toHaveText(
    formatPercent(after.succeeded / (after.succeeded + after.failed)),
  );

  // Five charts, drawn; the success rate has a point for this hour, also in its table.
  const charts = admin.getByTestId("dashboard-chart");
  await expect(charts).toHaveCount(5);
  await expect(charts.locator(".recharts-wrapper > svg")).toHaveCount(5);
  const successChart = charts.and(admin.locator('[data-chart="success-rate"]'));
  await expect(successChart.getByRole("application", { name: "Payment success rate: chart" })).toBeVisible();
  await expect(successChart.locator(".recharts-line-dot").first()).toBeVisible();
  await successChart.getByText("Payment success rate as a table").click();
  const hours = successChart.getByTestId("dashboard-chart-table").locator("tbody tr");
  await expect(hours).toHaveCount(24);
  await expect(hours.last().getByRole("cell")).not.toHaveText("No data");

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
  const week = await paymentCounts(admin);
  expect(week.succeeded).toBeGreaterThanOrEqual(after.succeeded);
  expect(week.failed).toBeGreaterThanOrEqual(after.failed);
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
