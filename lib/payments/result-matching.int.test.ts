import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import { cartItems, carts, orders, paymentAttempts, paymentEvents, products } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { snapshotOrder } from "@/lib/admin/testing/fixtures";
import { createAtomClient, type AtomClient, type AtomConfig } from "@/lib/atom";
import { buildPaymentResult, encryptForMerchant } from "@/lib/atom/gateway-side";
import {
  samplePayment,
  testAtomConfig,
  tokenIssuingGateway,
  type SamplePaymentOptions,
} from "@/lib/atom/testing/samples";
import { parseGatewayBody, receiveGatewayResult, type ReceiveOutcome } from "./receive-gateway-result";
import { startCheckout, type PaymentContext } from "./start-checkout";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";

/*
 * Every check that stands between a signed gateway result and the order it names, one
 * test each. Each result is decrypted and signature-verified by the real lib/atom code and
 * breaks exactly one check, so removing that check (and only that one) makes its test fail.
 */

const config = testAtomConfig();
const atom = createAtomClient(config);
const contact = { email: "meera@example.in", mobile: "9876543210" };

let database: TestDatabase;
let atomTxnCounter = 0;
const nextAtomTxnId = () => String(12_000_000_000_000 + ++atomTxnCounter);

// AUTH is the boundary here; results go through the real cipher and signature code.
const authGateway = tokenIssuingGateway();
const paymentContext = (): PaymentContext => ({
  db: database.db,
  gateway: authGateway,
  atom: config,
  appUrl: "http://shop.test",
});

/** Posts a signed, encrypted result as the gateway would, read by `reader` for a shop whose merchant is config.merchId. */
async function receive(
  options: SamplePaymentOptions,
  signer: AtomConfig = config,
  reader: Pick<AtomClient, "verifyGatewayResult"> = atom,
): Promise<ReceiveOutcome> {
  const payment = { ...samplePayment(options), merchId: signer.merchId };
  const encData = await encryptForMerchant(signer, buildPaymentResult(signer, payment));
  return receiveGatewayResult(parseGatewayBody(`encData=${encData}&merchId=${signer.merchId}`), "callback", {
    db: database.db,
    gateway: reader,
    merchId: config.merchId,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { generatedAdmin: false, log: () => {} });
});
afterAll(async () => {
  await database?.destroy();
});

/** A pending order for `quantity` of one product, with its token_generated attempt. */
async function pendingOrder(slug: string, quantity = 1) {
  const [cart] = await database.db.insert(carts).values({}).returning();
  const [product] = await database.db.select().from(products).where(eq(products.slug, slug));
  await database.db.insert(cartItems).values({ cartId: cart!.id, productId: product!.id, quantity });
  const started = await startCheckout(paymentContext(), {
    cartId: cart!.id,
    userId: null,
    contact,
    delivery: TEST_DELIVERY,
  });
  const [order] = await database.db.select().from(orders).where(eq(orders.id, started.orderId));
  const [attempt] = await database.db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.merchTxnId, order!.merchTxnId!));
  expect(attempt!.status).toBe("token_generated");
  return { order: order!, attempt: attempt! };
}

/** A success for the attempt that passes every check. */
const validSuccess = (
  attempt: { merchTxnId: string; amount: number },
  extra: SamplePaymentOptions = {},
): SamplePaymentOptions => ({
  merchTxnId: attempt.merchTxnId,
  amountPaise: attempt.amount,
  surchargePaise: 0,
  currency: "INR",
  atomTxnId: nextAtomTxnId(),
  ...extra,
});

const snapshot = (orderId: string) => snapshotOrder(database.db, orderId);

/**
 * Sends the result and asserts the mismatch path: rejected (not applied), order and
 * attempts as before apart from the review flag, and one new result_mismatch event whose
 * only problem matches `problem`.
 */
async function expectMismatch(orderId: string, send: () => Promise<ReceiveOutcome>, problem: RegExp) {
  const before = await snapshot(orderId);
  expect(before.order.needsReview).toBe(false);
  const outcome = await send();
  expect(outcome).toMatchObject({ kind: "rejected", orderId });
  expect(outcome.kind === "rejected" && outcome.reason).toMatch(problem);

  const after = await snapshot(orderId);
  expect(after.order.status).toBe(before.order.status);
  expect(after.order.needsReview).toBe(true);
  expect({ ...after.order, needsReview: false, updatedAt: null }).toEqual({
    ...before.order,
    needsReview: false,
    updatedAt: null,
  });
  expect(after.attempts).toEqual(before.attempts);

  const added = after.events.slice(before.events.length);
  expect(added.map((event) => event.type)).toEqual(["result_mismatch"]);
  const detail = added[0]!.detail as { problems?: unknown };
  expect(detail.problems).toEqual([expect.stringMatching(problem)]);
  return after;
}

describe("a signed result that breaks one matching check is rejected and flagged", () => {
  it("another merchant's result", async () => {
    // lib/atom already refuses a payload naming a merchant other than its own; this is the
    // shop's own check, reached when the gateway client is configured for another merchant
    // (same keys) than the shop expects.
    const other = testAtomConfig({ ATOM_MERCH_ID: "999999" });
    expect(other.merchId).not.toBe(config.merchId);
    const { order, attempt } = await pendingOrder("kashmiri-saffron");
    const after = await expectMismatch(
      order.id,
      () => receive(validSuccess(attempt), other, createAtomClient(other)),
      /merchId 999999 is not this shop's/,
    );
    expect(after.order.status).toBe("pending");
  });

  it("a currency other than INR", async () => {
    const { order, attempt } = await pendingOrder("green-cardamom");
    const after = await expectMismatch(
      order.id,
      () => receive(validSuccess(attempt, { currency: "USD" })),
      /currency USD is not INR/,
    );
    expect(after.order.status).toBe("pending");
  });

  it("an amount other than the attempt's, even when amount + surcharge adds up to it", async () => {
    const { order, attempt } = await pendingOrder("sandalwood-incense", 2);
    // The signed total is the order's; only the (unsigned) amount and surcharge are moved.
    const result = validSuccess(attempt, { amountPaise: attempt.amount - 500, surchargePaise: 500 });
    const after = await expectMismatch(
      order.id,
      () => receive(result),
      new RegExp(`amount ${attempt.amount - 500} paise differs from the order's ${attempt.amount}`),
    );
    expect(after.order.status).toBe("pending");
  });

  it("a signed totalAmount that is not amount + surcharge", async () => {
    const { order, attempt } = await pendingOrder("brass-chai-kettle");
    // amount is the order's, surcharge 0, but the gateway signed a larger total.
    const result = validSuccess(attempt, { totalAmountPaise: attempt.amount + 1_000 });
    const after = await expectMismatch(
      order.id,
      () => receive(result),
      new RegExp(`totalAmount ${attempt.amount + 1_000} is not amount ${attempt.amount} \\+ surcharge 0`),
    );
    expect(after.order.status).toBe("pending");
  });

  it.each([
    ["success", "OTS0000"],
    ["failure", "OTS0601"],
  ])("a %s whose atomTxnId belongs to another attempt (a replay)", async (_, statusCode) => {
    const paidOne = await checkoutAndPay("copper-water-bottle");
    const { order, attempt } = await pendingOrder("lakadong-turmeric", 3);
    const replayed = validSuccess(attempt, { atomTxnId: paidOne.atomTxnId, statusCode });
    const after = await expectMismatch(
      order.id,
      () => receive(replayed),
      new RegExp(`atomTxnId ${paidOne.atomTxnId} belongs to another payment attempt`),
    );
    expect(after.order.status).toBe("pending");
    // The paid order is untouched too.
    expect((await snapshot(paidOne.orderId)).order).toMatchObject({
      status: "paid",
      needsReview: false,
      atomTxnId: paidOne.atomTxnId,
    });
  });

  it("a success with another atomTxnId for an attempt already paid", async () => {
    const paid = await checkoutAndPay("handloom-cotton-towel");
    const second = nextAtomTxnId();
    const after = await expectMismatch(
      paid.orderId,
      () => receive(validSuccess(paid.attempt, { atomTxnId: second })),
      new RegExp(`atomTxnId ${second} differs from the ${paid.atomTxnId} this attempt was paid with`),
    );
    expect(after.order).toMatchObject({ status: "paid", atomTxnId: paid.atomTxnId });
    expect(after.attempts[0]).toMatchObject({ status: "completed", atomTxnId: paid.atomTxnId });
  });
});

describe("a signed result for no attempt the shop made", () => {
  it("is rejected and changes nothing anywhere", async () => {
    const { order } = await pendingOrder("assam-breakfast-tea");
    const tables = async () => ({
      orders: await database.db.select().from(orders).orderBy(asc(orders.id)),
      attempts: await database.db.select().from(paymentAttempts).orderBy(asc(paymentAttempts.id)),
      events: (await database.db.select({ n: count() }).from(paymentEvents))[0]!.n,
    });
    const before = await tables();
    const outcome = await receive({
      merchTxnId: "LBNOSUCHATTEMPT",
      amountPaise: order.totalAmount,
      atomTxnId: nextAtomTxnId(),
    });
    expect(outcome).toEqual({
      kind: "rejected",
      rejection: "unknown_attempt",
      reason: expect.stringMatching(/No payment attempt has merchTxnId LBNOSUCHATTEMPT/),
    });
    expect(await tables()).toEqual(before);
  });
});

/** An order paid through the normal path; its attempt and the atomTxnId that paid it. */
async function checkoutAndPay(slug: string) {
  const { order, attempt } = await pendingOrder(slug);
  const result = validSuccess(attempt);
  expect(await receive(result)).toMatchObject({
    kind: "applied",
    result: { orderStatus: "paid", attemptStatus: "completed", changed: true },
  });
  const [paidAttempt] = await database.db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id));
  return { orderId: order.id, attempt: paidAttempt!, atomTxnId: result.atomTxnId! };
}
