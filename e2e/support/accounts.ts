import { expect, type Page } from "@playwright/test";

/** The admin the e2e server seeds (see playwright.config.ts). Test-only credentials. */
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };

/** The bearer token the e2e server's /api/metrics accepts (see playwright.config.ts). Test-only. */
export const E2E_METRICS_TOKEN = "e2e-only-metrics-token-not-for-production";

/** The bearer token that opens the e2e server's sandbox controls to callers off its machine (see playwright.config.ts). Test-only. */
export const E2E_SANDBOX_CONTROL_TOKEN = "e2e-only-sandbox-control-token-not-for-production";

/** Signs in through /admin's redirect, comes back to the dashboard, and opens the orders list from the nav. */
export async function signInAsAdmin(page: Page) {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Orders", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
}
