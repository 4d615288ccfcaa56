import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./support/accounts";
import { expectNoViolations } from "./support/axe";
import { checkoutWith, expectOrderPage, payByCard, screenshot, SUCCESS_CARD } from "./support/purchase";
import { newShopper, signIn } from "./support/shopper";

/** Signs the admin in on the sign-in page (the storefront: the dashboard's figures are not needed here). */
async function signInAdmin(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await signIn(page, E2E_ADMIN);
}

// An admin makes an API token on /admin/api-tokens and a script refunds with it through
// POST /api/admin/refunds: the refund lands on the order like the page's, a retry with the
// same Idempotency-Key answers the same refund, and a revoked token stops working at once.

test("an admin's script refunds through the API with a token made on the tokens page, until it is revoked", async ({
  page,
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  // A purchase, an admin's sign-in and the API calls: longer than one page's story on a busy machine.
  test.setTimeout(180_000);
  await checkoutWith(page, ["Assam Breakfast Tea"], { email: newShopper("refunds-api").email });
  await payByCard(page, SUCCESS_CARD);
  await expectOrderPage(page, "paid");
  const orderId = new URL(page.url()).pathname.split("/").at(-1)!;

  const admin = await (await browser.newContext()).newPage();
  await signInAdmin(admin);
  await admin.goto("/admin/api-tokens");
  await expect(admin.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expectNoViolations(admin, "API tokens");
  const name = `E2E script ${randomUUID().slice(0, 8)}`;
  await admin.getByLabel("What is it for?").fill(name);
  await admin.getByRole("button", { name: "Make a token" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Copy the token now" })).toBeVisible();
  const token = await admin.getByLabel("The new token (shown once)").inputValue();
  expect(token).toMatch(/^lbk_[\w-]{43}$/);
  const row = admin.getByTestId("token-row").filter({ hasText: name });
  await expect(row).toContainText("never");
  await expectNoViolations(admin, "API tokens with a new token");
  await screenshot(admin, testInfo, "api tokens");

  // The script: no cookies, only the token.
  const script = await playwright.request.newContext({ baseURL });
  const key = randomUUID();
  const refund = () =>
    script.post("/api/admin/refunds", {
      headers: { authorization: `Bearer ${token}`, "idempotency-key": key },
      data: { orderId, amountPaise: 100, reason: "E2E: refunded by a script" },
    });
  const created = await refund();
  expect(created.status()).toBe(201);
  const body = (await created.json()) as { id: string; status: string; amountPaise: number; refundTxnId: string };
  expect(body).toMatchObject({ status: "completed", amountPaise: 100 });
  const again = await refund();
  expect(again.status()).toBe(200);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect(((await again.json()) as { id: string }).id).toBe(body.id);
  const read = await script.get(`/api/admin/refunds/${body.id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(read.status()).toBe(200);

  // The order page lists the script's refund, as one of its own.
  await admin.goto(`/admin/orders/${orderId}`);
  await expect(admin.getByText(body.refundTxnId).first()).toBeVisible();

  // Revoked on the page: the next call is refused.
  await admin.goto("/admin/api-tokens");
  await row.getByRole("button", { name: /Revoke/ }).click();
  await expect(row.getByTestId("token-revoked")).toBeVisible();
  await expect(row).not.toContainText("never");
  const refused = await script.get(`/api/admin/refunds/${body.id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("invalid_token");
  await script.dispose();
});

test("the tokens page fits a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInAdmin(page);
  await page.goto("/admin/api-tokens");
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expectNoViolations(page, "API tokens on a phone");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
