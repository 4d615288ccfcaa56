import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { builtAction, builtActions } from "./support/build-manifests";
import { checkoutWith, expectOrderPage, payByCard, sandbox, screenshot, SUCCESS_CARD } from "./support/purchase";
import { callServerAction } from "./support/server-action";
import { newShopper } from "./support/shopper";

// Each story pays through the sandbox and signs in an admin: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.afterEach(async () => {
  await sandbox().reset();
});

/** Signs in as the admin and opens the one order of `email` from the orders list. */
async function openOrderAsAdmin(admin: Page, email: string) {
  await signInAsAdmin(admin);
  await admin.getByLabel("Search").fill(email);
  await admin.getByRole("button", { name: "Apply" }).click();
  await admin.getByTestId("admin-order-row").filter({ hasText: email }).getByRole("link").click();
  await expect(admin.getByTestId("admin-order-status")).toBeVisible();
}

/** A guest pays for `product` with the sandbox's success card; the order is paid. */
async function buy(page: Page, product: string, email: string) {
  await checkoutWith(page, [product], { email, mobile: "98765 43210" });
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
}

/** Reloads until `locator` shows: for what the server does in the background (callbacks). */
async function reloadUntilVisible(page: Page, locator: Locator) {
  await expect(async () => {
    await page.reload();
    await expect(locator).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** The timeline entry of one event type. */
function timelineEvent(admin: Page, type: string): Locator {
  return admin.getByTestId("admin-timeline-event").and(admin.locator(`[data-type="${type}"]`));
}

test("a pending order's money panel says what is due, and nothing is offered that the order does not allow", async ({
  page,
  browser,
}, testInfo) => {
  const email = newShopper("pending-money").email;
  // The shopper opens the payment page and goes no further: the order waits for its payment.
  await checkoutWith(page, ["Sandalwood Incense"], { email, mobile: "98765 43210" });

  const admin = await (await browser.newContext()).newPage();
  await openOrderAsAdmin(admin, email);
  await expect(admin.getByTestId("admin-order-status")).toHaveText("Pending");
  const money = admin.getByRole("region", { name: "Money" });
  await expect(money.getByTestId("admin-money-due")).toHaveText("Awaiting payment: ₹99.00 due");
  await expect(money).not.toContainText("Paid for the goods");
  await expect(money).not.toContainText("Still refundable");
  await expect(admin.getByRole("button", { name: "Mark shipped" })).toHaveCount(0);
  await expect(admin.getByTestId("admin-shipping-closed")).toHaveText(
    "A pending order cannot be marked shipped: it is not paid yet.",
  );
  await expect(admin.getByRole("button", { name: /^Refund/ })).toHaveCount(0);
  await expectNoViolations(admin, "a pending order");
  await screenshot(admin, testInfo, "pending order");
  await admin.context().close();
});

test("a paid order offers shipping, and its timeline reads as sentences with the gateway's detail folded away", async ({
  page,
  browser,
}, testInfo) => {
  const email = newShopper("paid-timeline").email;
  await buy(page, "Masala Chai Blend", email);

  const admin = await (await browser.newContext()).newPage();
  await openOrderAsAdmin(admin, email);
  await expect(admin.getByTestId("admin-order-status")).toHaveText("Paid");
  await expect(admin.getByTestId("admin-money")).toHaveAttribute("data-state", "paid");
  await expect(admin.getByTestId("admin-still-refundable")).toHaveText("₹299.00");
  await expect(admin.getByTestId("admin-payment-method")).toHaveText(/^(Credit|Debit) card$/);

  // The payment in plain words: the method's name, rupees, no internal keys until asked for.
  const paid = timelineEvent(admin, "payment_succeeded");
  await expect(paid.getByTestId("admin-timeline-sentence")).toHaveText(
    /^Payment received by (Credit|Debit) card( \([^)]+\))?: ₹299\.00( \(\+ ₹[\d.]+ gateway fee\))?\.$/,
  );
  await expect(paid).not.toContainText("attemptPath", { useInnerText: true });
  await expect(paid).not.toContainText("29900", { useInnerText: true });
  await paid.getByText("Gateway detail").click();
  await expect(paid.locator("pre")).toBeVisible();
  await expect(paid.locator("pre")).toContainText('"attemptPath"');
  await expect(paid.locator("pre")).toContainText('"amount": 29900');
  await expectNoViolations(admin, "a paid order with its detail open");

  await admin.getByLabel("Carrier").fill("Delhivery");
  await admin.getByLabel("Tracking number").fill("ABC123");
  await admin.getByRole("button", { name: "Mark shipped" }).click();
  await expect(admin.getByTestId("admin-order-status")).toHaveText("Shipped");
  await expect(timelineEvent(admin, "order_shipped").getByTestId("admin-timeline-sentence")).toHaveText(
    "Marked shipped with Delhivery, tracking ABC123.",
  );
  await expect(admin.getByRole("button", { name: "Mark delivered" })).toBeVisible();
  await screenshot(admin, testInfo, "shipped order");
  await admin.context().close();
});

test("a flagged order is not offered for shipping: the page says it needs review first", async ({
  page,
  browser,
}, testInfo) => {
  const email = newShopper("flagged-ship").email;
  // The callback reports another amount under a valid signature: refused, and the order flagged.
  await sandbox().set({ callback: { tamperAmountPaise: 100 } });
  await buy(page, "Sandalwood Incense", email);

  const admin = await (await browser.newContext()).newPage();
  await openOrderAsAdmin(admin, email);
  await reloadUntilVisible(admin, admin.getByTestId("admin-needs-review"));
  await expect(admin.getByTestId("admin-order-status")).toHaveText("Paid");
  await expect(admin.getByRole("button", { name: "Mark shipped" })).toHaveCount(0);
  await expect(admin.getByLabel("Tracking number")).toHaveCount(0);
  await expect(admin.getByTestId("admin-shipping-closed")).toHaveText(
    "Needs review before it ships. Check the timeline, then mark it reviewed.",
  );
  await expect(timelineEvent(admin, "result_mismatch").getByTestId("admin-timeline-sentence")).toHaveText(
    /^A gateway result did not match this order and was refused: .*amount/,
  );
  await expectNoViolations(admin, "a flagged order");
  await screenshot(admin, testInfo, "flagged order");

  await admin.getByTestId("admin-review-form").getByLabel("What did you check?").fill("Amount matches the bank");
  await admin.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(admin.getByTestId("admin-needs-review")).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Mark shipped" })).toBeVisible();
  await admin.context().close();
});

test("the refunds page totals the filtered list, exports it, and checks an unconfirmed refund inline", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const email = newShopper("refunds-page").email;
  await buy(page, "Masala Chai Blend", email);

  const admin = await (await browser.newContext()).newPage();
  await openOrderAsAdmin(admin, email);
  const orderId = new URL(admin.url()).pathname.split("/").at(-1)!;
  const actions = builtActions(process.cwd());
  const refundOrder = builtAction(actions, "components/admin/actions.ts", "refundOrder");
  const checkRefund = builtAction(actions, "components/admin/actions.ts", "checkRefund");
  const refund = (amount: string, reason: string) =>
    callServerAction(admin.request, {
      id: refundOrder.id,
      url: `${baseURL}/admin/orders/${orderId}`,
      fields: { orderId, refundBy: "amount", amount, reason, confirmed: "yes", idempotencyKey: randomUUID() },
    });
  expect((await refund("2.00", "One tin dented")).error).toBeUndefined();
  // The gateway makes the next refund but answers after the client's 15 s: it stays processing.
  await sandbox().set({ api: { refund: { hangMs: 16_000 } } });
  try {
    expect((await refund("1.00", "Lid missing")).refundStatus).toBe("processing");
  } finally {
    await sandbox().set({ api: {} });
  }

  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Refunds", exact: true }).click();
  await admin.getByLabel("Search").fill(email);
  await admin.getByRole("button", { name: "Apply" }).click();
  const rows = admin.getByTestId("admin-refund-row");
  await expect(rows).toHaveCount(2);
  await expect(admin.getByTestId("admin-refund-total-completed")).toContainText("₹2.00");
  await expect(admin.getByTestId("admin-refund-total-completed")).toContainText("1 refund");
  await expect(admin.getByTestId("admin-refund-total-inProgress")).toContainText("₹1.00");
  await expect(admin.getByTestId("admin-refund-total-failed")).toContainText("0 refunds");
  await expectNoViolations(admin, "the refunds page");
  await screenshot(admin, testInfo, "refunds with totals");

  // An amount filter narrows the list and its totals.
  await admin.getByLabel("Amount from (₹)").fill("1.50");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/min=1\.50/);
  await expect(rows).toHaveCount(1);
  await expect(admin.getByTestId("admin-refund-total-inProgress")).toContainText("₹0.00");
  await admin.getByLabel("Amount from (₹)").fill("");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(2);

  // The export: the same filters, every matching refund.
  const downloading = admin.waitForEvent("download");
  await admin.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^refunds-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path())).toString("utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toContain("Refund id,Order id,Shopper email");
  expect(lines).toHaveLength(3);
  expect(lines.filter((line) => line.includes(orderId) && line.includes(email))).toHaveLength(2);
  expect(lines.find((line) => line.includes(",2.00,"))).toContain(",completed,");
  expect(lines.find((line) => line.includes(",1.00,"))).toContain(",processing,");
  expect(csv).toContain("One tin dented");

  // The processing refund is checked from the list itself: the gateway lists it, so it completes.
  const processing = rows.filter({ hasText: "₹1.00" });
  const refundId = await processing.locator('input[name="refundId"]').inputValue();
  await processing.getByRole("button", { name: "Check with the gateway" }).click();
  await expect(processing).toContainText("Completed");
  // The same check from a page still showing it processing (the sync or another admin was first).
  const again = await callServerAction(admin.request, {
    id: checkRefund.id,
    url: `${baseURL}/admin/refunds`,
    fields: { refundId, orderId },
  });
  expect(again.message).toBe("The refund is already completed.");
  await admin.reload();
  await expect(admin.getByTestId("admin-refund-total-completed")).toContainText("₹3.00");
  await expect(admin.getByTestId("admin-refund-total-inProgress")).toContainText("0 refunds");
  await expect(rows.getByRole("button", { name: "Check with the gateway" })).toHaveCount(0);
  await admin.context().close();
});
