import { expect, test } from "@playwright/test";
import { sandboxControl } from "../lib/atom-sandbox/control-client";
import { E2E_SANDBOX_CONTROL_TOKEN } from "./support/accounts";
import { checkoutWith, expectOrderPage, merchTxnIdOn, payByCard, sandbox } from "./support/purchase";

// The sandbox's test controls answer this machine and the token's holder only. The e2e
// server trusts one proxy (playwright.config.ts): X-Forwarded-For stands for a caller elsewhere.

const CONTROL_PATHS = [
  "/atom-sandbox/control",
  "/atom-sandbox/control/deliveries?merchTxnId=LBNONE",
  "/atom-sandbox/control/transactions?merchTxnId=LBNONE",
];

test("the sandbox's controls refuse a caller elsewhere, even one claiming to be local, unless it holds the token", async ({
  request,
  baseURL,
}) => {
  // On this machine (as every spec's sandbox() is).
  expect(await sandbox().deliveries({ merchTxnId: "LBNONE" })).toEqual([]);

  for (const path of CONTROL_PATHS) {
    const remote = await request.get(path, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(remote.status(), path).toBe(403);
    // The client's own entry says 127.0.0.1; the proxy's says where it really is.
    const claiming = await request.get(path, { headers: { "x-forwarded-for": "127.0.0.1, 203.0.113.9" } });
    expect(claiming.status(), path).toBe(403);
  }
  const switchedOff = await request.delete("/atom-sandbox/control", { headers: { "x-forwarded-for": "203.0.113.9" } });
  expect(switchedOff.status()).toBe(403);

  const withToken = await request.get("/atom-sandbox/control", {
    headers: { "x-forwarded-for": "203.0.113.9", authorization: `Bearer ${E2E_SANDBOX_CONTROL_TOKEN}` },
  });
  expect(withToken.status()).toBe(200);
  await expect(sandboxControl(baseURL!, { token: E2E_SANDBOX_CONTROL_TOKEN }).reset()).resolves.toBeUndefined();
});

test("the deliveries show no shopper's email or mobile number", async ({ page }) => {
  await checkoutWith(page, ["Assam Breakfast Tea"], { email: "meera.iyer@example.in", mobile: "91234 56789" });
  await payByCard(page, "4111 1111 1111 1111");
  await expectOrderPage(page, "paid");
  const [delivery] = await sandbox().deliveries({ merchTxnId: await merchTxnIdOn(page) });
  const custDetails = (delivery?.payload as { payInstrument: { custDetails: unknown } }).payInstrument.custDetails;
  expect(custDetails).toEqual({ custEmail: "m***@example.in", custMobile: "******6789" });
  expect(JSON.stringify(delivery)).not.toMatch(/meera|9123456789/);
  expect(delivery?.bodySha256).toMatch(/^[0-9a-f]{64}$/);
});
