import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The admin's refund form in `scope` (the Refund panel, or an extra payment's box): by
 * amount, then the confirmation that names it, then Confirm. Returns once the result says
 * what happened; `expectRefunded` (the default) expects the refund completed.
 */
export async function refundByAmount(
  scope: Page | Locator,
  amount: string,
  reason: string,
  options: { restock?: boolean; expectRefunded?: boolean } = {},
): Promise<void> {
  // An extra payment's form has no choice: it is refunded by amount.
  const byAmount = scope.getByRole("radio", { name: "By amount" });
  const amountField = scope.getByLabel("Amount (₹)");
  // The form is on screen (count() does not wait); check() waits for it to be hydrated.
  await expect(byAmount.or(amountField).first()).toBeVisible();
  if ((await byAmount.count()) > 0) await byAmount.check();
  await amountField.fill(amount);
  await scope.getByLabel("Reason").fill(reason);
  if (options.restock) await scope.getByLabel("Put these items back in stock").check();
  await scope.getByRole("button", { name: "Refund…" }).click();
  await confirmRefund(scope, amount, options.expectRefunded ?? true);
}

/** The confirmation step: it names the amount; Confirm sends it. */
export async function confirmRefund(scope: Page | Locator, amount: string, expectRefunded = true): Promise<void> {
  await expect(scope.getByText(`Refund ₹${amount} to the shopper?`)).toBeVisible();
  await scope.getByRole("button", { name: "Confirm" }).click();
  if (expectRefunded)
    await expect(scope.getByTestId("refund-result")).toContainText(`Refunded ₹${amount} to the shopper`);
}
