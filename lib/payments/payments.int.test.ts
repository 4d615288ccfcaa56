import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDatabase } from "@/db/seed";
import {
  cartItems,
  carts,
  gatewayMessageHours,
  orderItems,
  orders,
  paymentAttempts,
  products,
  users,
} from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { snapshotOrder } from "@/lib/admin/testing/fixtures";
import { AtomTimeoutError, createAtomClient, type AtomClient, type AuthInput } from "@/lib/atom";
import { buildPaymentResult, encryptForMerchant, withSignature } from "@/lib/atom/gateway-side";
import { samplePayment, testAtomConfig, type SamplePaymentOptions } from "@/lib/atom/testing/samples";
import { markOrderReviewed } from "@/lib/admin/review";
import { CancelOrderError, cancelPendingOrder } from "@/lib/orders/cancel-order";
import { parseGatewayBody, receiveGatewayResult } from "./receive-gateway-result";
import { CheckoutError, retryPayment, startCheckout, type PaymentContext } from "./start-checkout";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";

const config = testAtomConfig();
// The real client: results are decrypted and verified by lib/atom, exactly as in the routes.
const atom = createAtomClient(config);
const contact = { email: "asha@example.in", mobile: "9876543210" };

let database: TestDatabase;
let tokenCounter = 0;
const authCalls: AuthInput[] = [];
let authFailure: Error | undefined;

// The gateway's AUTH answer is the boundary of these tests; the payment results below go
// through the real cipher and signature code.
const gateway: Pick<AtomClient, "auth"> = {
  async auth(input) {
    authCalls.push(input);
    if (authFailure) throw authFailure;
    tokenCounter += 1;
    const atomTokenId = String(15_000_000_000_000 + tokenCounter);
    return { atomTokenId, merchTxnId: input.merchTxnId, statusCode: "OTS0000", message: "SUCCESS", description: "" };
  },
};

const context = (): PaymentContext => ({ db: database.db, gateway, atom: config, appUrl: "http://shop.test" });
// A sample payment result signed as the gateway signs it, or carrying the given (forged) signature.
type ResultOptions = SamplePaymentOptions & { signature?: string };
const resultFor = ({ signature, ...options }: ResultOptions) => {
  const result = buildPaymentResult(config, samplePayment(options));
  return signature === undefined ? result : { payInstrument: withSignature(result.payInstrument, signature) };
};
const receive = async (options: ResultOptions, source: "callback" | "return" = "callback") =>
  receiveGatewayResult(
    parseGatewayBody(`encData=${await encryptForMerchant(config, resultFor(options))}&merchId=${config.merchId}`),
    source,
    { db: database.db, gateway: atom, merchId: config.merchId },
  );

/** Rejected callbacks and returns so far, by "source/rejection" (the dashboard's rows). */
async function rejectedMessages(): Promise<Map<string, number>> {
  const rows = await database.db.select().from(gatewayMessageHours).where(eq(gatewayMessageHours.result, "rejected"));
  const totals = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.source}/${row.rejection}`;
    totals.set(key, (totals.get(key) ?? 0) + row.messages);
  }
  return totals;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { generatedAdmin: false, log: () => {} });
});
afterAll(async () => {
  await database?.destroy();
});
beforeEach(() => {
  authFailure = undefined;
  authCalls.length = 0;
});

async function cartWith(...lines: Array<[slug: string, quantity: number]>): Promise<string> {
  const [cart] = await database.db.insert(carts).values({}).returning();
  for (const [slug, quantity] of lines) {
    const [product] = await database.db.select().from(products).where(eq(products.slug, slug));
    await database.db.insert(cartItems).values({ cartId: cart!.id, productId: product!.id, quantity });
  }
  return cart!.id;
}

async function checkout(cartId: string) {
  const result = await startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY });
  const [order] = await database.db.select().from(orders).where(eq(orders.id, result.orderId));
  const [attempt] = await database.db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.merchTxnId, order!.merchTxnId!));
  return { result, order: order!, attempt: attempt! };
}

/** The CheckoutError a refused checkout throws. */
async function refusal(starting: Promise<unknown>): Promise<CheckoutError> {
  const error = await starting.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof CheckoutError)) throw new Error(`expected a CheckoutError, got ${String(error)}`);
  return error;
}

const snapshot = (orderId: string) => snapshotOrder(database.db, orderId);

let atomTxnCounter = 0;
const nextAtomTxnId = () => String(11_000_000_000_000 + ++atomTxnCounter);
const success = (attempt: { merchTxnId: string; amount: number }, extra: ResultOptions = {}): ResultOptions => ({
  merchTxnId: attempt.merchTxnId,
  amountPaise: attempt.amount,
  atomTxnId: nextAtomTxnId(),
  ...extra,
});

describe("checkout", () => {
  it("makes the order from database prices and asks the gateway for a token", async () => {
    const cartId = await cartWith(["kashmiri-saffron", 2], ["sandalwood-incense", 1]);
    const { result, order, attempt } = await checkout(cartId);
    expect(order.totalAmount).toBe(2 * 49900 + 9900);
    expect(order.status).toBe("pending");
    expect(attempt.status).toBe("token_generated");
    expect(attempt.amount).toBe(order.totalAmount);
    expect(attempt.merchTxnId.length).toBeLessThanOrEqual(50);
    expect(order.atomTokenId).toBe(attempt.atomTokenId);
    expect(authCalls[0]).toMatchObject({
      merchTxnId: attempt.merchTxnId,
      amountPaise: order.totalAmount,
      custEmail: contact.email,
      custMobile: contact.mobile,
    });
    expect(result.launch).toEqual({
      atomTokenId: attempt.atomTokenId,
      merchId: "317157",
      custEmail: contact.email,
      custMobile: contact.mobile,
      returnUrl: "http://shop.test/api/atom/return",
      scriptUrl: config.urls.checkoutScript,
      env: "uat",
    });
  });

  it("reuses the pending order for an unchanged cart and makes a new one when the cart changes", async () => {
    const cartId = await cartWith(["green-cardamom", 1]);
    const first = await checkout(cartId);
    const second = await checkout(cartId);
    expect(second.order.id).toBe(first.order.id);
    expect(second.attempt.merchTxnId).not.toBe(first.attempt.merchTxnId);
    expect(second.order.merchTxnId).toBe(second.attempt.merchTxnId);

    const [product] = await database.db.select().from(products).where(eq(products.slug, "green-cardamom"));
    await database.db.update(cartItems).set({ quantity: 3 }).where(eq(cartItems.productId, product!.id));
    const third = await checkout(cartId);
    expect(third.order.id).not.toBe(first.order.id);
    expect(third.order.totalAmount).toBe(3 * 42050);
  });

  it("keeps the delivery address on the order as a snapshot", async () => {
    const { order } = await checkout(await cartWith(["assam-breakfast-tea", 1]));
    expect(order).toMatchObject({
      deliveryName: "Asha Rao",
      deliveryLine1: "12, 4th Cross, Malleswaram",
      deliveryLine2: null,
      deliveryCity: "Bengaluru",
      deliveryState: "Karnataka",
      deliveryPinCode: "560003",
    });
  });

  it("snapshots each line's GST rate and HSN code; a later change to the product leaves a placed order as it was", async () => {
    const slug = "kulhad-cups-set";
    const lineOf = async (orderId: string) => {
      const [line] = await database.db.select().from(orderItems).where(eq(orderItems.orderId, orderId));
      return line!;
    };
    const cartId = await cartWith([slug, 1]);
    const placed = await checkout(cartId);
    expect(await lineOf(placed.order.id)).toMatchObject({ hsnCode: "6912", gstRateBasisPoints: 500 });

    // The shop reclassifies the cups at 18 %: the placed order keeps 5 %; paying for the same
    // cart again makes a new order at the new rate rather than reusing the old one.
    await database.db
      .update(products)
      .set({ gstRateBasisPoints: 1_800, hsnCode: "691200" })
      .where(eq(products.slug, slug));
    try {
      expect(await lineOf(placed.order.id)).toMatchObject({ hsnCode: "6912", gstRateBasisPoints: 500 });
      const again = await checkout(cartId);
      expect(again.order.id).not.toBe(placed.order.id);
      expect(await lineOf(again.order.id)).toMatchObject({ hsnCode: "691200", gstRateBasisPoints: 1_800 });
    } finally {
      await database.db
        .update(products)
        .set({ gstRateBasisPoints: 500, hsnCode: "6912" })
        .where(eq(products.slug, slug));
    }
  });

  it("keeps product GST rates to the slabs and HSN codes to 4, 6 or 8 digits", async () => {
    const setOnCups = (values: { gstRateBasisPoints?: number; hsnCode?: string }) =>
      database.db.update(products).set(values).where(eq(products.slug, "kulhad-cups-set"));
    await expect(setOnCups({ gstRateBasisPoints: 1_200 })).rejects.toThrow();
    await expect(setOnCups({ gstRateBasisPoints: 2_800 })).rejects.toThrow();
    await expect(setOnCups({ hsnCode: "69120" })).rejects.toThrow();
    await expect(setOnCups({ hsnCode: "69A2" })).rejects.toThrow();
    const [cups] = await database.db.select().from(products).where(eq(products.slug, "kulhad-cups-set"));
    expect(cups).toMatchObject({ gstRateBasisPoints: 500, hsnCode: "6912" });
  });

  it("writes nothing when the database refuses the address (a PIN code starting with 0)", async () => {
    const cartId = await cartWith(["darjeeling-first-flush", 1]);
    const delivery = { ...TEST_DELIVERY, pinCode: "012345" };
    await expect(startCheckout(context(), { cartId, userId: null, contact, delivery })).rejects.toThrow();
    expect(await database.db.select().from(orders).where(eq(orders.cartId, cartId))).toHaveLength(0);
    expect(authCalls).toHaveLength(0);
  });

  it("gives a reused pending order the contact and address given last", async () => {
    const cartId = await cartWith(["masala-chai-blend", 1]);
    const first = await checkout(cartId);
    const moved = {
      name: "Asha R. Menon",
      line1: "Flat 3B, Sea View Apartments",
      line2: "Near Marine Drive",
      city: "Kochi",
      state: "Kerala" as const,
      pinCode: "682031",
    };
    const again = await startCheckout(context(), {
      cartId,
      userId: null,
      contact: { email: "asha.menon@example.in", mobile: "9123456780" },
      delivery: moved,
    });
    expect(again.orderId).toBe(first.order.id);
    const { order } = await snapshot(first.order.id);
    expect(order).toMatchObject({
      email: "asha.menon@example.in",
      mobile: "9123456780",
      deliveryName: moved.name,
      deliveryLine1: moved.line1,
      deliveryLine2: moved.line2,
      deliveryCity: moved.city,
      deliveryState: moved.state,
      deliveryPinCode: moved.pinCode,
    });
    // What the gateway was told is what the order holds.
    expect(authCalls.at(-1)).toMatchObject({ custEmail: "asha.menon@example.in", custMobile: "9123456780" });
  });

  it("makes one order when the pay button is pressed twice at once", async () => {
    const cartId = await cartWith(["brass-chai-kettle", 1]);
    const [a, b] = await Promise.all([
      startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY }),
      startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY }),
    ]);
    expect(a.orderId).toBe(b.orderId);
    const rows = await database.db.select().from(orders).where(eq(orders.cartId, cartId));
    expect(rows).toHaveLength(1);
  });

  it("refuses an empty cart and inactive products, and creates nothing", async () => {
    const empty = await cartWith();
    expect(
      await refusal(startCheckout(context(), { cartId: empty, userId: null, contact, delivery: TEST_DELIVERY })),
    ).toMatchObject({
      code: "cart_empty",
      message: "Your cart is empty.",
      orderId: undefined,
    });

    await database.db.insert(products).values({
      slug: "retired-kettle",
      name: "Retired Kettle",
      description: "gone",
      price: 1000,
      image: "/x.svg",
      active: false,
    });
    const cartId = await cartWith(["retired-kettle", 1], ["kashmiri-saffron", 1]);
    const error = await refusal(startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY }));
    expect(error.message).toMatch(/Retired Kettle can no longer be bought/);
    expect(await database.db.select().from(orders).where(eq(orders.cartId, cartId))).toHaveLength(0);
    expect(authCalls).toHaveLength(0);
  });

  it("refuses a cart whose total is beyond what one order can hold, and creates nothing", async () => {
    for (const slug of ["gold-kettle", "gold-urn"])
      await database.db.insert(products).values({
        slug,
        name: slug,
        description: "dear",
        price: 20_000_000,
        image: "/x.svg",
        stock: 200,
      });
    const cartId = await cartWith(["gold-kettle", 99], ["gold-urn", 99]);
    const error = await refusal(startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY }));
    expect(error).toMatchObject({ code: "order_too_large" });
    expect(await database.db.select().from(orders).where(eq(orders.cartId, cartId))).toHaveLength(0);
  });

  it("keeps the cart and records a failed attempt when AUTH fails", async () => {
    const cartId = await cartWith(["kulhad-cups-set", 1]);
    authFailure = new AtomTimeoutError("AUTH timed out", { api: "AUTH" });
    const error = await refusal(startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY }));
    expect(error.message).toMatch(/did not answer in time/);
    const { attempts, events } = await snapshot(error.orderId!);
    expect(attempts.map((attempt) => attempt.status)).toEqual(["payment_failed"]);
    // The goods were held for the payment, and given back when it could not start.
    expect(events.map((event) => event.type)).toEqual([
      "order_created",
      "stock_reserved",
      "payment_started",
      "token_failed",
      "stock_released",
    ]);
    expect(await database.db.select().from(cartItems).where(eq(cartItems.cartId, cartId))).toHaveLength(1);
  });
});

describe("gateway results", () => {
  it("a verified success pays the order once, however many copies arrive together", async () => {
    const cartId = await cartWith(["copper-water-bottle", 1]);
    const { order, attempt } = await checkout(cartId);
    const [later] = await database.db.select().from(products).where(eq(products.slug, "green-cardamom"));
    await database.db.insert(cartItems).values({ cartId, productId: later!.id, quantity: 1 });
    const result = success(attempt, { subChannel: "CC", surchargePaise: 1180 });
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => receive(result)));
    expect(outcomes.every((outcome) => outcome.kind === "applied")).toBe(true);
    expect(outcomes.filter((outcome) => outcome.kind === "applied" && outcome.result.changed)).toHaveLength(1);

    const after = await snapshot(order.id);
    expect(after.order).toMatchObject({
      status: "paid",
      atomTxnId: result.atomTxnId,
      paymentMethod: "CC",
      surchargeAmount: 1180,
    });
    expect(after.order.paidAt).not.toBeNull();
    expect(after.attempts[0]).toMatchObject({ status: "completed", totalAmount: attempt.amount + 1180 });
    expect(after.events.filter((event) => event.type === "order_paid")).toHaveLength(1);
    expect(after.events.filter((event) => event.type === "payment_succeeded")).toHaveLength(1);
    // What was bought leaves the cart; what was added after checkout stays.
    const left = await database.db.select().from(cartItems).where(eq(cartItems.cartId, cartId));
    expect(left.map((item) => item.productId)).toEqual([later!.id]);
  });

  it("a signed result with text the database cannot hold (NUL) is stored, not refused with 5xx forever", async () => {
    const { order, attempt } = await checkout(await cartWith(["masala-chai-blend", 1]));
    const result = success(attempt, {
      message: "SUCCESS\u0000",
      description: "PAID \u0000 AT BANK",
      bankName: "SBI\u0000\ud800",
    });
    const outcome = await receive(result);
    expect(outcome).toMatchObject({ kind: "applied", result: { orderStatus: "paid", changed: true } });
    const after = await snapshot(order.id);
    expect(after.order.status).toBe("paid");
    expect(after.attempts[0]).toMatchObject({ status: "completed", statusMessage: "PAID \uFFFD AT BANK" });
    expect(JSON.stringify(after.attempts[0]!.gatewayPayload)).not.toContain("\\u0000");
    // The gateway's retry of the same result is a duplicate, not a second payment.
    expect(await receive(result)).toMatchObject({ kind: "applied", result: { changed: false } });
  });

  it("a failure lets the shopper pay again on the same order", async () => {
    const { order, attempt } = await checkout(await cartWith(["handloom-cotton-towel", 1]));
    const failed = await receive(
      {
        merchTxnId: attempt.merchTxnId,
        amountPaise: attempt.amount,
        atomTxnId: nextAtomTxnId(),
        statusCode: "OTS0601",
        message: "FAILED",
      },
      "return",
    );
    expect(failed).toMatchObject({
      kind: "applied",
      result: { orderStatus: "pending", attemptStatus: "payment_failed", changed: true },
    });

    await retryPayment(context(), order.id);
    const [latest] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(latest!.merchTxnId).not.toBe(attempt.merchTxnId);
    const [second] = await database.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.merchTxnId, latest!.merchTxnId!));
    await receive(success(second!));
    const after = await snapshot(order.id);
    expect(after.order.status).toBe("paid");
    expect(after.attempts.map((a) => a.status)).toEqual(["payment_failed", "completed"]);
    expect(await refusal(retryPayment(context(), order.id))).toMatchObject({
      orderId: order.id,
      message: "This order is no longer waiting for payment.",
    });
  });

  it("a success after a failed try on the same merchTxnId is applied", async () => {
    const { order, attempt } = await checkout(await cartWith(["green-cardamom", 4]));
    await receive({
      merchTxnId: attempt.merchTxnId,
      amountPaise: attempt.amount,
      atomTxnId: nextAtomTxnId(),
      statusCode: "OTS0600",
    });
    const outcome = await receive(success(attempt));
    expect(outcome).toMatchObject({
      kind: "applied",
      result: { orderStatus: "paid", attemptStatus: "completed", changed: true },
    });
    expect((await snapshot(order.id)).order.needsReview).toBe(false);
  });

  it("a late failure after success never undoes it; it flags the order once, and again after a review", async () => {
    const { order, attempt } = await checkout(await cartWith(["block-print-table-runner", 1]));
    const paid = success(attempt);
    await receive(paid);
    const late = await receive({ ...paid, statusCode: "OTS0601", message: "FAILED" });
    expect(late).toMatchObject({
      kind: "applied",
      result: { orderStatus: "paid", attemptStatus: "completed", changed: false },
    });
    await receive({ ...paid, statusCode: "OTS0601", message: "FAILED" }, "return");
    let after = await snapshot(order.id);
    expect(after.order).toMatchObject({ status: "paid", needsReview: true });
    expect(after.attempts[0]!.statusCode).toBe("OTS0000");
    expect(after.events.filter((event) => event.type === "failure_after_success")).toHaveLength(1);

    // An admin reviews and clears the flag; then the gateway reverses the payment.
    const [admin] = await database.db
      .insert(users)
      .values({ email: "reviewer@example.test", passwordHash: "x", role: "admin" })
      .returning();
    const lastEvent = after.events.at(-1)!.id;
    await markOrderReviewed(
      database.db,
      { id: admin!.id, email: admin!.email, name: null, role: "admin" },
      { orderId: order.id, note: "Stale message", seenEventId: lastEvent },
    );
    await receive({ ...paid, statusCode: "OTS0001", message: "AUTO REVERSED" });
    after = await snapshot(order.id);
    expect(after.order).toMatchObject({ status: "paid", needsReview: true });
    expect(after.events.filter((event) => event.type === "failure_after_success")).toHaveLength(2);
  });

  it("a late word about an earlier, failed try is kept on the timeline and changes nothing", async () => {
    const { order, attempt } = await checkout(await cartWith(["sandalwood-incense", 5]));
    const firstTry = {
      merchTxnId: attempt.merchTxnId,
      amountPaise: attempt.amount,
      atomTxnId: nextAtomTxnId(),
      statusCode: "OTS0600",
    };
    await receive(firstTry);
    await receive(success(attempt));
    const outcomes = [await receive(firstTry), await receive(firstTry, "return")];
    expect(outcomes.every((outcome) => outcome.kind === "applied" && !outcome.result.changed)).toBe(true);
    const after = await snapshot(order.id);
    expect(after.order).toMatchObject({ status: "paid", needsReview: false });
    expect(after.events.filter((event) => event.type === "stale_try_ignored")).toHaveLength(1);
  });

  it("a pending try after a failed one stops a second payment until the bank answers", async () => {
    const { order, attempt } = await checkout(await cartWith(["copper-water-bottle", 2]));
    await receive({
      merchTxnId: attempt.merchTxnId,
      amountPaise: attempt.amount,
      atomTxnId: nextAtomTxnId(),
      statusCode: "OTS0600",
    });
    const pendingTry = {
      merchTxnId: attempt.merchTxnId,
      amountPaise: attempt.amount,
      atomTxnId: nextAtomTxnId(),
      statusCode: "OTS0551",
    };
    expect(await receive(pendingTry)).toMatchObject({
      kind: "applied",
      result: { attemptStatus: "user_payment", changed: true },
    });
    await refusal(retryPayment(context(), order.id));
    await expect(cancelPendingOrder(database.db, order.id)).rejects.toBeInstanceOf(CancelOrderError);
    await receive({ ...pendingTry, statusCode: "OTS0000" });
    expect((await snapshot(order.id)).order.status).toBe("paid");
  });

  it("a pending result keeps the order waiting until the success arrives", async () => {
    const { order, attempt } = await checkout(await cartWith(["lakadong-turmeric", 2]));
    const atomTxnId = nextAtomTxnId();
    expect(
      await receive({ merchTxnId: attempt.merchTxnId, amountPaise: attempt.amount, atomTxnId, statusCode: "OTS0551" }),
    ).toMatchObject({
      kind: "applied",
      result: { orderStatus: "pending", attemptStatus: "user_payment", changed: true },
    });
    expect(
      await receive({ merchTxnId: attempt.merchTxnId, amountPaise: attempt.amount, atomTxnId, statusCode: "OTS0551" }),
    ).toMatchObject({
      result: { changed: false },
    });
    // No second charge while the bank has not answered: neither "Pay again" nor paying the same cart.
    expect(await refusal(retryPayment(context(), order.id))).toMatchObject({
      message: expect.stringMatching(/still being confirmed by your bank/),
    });
    const elsewhere = { ...TEST_DELIVERY, city: "Mysuru", pinCode: "570001" };
    expect(
      await refusal(startCheckout(context(), { cartId: order.cartId!, userId: null, contact, delivery: elsewhere })),
    ).toMatchObject({ orderId: order.id });
    // The refused checkout left the address the pending payment was made with.
    expect((await snapshot(order.id)).order).toMatchObject({ deliveryCity: "Bengaluru", deliveryPinCode: "560003" });
    expect((await snapshot(order.id)).attempts).toHaveLength(1);
    await receive({ merchTxnId: attempt.merchTxnId, amountPaise: attempt.amount, atomTxnId });
    expect((await snapshot(order.id)).order.status).toBe("paid");
  });

  it("a shopper can cancel an unpaid order, not one pending at the bank; money arriving later is flagged", async () => {
    const pendingAtBank = await checkout(await cartWith(["kulhad-cups-set", 2]));
    await receive({
      merchTxnId: pendingAtBank.attempt.merchTxnId,
      amountPaise: pendingAtBank.attempt.amount,
      atomTxnId: nextAtomTxnId(),
      statusCode: "OTS0551",
    });
    await expect(cancelPendingOrder(database.db, pendingAtBank.order.id)).rejects.toBeInstanceOf(CancelOrderError);
    expect((await snapshot(pendingAtBank.order.id)).order.status).toBe("pending");

    const { order, attempt } = await checkout(await cartWith(["kulhad-cups-set", 3]));
    expect(await cancelPendingOrder(database.db, order.id)).toMatchObject({ status: "cancelled" });
    await expect(cancelPendingOrder(database.db, order.id)).rejects.toMatchObject({
      code: "order_not_pending",
      message: "Only an unpaid order can be cancelled.",
    });
    await receive(success(attempt));
    const after = await snapshot(order.id);
    expect(after.order).toMatchObject({ status: "cancelled", needsReview: true });
    expect(after.attempts[0]!.status).toBe("completed");
    expect(after.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["order_cancelled", "payment_succeeded", "paid_after_cancel"]),
    );
  });

  describe("untrusted or mismatched results change nothing", () => {
    async function expectRejectedAndUnchanged(
      orderId: string,
      send: () => Promise<Awaited<ReturnType<typeof receive>>>,
    ) {
      const before = await snapshot(orderId);
      const outcome = await send();
      expect(outcome.kind).toBe("rejected");
      const after = await snapshot(orderId);
      expect({ ...after.order, needsReview: false, updatedAt: null }).toEqual({
        ...before.order,
        needsReview: false,
        updatedAt: null,
      });
      expect(after.attempts).toEqual(before.attempts);
      return { before, after };
    }

    it("a forged signature", async () => {
      const { order, attempt } = await checkout(await cartWith(["darjeeling-first-flush", 1]));
      const { after, before } = await expectRejectedAndUnchanged(order.id, () =>
        receive(success(attempt, { signature: "ab".repeat(64) })),
      );
      expect(after.events).toEqual(before.events);
    });

    it("an undecryptable body, a missing encData and garbage (and the dashboard counts why)", async () => {
      const { order, attempt } = await checkout(await cartWith(["masala-chai-blend", 1]));
      const ctx = { db: database.db, gateway: atom, merchId: config.merchId };
      const rejectedBefore = await rejectedMessages();
      await expectRejectedAndUnchanged(order.id, () =>
        receiveGatewayResult(parseGatewayBody("encData=ABCDEF0123&merchId=317157"), "callback", ctx),
      );
      await expectRejectedAndUnchanged(order.id, () =>
        receiveGatewayResult(parseGatewayBody("merchId=317157"), "callback", ctx),
      );
      await expectRejectedAndUnchanged(order.id, () =>
        receiveGatewayResult(parseGatewayBody("%%%not a form"), "return", ctx),
      );
      const wrongKey = await encryptForMerchant(
        { ...config, responseEncryption: config.requestEncryption },
        resultFor(success(attempt)),
      );
      await expectRejectedAndUnchanged(order.id, () =>
        receiveGatewayResult(parseGatewayBody(`encData=${wrongKey}`), "callback", ctx),
      );
      const rejected = await rejectedMessages();
      const grew = (key: string) => (rejected.get(key) ?? 0) - (rejectedBefore.get(key) ?? 0);
      expect(grew("callback/signature")).toBe(2);
      expect(grew("callback/malformed")).toBe(1);
      expect(grew("return/malformed")).toBe(1);
    });

    it("an unknown merchTxnId", async () => {
      const { order } = await checkout(await cartWith(["assam-breakfast-tea", 1]));
      await expectRejectedAndUnchanged(order.id, () =>
        receive({ merchTxnId: "LBNOSUCHATTEMPT", atomTxnId: nextAtomTxnId() }),
      );
    });

    it("a merchTxnId holding a character the database cannot store (4xx, not 503 forever)", async () => {
      const { order, attempt } = await checkout(await cartWith(["assam-breakfast-tea", 1]));
      await expectRejectedAndUnchanged(order.id, () =>
        receive(success(attempt, { merchTxnId: `${attempt.merchTxnId}\u0000` })),
      );
    });

    it("an atomTxnId holding such a character, even signed: it could pass for another id", async () => {
      const { order, attempt } = await checkout(await cartWith(["assam-breakfast-tea", 1]));
      const atomTxnId = `${nextAtomTxnId()}\u0000`;
      // Signed over the text id; written as text, since it is no number.
      const result = resultFor(success(attempt, { atomTxnId }));
      const payInstrument = { ...result.payInstrument, payDetails: { ...result.payInstrument.payDetails, atomTxnId } };
      const body = `encData=${await encryptForMerchant(config, { payInstrument })}&merchId=${config.merchId}`;
      const context = { db: database.db, gateway: atom, merchId: config.merchId };
      await expectRejectedAndUnchanged(order.id, () =>
        receiveGatewayResult(parseGatewayBody(body), "callback", context),
      );
    });

    it("a tampered amount under a valid signature is flagged for an admin", async () => {
      const { order, attempt } = await checkout(await cartWith(["assam-breakfast-tea", 2]));
      const { after } = await expectRejectedAndUnchanged(order.id, () =>
        receive(success(attempt, { amountPaise: 100 })),
      );
      expect(after.order.status).toBe("pending");
      expect(after.order.needsReview).toBe(true);
      expect(after.events.at(-1)).toMatchObject({ type: "result_mismatch", source: "callback" });
    });

    it("a replay of another order's result", async () => {
      const paidOne = await checkout(await cartWith(["sandalwood-incense", 3]));
      const paid = success(paidOne.attempt);
      await receive(paid);
      const victim = await checkout(await cartWith(["sandalwood-incense", 3]));
      // Same amount, the other order's gateway transaction, re-signed for this merchTxnId.
      await expectRejectedAndUnchanged(victim.order.id, () =>
        receive({ ...paid, merchTxnId: victim.attempt.merchTxnId }),
      );
      expect((await snapshot(victim.order.id)).order.status).toBe("pending");
    });
  });
});
