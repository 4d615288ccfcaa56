import { expect, test } from "@playwright/test";
import {
  addFromHomePage,
  expectCartCount,
  newShopper,
  OTHER_TYPED_PASSWORDS,
  signIn,
  signOut,
  signUp,
} from "./support/shopper";

test.describe("shopper accounts", () => {
  test("signs up, signs out and signs in again, with clear errors on the way", async ({ page }) => {
    const shopper = newShopper("account");
    await page.goto("/sign-up");
    await page.getByLabel("Email").fill(shopper.email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Email")).toHaveValue(shopper.email);

    await signUp(page, shopper, "Asha");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("link", { name: "My orders" })).toBeVisible();
    await signOut(page);

    // Signing up again with another password says nothing about the account that exists:
    // the sign-in page explains both cases alike.
    await page.goto("/sign-up");
    await page.getByLabel("Email").fill(shopper.email.toUpperCase());
    await page.getByLabel("Password").fill(OTHER_TYPED_PASSWORDS.secondSignUp);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/sign-in\?notice=signed-up$/);
    await expect(
      page.getByRole("status").filter({ hasText: "If that email was new, its account is ready" }),
    ).toBeVisible();

    await page.getByLabel("Email").fill(shopper.email);
    await page.getByLabel("Password").fill(OTHER_TYPED_PASSWORDS.wrongGuess);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/do not match an account/)).toBeVisible();
    await signIn(page, { ...shopper, email: shopper.email.toUpperCase() });
  });

  test("my orders asks a guest to sign in and comes back afterwards", async ({ page }) => {
    const shopper = newShopper("orders");
    await signUp(page, shopper);
    await signOut(page);

    await page.goto("/account/orders");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount%2Forders$/);
    await signIn(page, shopper);
    await expect(page).toHaveURL(/\/account\/orders$/);
    await expect(page.getByRole("heading", { level: 1, name: "My orders" })).toBeVisible();
    await expect(page.getByText("You have not placed an order yet.")).toBeVisible();
  });

  test("a guest's cart joins the shopper's own cart on sign-in", async ({ page }) => {
    const shopper = newShopper("merge");
    await signUp(page, shopper);
    await addFromHomePage(page, "Assam Breakfast Tea", 1);
    await signOut(page);
    await expectCartCount(page, 0);

    await addFromHomePage(page, "Assam Breakfast Tea", 1);
    await addFromHomePage(page, "Assam Breakfast Tea", 2);
    await addFromHomePage(page, "Green Cardamom", 3);

    await page.getByRole("link", { name: "Sign in" }).click();
    await signIn(page, shopper);
    await expectCartCount(page, 4);
    await page.goto("/cart");
    await expect(page.getByLabel("Quantity of Assam Breakfast Tea")).toHaveValue("3");
    await expect(page.getByLabel("Quantity of Green Cardamom")).toHaveValue("1");
    await expect(page.getByTestId("cart-subtotal")).toHaveText("₹1,467.50");

    // The guest cart is gone: signed out, the browser starts from an empty cart.
    await signOut(page);
    await expectCartCount(page, 0);
  });
});
