import { expect, type Page } from "@playwright/test";

/** The password every e2e shopper account is made with. Test-only. */
export const SHOPPER_PASSWORD = "chai-and-biscuits-8";

/**
 * The other passwords the specs type (wrong guesses, a second sign-up), named here so the
 * secret scan (e2e/support/secrets.ts) looks for every password typed during a run.
 */
export const OTHER_TYPED_PASSWORDS = {
  lockout: ["wrong-password-1", "wrong-password-2", "wrong-password-3", "wrong-password-4", "wrong-password-5"],
  wrongGuess: "not-the-password",
  secondSignUp: "another-password-9",
  someoneElsesGuess: "someone-elses-guess-1",
  matrixGuess: "matrix-wrong-password-1",
} as const;

/** A fresh shopper account's credentials (unique per call: every e2e run shares one database). */
export function newShopper(label: string) {
  return {
    email: `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@e2e.test`,
    password: SHOPPER_PASSWORD,
  };
}

export async function expectCartCount(page: Page, count: number) {
  await expect(page.getByTestId("cart-count")).toHaveText(String(count));
}

/** From the home page: the product's card → "Add to cart", then waits for the header to agree. */
export async function addFromHomePage(page: Page, productName: string, expectedCount: number) {
  // A click before hydration would post the form natively; wait until the page's scripts have loaded.
  await page.waitForLoadState("networkidle");
  const card = page
    .getByTestId("product-card")
    .filter({ has: page.getByRole("heading", { name: productName, exact: true }) });
  await card.getByRole("button", { name: "Add to cart" }).click();
  // The header count is the outcome. (A click that lands before hydration posts the form
  // natively: the item is added but the inline "Added" message is not shown.)
  await expectCartCount(page, expectedCount);
}

export async function signUp(page: Page, shopper: { email: string; password: string }, name?: string) {
  await page.goto("/sign-up");
  if (name) await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password").fill(shopper.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signIn(page: Page, shopper: { email: string; password: string }) {
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password").fill(shopper.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}
