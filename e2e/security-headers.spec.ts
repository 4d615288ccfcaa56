import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { sandboxUrlVariables, UAT_CREDENTIAL_VARIABLES } from "../lib/atom/config";
import { sandboxControl } from "../lib/atom-sandbox/control-client";
import { directivesOf } from "../lib/testing/content-security-policy";
import { E2E_METRICS_TOKEN, signInAsAdmin } from "./support/accounts";
import { E2E_AUTH_SECRET } from "./support/server-env";
import { startExtraServer, type ExtraServer } from "./support/extra-server";
import { checkoutWith, expectOrderPage, merchTxnIdOn, payByCard, sandbox, SUCCESS_CARD } from "./support/purchase";

// The security headers (lib/security-headers.ts, stamped by proxy.ts) on every kind of
// response, the nonce on every script of a page, and the real overlay paying under the
// policy in Chromium: with the shop's own sandbox, and with a gateway at another origin.

const PAYMENT_PAGE = /\/atom-sandbox\/pay\/\d{14}/;

type Policy = Record<string, string[]>;

/** The response's Content-Security-Policy, by directive. */
const policyOf = (headers: Record<string, string>): Policy => directivesOf(headers["content-security-policy"]);

/** The nonce the policy's script-src names. */
function nonceOf(policy: Policy): string {
  const source = policy["script-src"]?.find((entry) => entry.startsWith("'nonce-"));
  expect(source, "a nonce in script-src").toBeDefined();
  return (source ?? "").slice("'nonce-".length, -1);
}

/** The shop's headers, for a shop whose gateway (its script and payment page) is at gatewayOrigin. */
function expectShopHeaders(headers: Record<string, string>, gatewayOrigin: string) {
  const policy = policyOf(headers);
  expect(policy["default-src"]).toEqual(["'self'"]);
  expect(policy["script-src"]).toEqual(["'self'", `'nonce-${nonceOf(policy)}'`, gatewayOrigin]);
  expect(policy["frame-src"]).toEqual([gatewayOrigin]);
  expect(policy["connect-src"]).toEqual(["'self'", gatewayOrigin]);
  expect(policy["object-src"]).toEqual(["'none'"]);
  expect(policy["base-uri"]).toEqual(["'self'"]);
  expect(policy["frame-ancestors"]).toEqual(["'none'"]);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain(`payment=(self "${gatewayOrigin}")`);
  expect(headers["permissions-policy"]).toContain("camera=()");
  // APP_URL is http here: no HSTS (lib/security-headers.test.ts covers https).
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(headers["x-request-id"]).toBeTruthy();
}

/**
 * Collects every Content-Security-Policy or Permissions-Policy complaint of the page and its
 * frames: the `securitypolicyviolation` events (script, frame, style, form refused) and the
 * console's "Refused to …" lines (a frame refused by its frame-ancestors has no document to
 * fire an event in).
 */
async function watchForViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeBinding("reportPolicyViolation", ({ frame }, text: string) => {
    violations.push(`${frame.url()}: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportPolicyViolation(text: string): void }).reportPolicyViolation;
      report(`${event.effectiveDirective} refused ${event.blockedURI || "inline code"}`);
    });
  });
  page.on("console", (message) => {
    if (/Refused to|Content Security Policy|Permissions.Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** The violations seen, in the test's report (read them when a step before the final check failed). */
async function attachViolations(testInfo: TestInfo, violations: string[]) {
  await testInfo.attach("policy violations", { body: violations.join("\n") || "none" });
}

test.describe("every kind of response carries the security headers", () => {
  test("pages, admin pages, API routes, the sandbox, build assets, public files and 404s", async ({
    page,
    request,
    baseURL,
  }) => {
    const origin = new URL(baseURL ?? "").origin;
    const home = await request.get("/");
    const asset = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(await home.text())?.[1];
    expect(asset, "a /_next/static script on the home page").toBeDefined();
    const responses = [
      ["home", home, 200],
      ["product", await request.get("/products/assam-breakfast-tea"), 200],
      ["cart", await request.get("/cart"), 200],
      ["checkout", await request.get("/checkout"), 200],
      ["sign-in", await request.get("/sign-in"), 200],
      ["health", await request.get("/api/health"), 200],
      ["liveness", await request.get("/api/health/live"), 200],
      ["metrics, refused", await request.get("/api/metrics"), 401],
      [
        "metrics",
        await request.get("/api/metrics", { headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } }),
        200,
      ],
      ["callback, refused", await request.post("/api/atom/callback", { form: { encData: "00", merchId: "1" } }), 400],
      ["sandbox script", await request.get("/atom-sandbox/staticdata/ots/js/atomcheckout.js"), 200],
      ["build asset", await request.get(asset ?? ""), 200],
      ["public file", await request.get("/products/assam-breakfast-tea.svg"), 200],
      ["404", await request.get("/no-such-page"), 404],
      ["admin, signed out", await request.get("/admin/orders", { maxRedirects: 0 }), 307],
    ] as const;
    for (const [name, response, status] of responses) {
      await test.step(name, () => {
        expect(response.status()).toBe(status);
        expectShopHeaders(response.headers(), origin);
      });
    }

    await test.step("an admin page, signed in", async () => {
      await signInAsAdmin(page);
      const admin = await page.request.get("/admin/orders");
      expect(admin.status()).toBe(200);
      expect(await admin.text()).toContain("Orders");
      expectShopHeaders(admin.headers(), origin);
    });
  });

  test("every script of a page carries that response's nonce, a new one each time", async ({ request }) => {
    for (const path of ["/", "/products/assam-breakfast-tea", "/cart", "/checkout", "/sign-in", "/no-such-page"]) {
      const nonces: string[] = [];
      for (let round = 0; round < 2; round += 1) {
        const response = await request.get(path);
        const nonce = nonceOf(policyOf(response.headers()));
        const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length, `${path} has scripts`).toBeGreaterThan(0);
        for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
        nonces.push(nonce);
      }
      expect(nonces[0], `${path} nonces`).not.toBe(nonces[1]);
    }
  });
});

test.describe("the overlay opens and pays under the policy", () => {
  test.afterEach(async () => {
    await sandbox().reset();
  });

  test("a purchase through the shop's own sandbox raises no violation; its payment page may be framed by the shop only", async ({
    page,
    baseURL,
  }, testInfo) => {
    const origin = new URL(baseURL ?? "").origin;
    const violations = await watchForViolations(page);
    try {
      const paymentPage = page.waitForResponse((response) => PAYMENT_PAGE.test(response.url()));
      await checkoutWith(page, ["Assam Breakfast Tea"]);
      await payByCard(page, SUCCESS_CARD);

      const headers = await (await paymentPage).allHeaders();
      const policy = policyOf(headers);
      expect(policy["frame-ancestors"]).toEqual([origin]);
      expect(policy["form-action"]).toEqual(["'self'", origin]);
      expect(policy["default-src"]).toEqual(["'none'"]);
      expect(policy["script-src"]?.every((source) => source.startsWith("'sha256-"))).toBe(true);
      expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["permissions-policy"]).toContain("payment=(self)");

      await expectOrderPage(page, "paid");
      expect(violations).toEqual([]);
    } finally {
      await attachViolations(testInfo, violations);
    }
  });
});

test.describe("against a gateway at another origin", () => {
  // Two more servers of the same build: a gateway (sandbox mode) at 127.0.0.1:<port+1>, and a
  // shop in uat mode at localhost:<port+2> whose ATOM_*_URLs point at that gateway, with the
  // sandbox's credentials (the public UAT ones). Both run without background jobs, so only the
  // browser's return can pay the order.
  let gateway: ExtraServer | undefined;
  let shop: ExtraServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const port = Number(new URL(test.info().project.use.baseURL ?? "").port);
    const gatewayUrl = `http://127.0.0.1:${port + 1}`;
    const common = { AUTH_SECRET: E2E_AUTH_SECRET, JOBS: "off" };
    const started = await Promise.allSettled([
      startExtraServer({
        port: port + 1,
        url: gatewayUrl,
        env: { ...common, ATOM_MODE: "sandbox", SEED_ON_START: "false" },
      }),
      startExtraServer({
        port: port + 2,
        url: `http://localhost:${port + 2}`,
        env: {
          ...common,
          ATOM_MODE: "uat",
          SEED_ON_START: "true",
          ...UAT_CREDENTIAL_VARIABLES,
          ...sandboxUrlVariables(gatewayUrl),
        },
      }),
    ]);
    // One that started while the other failed is stopped now: afterAll would not know it.
    const failed = started.find((result) => result.status === "rejected");
    if (failed !== undefined) {
      await Promise.all(started.map((result) => (result.status === "fulfilled" ? result.value.stop() : undefined)));
      throw failed.reason;
    }
    [gateway, shop] = started.map((result) => (result as PromiseFulfilledResult<ExtraServer>).value);
  });

  test.afterAll(async () => {
    await Promise.all([gateway?.stop(), shop?.stop()]);
  });

  test("the overlay opens from the gateway's origin under the shop's policy, and the return pays the order", async ({
    browser,
  }, testInfo) => {
    if (gateway === undefined || shop === undefined) throw new Error("the servers did not start");
    const context = await browser.newContext({ baseURL: shop.url });
    const page = await context.newPage();
    const violations = await watchForViolations(page);
    try {
      // The uat shop names the gateway's origin, and only it, for its script and frame.
      expectShopHeaders((await context.request.get("/")).headers(), gateway.url);

      const script = page.waitForResponse(`${gateway.url}/atom-sandbox/staticdata/ots/js/atomcheckout.js`);
      const paymentPageUrl = `${gateway.url}/atom-sandbox/pay/`;
      const paymentPage = page.waitForResponse(
        (response) => response.url().startsWith(paymentPageUrl) && PAYMENT_PAGE.test(response.url()),
      );
      await checkoutWith(page, ["Assam Breakfast Tea"]);
      expect((await script).status()).toBe(200);
      const frame = page.locator('iframe[title="Atom sandbox payment page"]');
      expect(new URL((await frame.getAttribute("src")) ?? "").origin).toBe(gateway.url);
      await payByCard(page, SUCCESS_CARD);
      const framing = policyOf(await (await paymentPage).allHeaders());
      expect(framing["frame-ancestors"]).toEqual([shop.url]);
      expect(framing["form-action"]).toEqual(["'self'", shop.url]);

      await expectOrderPage(page, "paid");
      expect(new URL(page.url()).origin).toBe(shop.url);
      expect(violations).toEqual([]);

      // The gateway sends its callback to its own APP_URL (the sandbox's callback URL is its
      // app's), where no such payment exists: the browser's return alone paid the order.
      const deliveries = await sandboxControl(gateway.url).deliveries({ merchTxnId: await merchTxnIdOn(page) });
      const callbackUrl = `${gateway.url}/api/atom/callback`;
      expect(deliveries.map((delivery) => delivery.targetUrl)).toEqual([callbackUrl]);
      expect(deliveries[0]?.status).not.toBe("delivered");
    } finally {
      await attachViolations(testInfo, violations);
      await context.close();
    }
  });
});
