import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_METRICS_TOKEN, signInAsAdmin } from "./support/accounts";
import { checkoutWith, expectOrderPage, payByCard } from "./support/purchase";
import { refundByAmount } from "./support/refund-form";
import { newShopper, signUp } from "./support/shopper";

/** Prometheus's text format → value per "name{labels}" (labels as the registry prints them, sorted by name). */
async function scrape(request: APIRequestContext): Promise<Map<string, number>> {
  const response = await request.get("/api/metrics", { headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    const sample = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (sample) samples.set(sample[1]!, Number(sample[2]));
  }
  return samples;
}

/** How much each series grew between two scrapes (absent counts as 0). */
const growth = (before: Map<string, number>, after: Map<string, number>) => (series: string) =>
  (after.get(series) ?? 0) - (before.get(series) ?? 0);

const refund = (admin: Page, amount: string) => refundByAmount(admin, amount, "Metrics check");

test("the metrics are refused without an admin session or the bearer token", async ({ request, browser }) => {
  const attempts: Record<string, string>[] = [
    {},
    { Authorization: "Bearer wrong-token-wrong-token-wrong" },
    { Authorization: `Basic ${E2E_METRICS_TOKEN}` },
  ];
  for (const headers of attempts) {
    const response = await request.get("/api/metrics", { headers });
    expect(response.status()).toBe(401);
    const text = await response.text();
    expect(text).not.toContain("atom_");
  }
  // A shopper's session may not.
  const shopper = await (await browser.newContext()).newPage();
  await signUp(shopper, newShopper("metrics-reader"));
  const refused = await shopper.request.get("/api/metrics");
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("atom_");

  // An admin's session may read them in the browser.
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  const response = await admin.request.get("/api/metrics");
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("# TYPE atom_payments_total counter");
});

test("a purchase, a declined card, a refund and a forged callback show in the metrics", async ({
  browser,
  request,
}) => {
  const before = await scrape(request);

  const shopper = await (await browser.newContext()).newPage();
  await checkoutWith(shopper, ["Kashmiri Saffron"], { email: newShopper("metrics").email, mobile: "98765 43210" });
  await payByCard(shopper, "4000000000000002");
  await expectOrderPage(shopper, "failed");
  await shopper.getByRole("button", { name: "Pay again" }).click();
  await payByCard(shopper, "4111111111111111");
  await expectOrderPage(shopper, "paid");
  const orderId = new URL(shopper.url()).pathname.split("/").at(-1)!;

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin/orders/${orderId}`);
  await refund(admin, "100.00");

  // Ciphertext that no merchant key decrypts: a forged message.
  const forged = await request.post("/api/atom/callback", { form: { encData: "ab".repeat(64), merchId: "317157" } });
  expect(forged.status()).toBe(400);

  const grew = growth(before, await scrape(request));
  expect(grew('atom_payments_total{outcome="failed"}')).toBe(1);
  expect(grew('atom_payments_total{outcome="success"}')).toBe(1);
  expect(grew('shop_refunds_total{status="requested"}')).toBe(1);
  expect(grew('shop_refunds_total{status="completed"}')).toBe(1);
  expect(grew('atom_signature_failures_total{source="callback"}')).toBe(1);
  expect(grew('atom_callbacks_total{source="callback",result="rejected"}')).toBe(1);
  // Each payment's result arrives twice (the gateway's callback and the browser's return): one applies it.
  expect(
    grew('atom_callbacks_total{source="callback",result="applied"}') +
      grew('atom_callbacks_total{source="return",result="applied"}'),
  ).toBe(2);
  expect(grew('atom_gateway_requests_total{api="AUTH",answered="true"}')).toBe(2);
  expect(grew('atom_gateway_request_duration_seconds_count{api="AUTH"}')).toBe(2);
  expect(grew('atom_gateway_requests_total{api="REFUND",answered="true"}')).toBe(1);

  const after = await scrape(request);
  expect(after.get("shop_database_up")).toBe(1);
  expect(after.has('shop_jobs_waiting{job="requery-payments"}')).toBe(true);
  expect(after.has("shop_oldest_pending_payment_seconds")).toBe(true);
  expect(after.has("process_cpu_seconds_total")).toBe(true);
});

test("every answer carries its request id: the caller's when sane, a new one otherwise", async ({ request }) => {
  const given = await request.get("/api/health", { headers: { "x-request-id": "e2e-request-0001" } });
  expect(given.headers()["x-request-id"]).toBe("e2e-request-0001");
  const made = await request.get("/api/health", { headers: { "x-request-id": "<script>" } });
  expect(made.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const page = await request.get("/");
  expect(page.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});
