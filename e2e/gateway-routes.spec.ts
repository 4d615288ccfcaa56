import { expect, test } from "@playwright/test";
import { buildPaymentResult, encryptForMerchant } from "../lib/atom/gateway-side";
import { samplePayment, testAtomConfig } from "../lib/atom/testing/samples";

// The gateway's routes answer untrusted input with 4xx and never a success.
test.describe("gateway routes refuse what they cannot trust", () => {
  // (Forged signatures and tampered amounts for real orders are covered against the
  // database in lib/payments/payments.int.test.ts.)
  test("the callback answers 400 to an empty body, garbage and an oversized body", async ({ request }) => {
    const form = (body: string) =>
      request.post("/api/atom/callback", {
        data: body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    expect((await form("")).status()).toBe(400);
    expect((await form("encData=NOTHEX&merchId=317157")).status()).toBe(400);
    expect((await form(`encData=${"AB".repeat(200_000)}`)).status()).toBe(400);
  });

  test("the callback answers 400 to a genuine result for an attempt the shop never made", async ({ request }) => {
    const gateway = testAtomConfig();
    const encData = await encryptForMerchant(
      gateway,
      buildPaymentResult(gateway, samplePayment({ merchTxnId: "LBNEVERMADE" })),
    );
    const response = await request.post("/api/atom/callback", { form: { encData, merchId: "317157" } });
    expect(response.status()).toBe(400);
  });

  test("an unverifiable return sends the shopper to a page that says nothing changed", async ({ page }) => {
    await page.goto("/");
    await page.evaluate(() => {
      const form = document.createElement("form");
      form.method = "POST";
      form.action = "/api/atom/return";
      const fields: Array<[string, string]> = [
        ["encData", "ABCDEF"],
        ["merchId", "317157"],
      ];
      for (const [name, value] of fields) {
        const input = document.createElement("input");
        input.name = name;
        input.value = value;
        form.appendChild(input);
      }
      document.body.appendChild(form);
      form.submit();
    });
    await expect(page).toHaveURL(/\/payment-problem$/);
    await expect(page.getByRole("heading", { name: "We could not confirm that payment" })).toBeVisible();
  });
});
