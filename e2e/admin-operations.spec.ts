import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_ADMIN, signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { checkoutWith, expectOrderPage, payByCard, sandbox, screenshot, SUCCESS_CARD } from "./support/purchase";
import { newShopper } from "./support/shopper";

test.afterEach(async () => {
  await sandbox().reset();
});

/** Reloads until `locator` shows: for what the server does in the background (callbacks, jobs). */
async function reloadUntilVisible(page: Page, locator: Locator) {
  await expect(async () => {
    await page.reload();
    await expect(locator).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

async function openAttentionCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("admin-nav-attention").textContent()) ?? "";
  const match = /Needs attention \((\d+)\)/.exec(text);
  if (match?.[1] === undefined) throw new Error(`no count in "${text}"`);
  return Number(match[1]);
}

test("an admin runs every background job at once and sees what each did", async ({ page }, testInfo) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Jobs", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  const rows = page.getByTestId("admin-job-row");
  await expect(rows).toHaveCount(5);

  await page.getByRole("button", { name: "Run all jobs now" }).click();
  const result = page.getByTestId("run-jobs-result");
  await expect(result).toContainText("Every job ran.");
  const summaries = page.getByTestId("run-jobs-summary");
  await expect(summaries).toHaveCount(5);
  for (const name of ["requery-payments", "sync-refunds", "send-notifications", "expire-orders", "check-consistency"])
    await expect(summaries.filter({ hasText: name })).toContainText(/handled \d+ items?/);
  // The periodic consistency check ran just now, whatever its period.
  const consistency = rows.filter({ hasText: "check-consistency" });
  await expect(consistency.getByRole("cell").first()).not.toContainText("Never");
  await expect(consistency.locator("time").first()).toHaveAttribute("datetime", /^\d{4}-/);
  await screenshot(page, testInfo, "jobs after running them");
});

test("a tampered callback reaches the admins on the notifications page", async ({ page, browser }, testInfo) => {
  const email = newShopper("tampered").email;
  await sandbox().set({ callback: { tamperAmountPaise: 100 } });
  await checkoutWith(page, ["Sandalwood Incense"], { email, mobile: "98765 43210" });
  await payByCard(page, SUCCESS_CARD);
  // The shopper's signed return is genuine: the order is paid, and the tampered callback refused.
  await expectOrderPage(page, "paid");
  const orderId = new URL(page.url()).pathname.split("/").at(-1)!;

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.getByRole("link", { name: "Outbox" }).click();
  await expect(admin.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  await expect(admin.getByTestId("notifications-channel")).toContainText(
    "nothing is emailed, to admins or shoppers; this page is the outbox",
  );
  const notice = admin.getByTestId("admin-notification").filter({ hasText: `(order ${orderId.slice(0, 8)})` });
  await reloadUntilVisible(admin, notice);
  await expect(notice.getByRole("heading")).toContainText("Gateway result does not match its order");
  await expect(notice).toContainText("amount 100 paise differs");
  // The job runner delivers it to the outbox: marked sent, on channel "outbox".
  await reloadUntilVisible(admin, notice.getByText("Sent · outbox"));
  await expectNoViolations(admin, "notifications with one");
  await screenshot(admin, testInfo, "notification");
  await admin.context().close();
});

test("a payment the shop never issued goes on the needs-attention list, and an admin resolves it", async ({
  page,
  browser,
}, testInfo) => {
  // The sandbox's own test checkout pays a merchTxnId the shop does not know; its callback
  // still comes to the shop's /api/atom/callback, which refuses it and opens an item.
  await page.goto("/atom-sandbox/test-checkout");
  const merchTxnId = ((await page.getByTestId("test-merch-txn-id").textContent()) ?? "").trim();
  await page.getByRole("button", { name: "Pay ₹1.00" }).click();
  await payByCard(page, SUCCESS_CARD);
  await expect(page.getByTestId("return-outcome")).toHaveText("success");

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.getByTestId("admin-nav-attention").click();
  await expect(admin.getByRole("heading", { name: "Needs attention", level: 1 })).toBeVisible();
  const item = admin.getByTestId("attention-open-item").filter({ hasText: merchTxnId });
  await reloadUntilVisible(admin, item);
  await expect(item.getByRole("heading")).toHaveText("A payment the gateway reports that the shop does not know");
  await expect(item).toContainText("₹1.00");
  const openBefore = await openAttentionCount(admin);
  await expectNoViolations(admin, "needs attention with an open item");
  await screenshot(admin, testInfo, "open item");

  await item.getByLabel("What did you do about it?").fill("A sandbox test payment: nothing to refund");
  await item.getByRole("button", { name: "Resolve" }).click();
  await expect(item).toHaveCount(0);
  const resolved = admin.getByTestId("attention-resolved-item").filter({ hasText: merchTxnId });
  await expect(resolved).toContainText(E2E_ADMIN.email);
  await expect(resolved).toContainText("A sandbox test payment: nothing to refund");
  await expect(admin.getByTestId("admin-nav-attention")).toHaveText(`Needs attention (${openBefore - 1})`);
  await expectNoViolations(admin, "needs attention with a resolved item");
  await screenshot(admin, testInfo, "resolved");
  await admin.context().close();
});
