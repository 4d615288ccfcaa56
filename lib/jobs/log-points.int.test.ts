import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminPasswordFile, DEFAULT_ADMIN_EMAIL, seedDatabase } from "@/db/seed";
import { cartItems, carts, paymentAttempts, products, users, type Order, type PaymentAttempt } from "@/db/schema";
import { testServerUrl } from "@/db/testing/test-database";
import { idempotencyKey } from "@/lib/admin/testing/fixtures";
import type { AtomClientOptions } from "@/lib/atom";
import { buildPaymentResult, encryptForMerchant, withSignature } from "@/lib/atom/gateway-side";
import { samplePayment } from "@/lib/atom/testing/samples";
import { CARD, eventually, payOnPage, returnedEncData } from "@/lib/atom-sandbox/testing/sandbox-harness";
import { captureLogOutput, log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { logGatewayCall } from "@/lib/payments/gateway";
import { parseGatewayBody, receiveGatewayResult } from "@/lib/payments/receive-gateway-result";
import { startCheckout } from "@/lib/payments/start-checkout";
import { requestRefund } from "@/lib/refunds";
import { runJobsOnce } from "./run-jobs";
import { startShop, type ShopHarness } from "./testing/shop-harness";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";

// Every log line of a full flow, captured as a collector would receive it (JSON, after
// redaction): a purchase by card and its browser return, a payment declined by UPI, a
// forged and a tampered callback, a requery the gateway answers 503, a refund. The seed's
// five log points must be there with their fields, every line about a payment must name
// its request or job round, and nothing secret or personal may appear anywhere.

type Line = Record<string, unknown> & { level: number; msg: string };

const captured: string[] = [];
let stopCapture: () => void;
let shop: ShopHarness;
let dataDir: string;

const CONTACT = { email: "asha.log-test@example.in", mobile: "9876501234" };
const ADMIN_PASSWORD = "configured-admin-password-7731";
const UPI_DECLINED = { method: "upi", vpa: "failure@upi" };
const FORGED_GARBAGE = "00112233445566778899AABBCCDDEEFF";

const flow = {} as {
  purchase: { order: Order; attempt: PaymentAttempt; atomTxnId: string };
  declined: { order: Order; attempt: PaymentAttempt };
  unanswered: { order: Order; attempt: PaymentAttempt };
  forgedEncData: string;
  tamperedEncData: string;
  generatedPassword: string;
};

const REQUEST = {
  purchase: "req-purchase-0001",
  browserReturn: "req-return-0001",
  declined: "req-declined-0001",
  unanswered: "req-unanswered-0001",
  forged: "req-forged-0001",
  refund: "req-refund-0001",
};

/** The real client against the sandbox, its calls logged as the app's are (lib/payments/gateway.ts). */
const loggedClient = (options: AtomClientOptions = {}) =>
  shop.sandbox.client({}, { timeoutMs: 2_000, ...options, onCall: logGatewayCall });

async function checkout(requestId: string): Promise<{ order: Order; attempt: PaymentAttempt }> {
  const db = shop.sandbox.database.db;
  const [product] = await db.select().from(products).limit(1);
  const [cart] = await db.insert(carts).values({}).returning();
  await db.insert(cartItems).values({ cartId: cart!.id, productId: product!.id, quantity: 2 });
  const started = await withLogContext({ requestId }, () =>
    startCheckout(
      { db, gateway: loggedClient(), atom: shop.sandbox.atom, appUrl: "http://shop.test" },
      { cartId: cart!.id, userId: null, contact: CONTACT, delivery: TEST_DELIVERY },
    ),
  );
  const order = await shop.order(started.orderId);
  const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.merchTxnId, order.merchTxnId!));
  return { order, attempt: attempt! };
}

/** The callback and return routes' path, in the route's request context. */
function postResult(requestId: string, encData: string, source: "callback" | "return") {
  return withLogContext({ requestId }, () =>
    receiveGatewayResult(parseGatewayBody(`encData=${encData}&merchId=${shop.sandbox.atom.merchId}`), source, {
      db: shop.sandbox.database.db,
      gateway: shop.sandbox.client(),
      merchId: shop.sandbox.atom.merchId,
    }),
  );
}

beforeAll(async () => {
  stopCapture = captureLogOutput((line) => captured.push(line), "debug");
  shop = await startShop();
  const db = shop.sandbox.database.db;
  const atom = shop.sandbox.atom;

  // The development admin (its generated password in a file), then a configured one.
  dataDir = mkdtempSync(path.join(tmpdir(), "log-points-"));
  const seedLog = (message: string) => log.info({ component: "seed" }, message);
  await seedDatabase(db, { generatedAdmin: { passwordFile: adminPasswordFile(dataDir) }, log: seedLog });
  await seedDatabase(db, {
    admin: { email: "boss@example.test", password: ADMIN_PASSWORD },
    generatedAdmin: false,
    log: seedLog,
  });
  flow.generatedPassword = /^password: (\S+)$/m.exec(readFileSync(adminPasswordFile(dataDir), "utf8"))![1]!;
  const [adminRow] = await db.select().from(users).where(eq(users.email, DEFAULT_ADMIN_EMAIL));
  const admin = { id: adminRow!.id, email: adminRow!.email, name: adminRow!.name, role: adminRow!.role };

  // A purchase by card: the gateway's callback pays it; the browser's return comes after.
  const purchase = await checkout(REQUEST.purchase);
  const page = await payOnPage(shop.sandbox.url, purchase.attempt.atomTokenId!, CARD.success);
  const paid = await eventually(
    async () => {
      const order = await shop.order(purchase.order.id);
      return order.status === "paid" ? order : undefined;
    },
    15_000,
    "the callback to pay the order",
  );
  flow.purchase = { ...purchase, atomTxnId: paid.atomTxnId! };
  await postResult(REQUEST.browserReturn, returnedEncData(page.html), "return");

  // A payment declined at the bank (UPI).
  flow.declined = await checkout(REQUEST.declined);
  await shop.pay(flow.declined.attempt, UPI_DECLINED);
  await eventually(
    async () => {
      const attempt = await shop.attempt(flow.declined.attempt.id);
      return attempt.status === "payment_failed" ? attempt : undefined;
    },
    15_000,
    "the declined payment's callback",
  );

  // A forged callback (a real payment's fields under a made-up signature), garbage, and
  // a tampered one (validly signed, but not the amount the shop asked for).
  const forged = buildPaymentResult(
    atom,
    samplePayment({ merchTxnId: purchase.attempt.merchTxnId, amountPaise: purchase.attempt.amount }),
  );
  flow.forgedEncData = await encryptForMerchant(atom, {
    payInstrument: withSignature(forged.payInstrument, "ab".repeat(64)),
  });
  await postResult(REQUEST.forged, flow.forgedEncData, "callback");
  await postResult(REQUEST.forged, FORGED_GARBAGE, "callback");
  flow.tamperedEncData = await encryptForMerchant(
    atom,
    buildPaymentResult(
      atom,
      samplePayment({ merchTxnId: flow.declined.attempt.merchTxnId, amountPaise: flow.declined.attempt.amount + 100 }),
    ),
  );
  await postResult(REQUEST.forged, flow.tamperedEncData, "callback");

  // A payment whose callback is lost, requeried by the job while STATUS answers 503.
  flow.unanswered = await checkout(REQUEST.unanswered);
  await shop.sandbox.control.set({ api: { status: { fail5xx: true } } });
  await eventually(
    async () => {
      await runJobsOnce(shop.context({ gateway: loggedClient({ maxAttempts: 2, baseDelayMs: 20 }) }));
      return captured.some((line) => line.includes('"retryCount":1')) ? true : undefined;
    },
    20_000,
    "the requery's failed call",
  );
  await shop.sandbox.control.set({ api: {} });

  // A full refund of the purchase.
  await withLogContext({ requestId: REQUEST.refund }, () =>
    requestRefund(db, loggedClient(), admin, {
      orderId: purchase.order.id,
      amountPaise: purchase.order.totalAmount,
      reason: "Damaged in transit",
      idempotencyKey: idempotencyKey(),
    }),
  );
  // One more round: the notifications the flow raised (the mismatch) go to the outbox.
  await runJobsOnce(shop.context({ gateway: loggedClient() }), { force: true });
}, 120_000);

afterAll(async () => {
  stopCapture?.();
  await shop?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const lines = (): Line[] => captured.map((line) => JSON.parse(line) as Line);
const withMessage = (msg: string) => lines().filter((line) => line.msg === msg);
const INFO = 30;
const WARN = 40;
const ERROR = 50;

describe(`the log of a full flow (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("says 'Payment initiated' with the order, its amount and the request", () => {
    const { order, attempt } = flow.purchase;
    expect(withMessage("Payment initiated")).toContainEqual(
      expect.objectContaining({
        level: INFO,
        requestId: REQUEST.purchase,
        orderId: order.id,
        merchTxnId: attempt.merchTxnId,
        amount: expect.stringMatching(/^₹[\d,]+\.\d\d$/),
        amountPaise: order.totalAmount,
      }),
    );
    expect(withMessage("Payment initiated")).toHaveLength(3);
  });

  it("says 'Token received' with the atomTokenId, the order and its merchTxnId", () => {
    const { order, attempt } = flow.purchase;
    expect(withMessage("Token received")).toContainEqual(
      expect.objectContaining({
        level: INFO,
        requestId: REQUEST.purchase,
        atomTokenId: attempt.atomTokenId,
        orderId: order.id,
        merchTxnId: attempt.merchTxnId,
      }),
    );
  });

  it("says 'Callback received' for every verified result, with its atomTxnId, status, source and what became of it", () => {
    const received = withMessage("Callback received");
    const { purchase, declined } = flow;
    expect(received).toContainEqual(
      expect.objectContaining({
        level: INFO,
        source: "callback",
        atomTxnId: purchase.atomTxnId,
        status: "success",
        statusCode: "OTS0000",
        result: "applied",
        orderId: purchase.order.id,
        merchTxnId: purchase.attempt.merchTxnId,
        requestId: expect.any(String),
      }),
    );
    expect(received).toContainEqual(
      expect.objectContaining({
        source: "return",
        atomTxnId: purchase.atomTxnId,
        result: "duplicate",
        requestId: REQUEST.browserReturn,
      }),
    );
    expect(received).toContainEqual(
      expect.objectContaining({ status: "failed", result: "applied", orderId: declined.order.id }),
    );
    // The tampered one was verified (a valid signature) but refused.
    expect(received).toContainEqual(
      expect.objectContaining({
        result: "rejected",
        orderId: declined.order.id,
        merchTxnId: declined.attempt.merchTxnId,
        requestId: REQUEST.forged,
      }),
    );
  });

  it("says 'Signature verification failed' with the order the message claims, or null when nothing could be read", () => {
    const failures = withMessage("Signature verification failed");
    expect(failures).toEqual([
      expect.objectContaining({
        level: WARN,
        requestId: REQUEST.forged,
        source: "callback",
        orderId: flow.purchase.order.id,
        claimedMerchTxnId: flow.purchase.attempt.merchTxnId,
        failure: "signature",
      }),
      expect.objectContaining({
        level: WARN,
        requestId: REQUEST.forged,
        orderId: null,
        claimedMerchTxnId: null,
        failure: "decryption",
      }),
    ]);
  });

  it("says 'API call failed' with the error and the retry count: warn while retrying, error when given up", () => {
    const { order, attempt } = flow.unanswered;
    const failed = withMessage("API call failed").filter((line) => line.merchTxnId === attempt.merchTxnId);
    const context = { job: "requery-payments", runId: expect.any(String), orderId: order.id };
    const call = { ...context, api: "STATUS", error: "system HTTP 503" };
    expect(failed.slice(0, 2)).toEqual([
      expect.objectContaining({ ...call, level: WARN, retryCount: 0, willRetry: true }),
      expect.objectContaining({ ...call, level: ERROR, retryCount: 1, willRetry: false }),
    ]);
    expect(failed[0]!.runId).toBe(failed[1]!.runId);
    expect(withMessage("Payment requeried")).toContainEqual(
      expect.objectContaining({ ...context, answer: "unavailable", scheduled: true }),
    );
  });

  it("follows the refund: requested, sent, the gateway's REFUND call, completed", () => {
    const refundLines = lines().filter((line) => line.requestId === REQUEST.refund);
    expect(refundLines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(["Refund requested", "Refund sent", "atom call", "Refund completed"]),
    );
    for (const line of refundLines) {
      expect(line).toMatchObject({ orderId: flow.purchase.order.id, refundId: expect.any(String) });
    }
    expect(refundLines.find((line) => line.msg === "atom call")).toMatchObject({
      api: "REFUND",
      merchTxnId: flow.purchase.attempt.merchTxnId,
    });
  });

  it("puts the order and merchTxnId on the gateway's calls", () => {
    const calls = withMessage("atom call");
    expect(calls).toContainEqual(
      expect.objectContaining({
        api: "AUTH",
        requestId: REQUEST.purchase,
        orderId: flow.purchase.order.id,
        merchTxnId: flow.purchase.attempt.merchTxnId,
      }),
    );
    for (const call of [...calls, ...withMessage("API call failed")]) {
      expect(call.orderId, `${String(call.api)} call`).toEqual(expect.any(String));
      expect(call.merchTxnId ?? call.atomTxnId, `${String(call.api)} call`).toEqual(expect.any(String));
    }
  });

  it("names the request or the job round on every line about a payment, an order or a refund", () => {
    const aboutPayments = lines().filter((line) =>
      ["orderId", "merchTxnId", "refundId", "attemptId", "atomTxnId"].some((key) => line[key] != null),
    );
    expect(aboutPayments.length).toBeGreaterThan(20);
    for (const line of aboutPayments) {
      const inRequest = typeof line.requestId === "string";
      const inJob = typeof line.job === "string" && typeof line.runId === "string";
      expect(inRequest || inJob, `"${line.msg}" names no request or job round`).toBe(true);
    }
    // Lines of the same job round share its id; rounds differ.
    const runIds = new Set(lines().flatMap((line) => (typeof line.runId === "string" ? [line.runId] : [])));
    expect(runIds.size).toBeGreaterThan(1);
  });

  it("writes no secret, password, card number, VPA, shopper contact or encData anywhere", () => {
    const text = captured.join("\n");
    const atom = shop.sandbox.atom;
    const forbidden = {
      "Atom password": atom.password.reveal(),
      "request encryption key": atom.requestEncryption.key.reveal(),
      "request salt": atom.requestEncryption.salt.reveal(),
      "response encryption key": atom.responseEncryption.key.reveal(),
      "response salt": atom.responseEncryption.salt.reveal(),
      "request hash key": atom.requestHashKey.reveal(),
      "response hash key": atom.responseHashKey.reveal(),
      "configured admin password": ADMIN_PASSWORD,
      "generated admin password": flow.generatedPassword,
      "card number": CARD.success.cardNumber,
      "card number, digits only": CARD.success.cardNumber.replaceAll(" ", ""),
      "card CVV": `"${CARD.success.cardCvv}"`,
      VPA: UPI_DECLINED.vpa,
      "shopper's email": CONTACT.email,
      "shopper's mobile": CONTACT.mobile,
      "forged encData": flow.forgedEncData,
      "tampered encData": flow.tamperedEncData,
      "garbage encData": FORGED_GARBAGE,
    };
    expect(captured.length).toBeGreaterThan(25);
    for (const [what, value] of Object.entries(forbidden)) expect(text, what).not.toContain(value);
    // The generated password is in its file, which the log names.
    expect(text).toContain(adminPasswordFile(dataDir));
  });
});
