import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directivesOf } from "@/lib/testing/content-security-policy";
import {
  authInput,
  CARD,
  makePayment,
  payOnPage,
  returnedEncData,
  startSandbox,
  TEST_RETURN_URL,
  type SandboxHarness,
} from "./testing/sandbox-harness";

// The browser-facing side over HTTP: checkout script, payment page, test return page.
// (The overlay itself runs in Chromium: e2e/sandbox.spec.ts.)

let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());

const get = (path: string) => fetch(`${sandbox.url}/atom-sandbox${path}`);

describe("checkout script", () => {
  it("is served as JavaScript at the gateway's path and defines AtomPaynetz", async () => {
    const response = await fetch(sandbox.atom.urls.checkoutScript);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    const script = await response.text();
    expect(script).toContain("window.AtomPaynetz = AtomPaynetz");
    expect(script).toContain("/atom-sandbox/pay/");
  });
});

describe("payment page", () => {
  it("shows the SANDBOX banner, the amount and the methods, reachable as links", async () => {
    const token = await sandbox.client().auth(authInput({ amountPaise: 12_345 }));
    const page = await get(
      `/pay/${token.atomTokenId}?merchId=317157&returnUrl=${encodeURIComponent("https://shop.example/return")}`,
    );
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('data-testid="sandbox-banner"');
    expect(html).toContain("₹123.45");
    for (const testId of [
      "card-tab",
      "upi-tab",
      "netbanking-tab",
      "card-number",
      "card-expiry",
      "card-cvv",
      "card-name",
      "pay-button",
      "cancel-button",
    ]) {
      expect(html).toContain(`data-testid="${testId}"`);
    }
    const upi = await (await get(`/pay/${token.atomTokenId}?method=upi`)).text();
    expect(upi).toContain('data-testid="upi-vpa"');
    const netBanking = await (await get(`/pay/${token.atomTokenId}?method=netbanking`)).text();
    expect(netBanking).toContain('data-testid="bank-select"');
    expect(netBanking).toContain("Atom Test Bank (always fails)");
  });

  it("offers only the method the AUTH subChannel asked for", async () => {
    const token = await sandbox.client().auth(authInput({ subChannel: "UP" }));
    const html = await (
      await get(`/pay/${token.atomTokenId}?returnUrl=${encodeURIComponent("https://shop.example/r")}&method=card`)
    ).text();
    expect(html).toContain('data-testid="upi-vpa"');
    expect(html).not.toContain('data-testid="card-number"');
    expect(html).not.toContain('data-testid="card-tab"');
  });

  it("refuses unknown tokens, a mismatched merchant and a missing or non-http returnUrl", async () => {
    expect((await get("/pay/12345678901234")).status).toBe(404);
    const token = await sandbox.client().auth(authInput());
    expect((await get(`/pay/${token.atomTokenId}?merchId=1&returnUrl=https://a.example/`)).status).toBe(400);
    expect((await get(`/pay/${token.atomTokenId}`)).status).toBe(400);
    expect((await get(`/pay/${token.atomTokenId}?returnUrl=${encodeURIComponent("javascript:alert(1)")}`)).status).toBe(
      400,
    );
  });

  it("escapes what the merchant sent", async () => {
    const token = await sandbox.client().auth(authInput());
    const returnUrl = 'https://shop.example/r?a="><script>alert(1)</script>';
    const html = await (await get(`/pay/${token.atomTokenId}?returnUrl=${encodeURIComponent(returnUrl)}`)).text();
    expect(html).not.toContain("<script>alert(1)");
    const paid = await fetch(`${sandbox.url}/atom-sandbox/pay/${token.atomTokenId}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(CARD.success).toString(),
    });
    const result = await paid.text();
    expect(result).toContain('action="https://shop.example/r?a=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(result).not.toContain("<script>alert(1)");
  });

  it("pays by UPI and net banking with their test inputs, and explains wrong ones", async () => {
    const upi = await makePayment(sandbox, { method: "upi", vpa: "success@upi" });
    expect(upi.page.html).toContain("Payment successful");
    const failingBank = await makePayment(sandbox, { method: "netbanking", bankId: "2099" });
    expect(failingBank.page.html).toContain("Payment failed");
    const unknownVpa = await payOnPage(sandbox.url, (await sandbox.client().auth(authInput())).atomTokenId, {
      method: "upi",
      vpa: "someone@okbank",
    });
    expect(unknownVpa.status).toBe(422);
    expect(unknownVpa.html).toContain("test UPI IDs");
  });
});

describe("payment page headers", () => {
  const directive = (response: Response, name: string) =>
    directivesOf(response.headers.get("content-security-policy"))[name];

  it("lets only the merchant whose returnUrl the token holds frame the page and receive its result", async () => {
    const token = await sandbox.client().auth(authInput());
    const opened = await get(
      `/pay/${token.atomTokenId}?returnUrl=${encodeURIComponent("https://shop.example/return")}`,
    );
    expect(directive(opened, "frame-ancestors")).toEqual(["https://shop.example"]);
    expect(directive(opened, "form-action")).toEqual(["'self'", "https://shop.example"]);
    // X-Frame-Options cannot name another origin: frame-ancestors decides.
    expect(opened.headers.get("x-frame-options")).toBeNull();
    // A method tab (no returnUrl in its link) and the paid result keep to the registered merchant.
    const tab = await get(`/pay/${token.atomTokenId}?method=upi`);
    expect(directive(tab, "frame-ancestors")).toEqual(["https://shop.example"]);
    const paid = await fetch(`${sandbox.url}/atom-sandbox/pay/${token.atomTokenId}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(CARD.success).toString(),
    });
    expect(await paid.text()).toContain("Payment successful");
    expect(directive(paid, "frame-ancestors")).toEqual(["https://shop.example"]);
    const resultPage = await get(`/pay/${token.atomTokenId}`);
    expect(directive(resultPage, "frame-ancestors")).toEqual(["https://shop.example"]);
  });

  it("may be framed by nobody when no merchant is known", async () => {
    const unknown = await get("/pay/12345678901234");
    expect(directive(unknown, "frame-ancestors")).toEqual(["'none'"]);
    expect(unknown.headers.get("x-frame-options")).toBe("DENY");
    const token = await sandbox.client().auth(authInput());
    const withoutReturnUrl = await get(`/pay/${token.atomTokenId}`);
    expect(withoutReturnUrl.status).toBe(400);
    expect(directive(withoutReturnUrl, "frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows each inline script and style its pages hold by hash, and loads nothing else", async () => {
    const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
    const token = await sandbox.client().auth(authInput());
    const form = await get(`/pay/${token.atomTokenId}?returnUrl=${encodeURIComponent(TEST_RETURN_URL)}`);
    const result = await fetch(`${sandbox.url}/atom-sandbox/pay/${token.atomTokenId}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(CARD.success).toString(),
    });
    // The form runs its progress script, the result its automatic return, the message page none.
    const pages: Array<[Response, number]> = [
      [form, 1],
      [result, 1],
      [await get("/pay/12345678901234"), 0],
    ];
    for (const [page, scripts] of pages) {
      const html = await page.text();
      const inline = (tag: string) =>
        [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((match) => match[1] ?? "");
      expect(inline("style")).toHaveLength(1);
      expect(inline("script")).toHaveLength(scripts);
      for (const style of inline("style")) expect(directive(page, "style-src")).toContain(sha256(style));
      for (const script of inline("script")) expect(directive(page, "script-src")).toContain(sha256(script));
      expect(directive(page, "default-src")).toEqual(["'none'"]);
    }
  });
});

describe("test return page", () => {
  it("shows the verified result of a genuine post and refuses a forged one", async () => {
    const { page, input } = await makePayment(sandbox, CARD.success);
    const post = (encData: string) =>
      fetch(`${sandbox.url}/atom-sandbox/test-return`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ encData, merchId: "317157" }).toString(),
      });
    const genuine = await post(returnedEncData(page.html));
    const html = await genuine.text();
    expect(genuine.status).toBe(200);
    expect(html).toContain('data-testid="return-outcome">success<');
    expect(html).toContain(input.merchTxnId);
    const forged = await post("00".repeat(32));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("could not be verified");
  });
});

describe("routing", () => {
  it("answers 404 for unknown paths and 405 for a wrong method", async () => {
    expect((await get("/nothing-here")).status).toBe(404);
    const wrongMethod = await get("/ots/aipay/auth");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });
});
