import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  attentionItems,
  cartItems,
  carts,
  orderItems,
  orders,
  paymentAttempts,
  products,
  type PaymentAttempt,
} from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { createUser, idempotencyKey, snapshotOrder } from "@/lib/admin/testing/fixtures";
import type { SessionUser } from "@/lib/auth/session";
import { AtomTransactionNotFoundError, type AtomClient, type VerifiedPayment } from "@/lib/atom";
import { testAtomConfig } from "@/lib/atom/testing/samples";
import { cancelPendingOrder } from "@/lib/orders/cancel-order";
import { requestRefund, RefundRuleError } from "@/lib/refunds";
import { startRefundGateway, type RefundGatewayStub } from "@/lib/refunds/testing/refund-gateway";
import { applyGatewayResult } from "./apply-gateway-result";
import { expireOverdueOrders } from "./expire-orders";
import { requeryAttempt, type RequeryContext } from "./requery-payment";
import { CheckoutError, retryPayment, startCheckout, type PaymentContext } from "./start-checkout";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";

// Stock through the whole payment lifecycle: a checkout reserves what it buys, a failure,
// a cancellation, an expiry or an abandoned payment gives it back, a payment that arrives
// later takes it again (oversold when it is gone), and a full refund may restock. Every
// move happens once, however often the news comes.

const config = testAtomConfig();
const contact = { email: "asha@example.in", mobile: "9876543210" };
let database: TestDatabase;
let admin: SessionUser;
let authCalls = 0;
const refundGateways: RefundGatewayStub[] = [];

const authGateway: Pick<AtomClient, "auth"> = {
  async auth(input) {
    authCalls += 1;
    const atomTokenId = String(16_000_000_000_000 + authCalls);
    return { atomTokenId, merchTxnId: input.merchTxnId, statusCode: "OTS0000", message: "SUCCESS", description: "" };
  },
};
const context = (): PaymentContext => ({
  db: database.db,
  gateway: authGateway,
  atom: config,
  appUrl: "http://shop.test",
});

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
});
afterAll(async () => {
  await database?.destroy();
});
afterEach(async () => {
  await Promise.all(refundGateways.splice(0).map((gateway) => gateway.close()));
});

/** A product of its own, so each test counts its stock alone. */
async function productWith(stock: number, name = `Test Tea ${randomUUID().slice(0, 6)}`) {
  const [product] = await database.db
    .insert(products)
    .values({
      slug: `stock-${randomUUID()}`,
      name,
      description: "For stock tests.",
      price: 25_000,
      image: "/x.svg",
      stock,
    })
    .returning();
  return product!;
}

async function stockOf(productId: string): Promise<number> {
  const [row] = await database.db.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return row!.stock;
}

async function heldBy(orderId: string): Promise<number[]> {
  const lines = await database.db
    .select({ held: orderItems.heldQuantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(orderItems.productId);
  return lines.map((line) => line.held);
}

async function cartWith(...lines: Array<[productId: string, quantity: number]>): Promise<string> {
  const [cart] = await database.db.insert(carts).values({}).returning();
  for (const [productId, quantity] of lines)
    await database.db.insert(cartItems).values({ cartId: cart!.id, productId, quantity });
  return cart!.id;
}

async function checkout(cartId: string) {
  const started = await startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY });
  return { orderId: started.orderId, attempt: await latestAttempt(started.orderId) };
}

async function latestAttempt(orderId: string): Promise<PaymentAttempt> {
  const [attempt] = await database.db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.orderId, orderId))
    .orderBy(sql`${paymentAttempts.createdAt} desc`)
    .limit(1);
  return attempt!;
}

async function refusal(starting: Promise<unknown>): Promise<CheckoutError> {
  const error = await starting.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof CheckoutError)) throw new Error(`expected a CheckoutError, got ${String(error)}`);
  return error;
}

let atomTxnSequence = 12_000_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

/** A verified gateway result for the attempt, applied as the callback route applies it. */
async function settle(
  attempt: PaymentAttempt,
  outcome: VerifiedPayment["outcome"],
  atomTxnId = String((atomTxnSequence += 1)),
) {
  const statusCode = { success: "OTS0000", failed: "OTS0600", pending: "OTS0551" }[outcome];
  return applyGatewayResult(
    database.db,
    config.merchId,
    {
      merchId: config.merchId,
      merchTxnId: attempt.merchTxnId,
      merchTxnDate: attempt.merchTxnDate.toISOString(),
      atomTxnId,
      amountPaise: attempt.amount,
      surchargePaise: 0,
      totalAmountPaise: attempt.amount,
      currency: "INR",
      statusCode,
      message: outcome.toUpperCase(),
      description: "",
      subChannel: "CC",
      bankTxnId: "",
      bankName: null,
      outcome,
      payload: {},
    },
    "callback",
  );
}

const eventTypes = async (orderId: string) =>
  (await snapshotOrder(database.db, orderId)).events.map((event) => event.type);
const stockEvents = async (orderId: string) =>
  (await snapshotOrder(database.db, orderId)).events
    .filter((event) => event.type.startsWith("stock_"))
    .map((event) => ({ type: event.type, detail: event.detail }));

describe(`stock through checkout and payment (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("a checkout reserves what it buys, in the order's transaction, and says so on the timeline", async () => {
    const tea = await productWith(10, "Reserve Tea");
    const cups = await productWith(4, "Reserve Cups");
    const { orderId } = await checkout(await cartWith([tea.id, 3], [cups.id, 4]));
    expect([await stockOf(tea.id), await stockOf(cups.id)]).toEqual([7, 0]);
    expect((await heldBy(orderId)).sort()).toEqual([3, 4]);
    expect(await eventTypes(orderId)).toEqual([
      "order_created",
      "stock_reserved",
      "payment_started",
      "token_generated",
    ]);
    const [reserved] = await stockEvents(orderId);
    expect(reserved!.detail).toMatchObject({ because: "checkout" });
    expect(reserved!.detail.items).toContain("Reserve Tea × 3");
    expect(reserved!.detail.items).toContain("Reserve Cups × 4");
  });

  it("refuses a cart asking for more than is left, naming the product and what is left, and takes nothing", async () => {
    const plenty = await productWith(10, "Plenty Tea");
    const scarce = await productWith(2, "Scarce Saffron");
    const gone = await productWith(0, "Gone Kettle");
    const cartId = await cartWith([plenty.id, 1], [scarce.id, 3], [gone.id, 1]);
    const callsBefore = authCalls;

    const error = await refusal(startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY }));
    expect(error.code).toBe("out_of_stock");
    expect(error.message).toContain("Scarce Saffron: only 2 left (you wanted 3).");
    expect(error.message).toContain("Gone Kettle is out of stock.");
    expect(error.message).toContain("Change your cart to continue.");
    expect(error.message).not.toContain("Plenty Tea");
    // No order to link to: the one being made was rolled back with everything else.
    expect(error.orderId).toBeUndefined();
    expect(await database.db.select().from(orders).where(eq(orders.cartId, cartId))).toEqual([]);
    expect([await stockOf(plenty.id), await stockOf(scarce.id), await stockOf(gone.id)]).toEqual([10, 2, 0]);
    expect(authCalls).toBe(callsBefore);
  });

  it("pressing Pay again while the first payment is still open reuses the order and takes nothing more", async () => {
    const tea = await productWith(5);
    const cartId = await cartWith([tea.id, 2]);
    const first = await checkout(cartId);
    const second = await checkout(cartId);
    expect(second.orderId).toBe(first.orderId);
    expect(await stockOf(tea.id)).toBe(3);
    expect(await heldBy(first.orderId)).toEqual([2]);
    expect((await stockEvents(first.orderId)).map((event) => event.type)).toEqual(["stock_reserved"]);
  });

  it("a failed payment gives the stock back once; Pay again reserves it again", async () => {
    const tea = await productWith(3);
    const { orderId, attempt } = await checkout(await cartWith([tea.id, 2]));
    expect(await stockOf(tea.id)).toBe(1);

    const failure = String((atomTxnSequence += 1));
    await Promise.all([1, 2, 3].map(() => settle(attempt, "failed", failure)));
    expect(await stockOf(tea.id)).toBe(3);
    expect(await heldBy(orderId)).toEqual([0]);
    expect(await stockEvents(orderId)).toMatchObject([
      { type: "stock_reserved" },
      { type: "stock_released", detail: { because: "payment_failed", items: `${tea.name} × 2` } },
    ]);

    await retryPayment(context(), orderId);
    expect(await stockOf(tea.id)).toBe(1);
    expect(await heldBy(orderId)).toEqual([2]);
  });

  it("a failure of an earlier payment keeps the stock while a later one is open", async () => {
    const tea = await productWith(3);
    const cartId = await cartWith([tea.id, 1]);
    const { orderId, attempt: first } = await checkout(cartId);
    await checkout(cartId);
    await settle(first, "failed");
    expect(await stockOf(tea.id)).toBe(2);
    expect(await heldBy(orderId)).toEqual([1]);
  });

  it("Pay again after the stock went to someone else is refused clearly, and nothing is asked of the gateway", async () => {
    const tea = await productWith(1, "Last Darjeeling");
    const { orderId, attempt } = await checkout(await cartWith([tea.id, 1]));
    await settle(attempt, "failed");
    await checkout(await cartWith([tea.id, 1]));
    expect(await stockOf(tea.id)).toBe(0);
    const attemptsBefore = (await snapshotOrder(database.db, orderId)).attempts.length;
    const callsBefore = authCalls;

    const error = await refusal(retryPayment(context(), orderId));
    expect(error).toMatchObject({ code: "out_of_stock", orderId });
    expect(error.message).toBe(
      "Last Darjeeling is out of stock. This order cannot be paid as it is: cancel it and order what is left.",
    );
    expect((await snapshotOrder(database.db, orderId)).attempts).toHaveLength(attemptsBefore);
    expect(authCalls).toBe(callsBefore);
    expect(await heldBy(orderId)).toEqual([0]);
  });

  it("a shopper's cancellation gives the stock back; money arriving after it takes none", async () => {
    const tea = await productWith(4);
    const { orderId, attempt } = await checkout(await cartWith([tea.id, 3]));
    await cancelPendingOrder(database.db, orderId);
    expect(await stockOf(tea.id)).toBe(4);
    await settle(attempt, "success");
    const after = await snapshotOrder(database.db, orderId);
    expect(after.order).toMatchObject({ status: "cancelled", needsReview: true });
    expect(await stockOf(tea.id)).toBe(4);
    expect(after.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["order_cancelled", "stock_released", "paid_after_cancel"]),
    );
    expect((await stockEvents(orderId)).map((event) => event.type)).toEqual(["stock_reserved", "stock_released"]);
  });

  it("a payment pending at the bank after a failure takes the stock back, and its success takes no more", async () => {
    const tea = await productWith(5);
    const { orderId, attempt } = await checkout(await cartWith([tea.id, 2]));
    await settle(attempt, "failed");
    expect(await stockOf(tea.id)).toBe(5);
    await settle(attempt, "pending");
    expect(await stockOf(tea.id)).toBe(3);
    await settle(attempt, "success");
    expect((await snapshotOrder(database.db, orderId)).order.status).toBe("paid");
    expect(await stockOf(tea.id)).toBe(3);
    expect(await stockEvents(orderId)).toMatchObject([
      { type: "stock_reserved", detail: { because: "checkout" } },
      { type: "stock_released", detail: { because: "payment_failed" } },
      { type: "stock_reserved", detail: { because: "payment_pending" } },
    ]);
  });
});

describe("a payment that arrives after the stock was given back", () => {
  it("takes it again, and the order is paid", async () => {
    const tea = await productWith(5);
    const { orderId, attempt } = await checkout(await cartWith([tea.id, 2]));
    await settle(attempt, "failed");
    const success = String((atomTxnSequence += 1));
    await Promise.all([1, 2, 3, 4].map(() => settle(attempt, "success", success)));
    expect((await snapshotOrder(database.db, orderId)).order.status).toBe("paid");
    expect(await stockOf(tea.id)).toBe(3);
    expect(await heldBy(orderId)).toEqual([2]);
    expect((await stockEvents(orderId)).at(-1)).toMatchObject({
      type: "stock_reserved",
      detail: { because: "order_paid" },
    });
  });

  it("when the stock is gone: still paid, takes what there is (never below 0) and puts it on the needs-attention list once", async () => {
    const tea = await productWith(3, "Oversold Runner");
    const plenty = await productWith(10, "Plenty Incense");
    const { orderId, attempt } = await checkout(await cartWith([tea.id, 3], [plenty.id, 2]));
    await settle(attempt, "failed");
    // Someone else buys two of the three meanwhile.
    await checkout(await cartWith([tea.id, 2]));
    expect(await stockOf(tea.id)).toBe(1);

    const success = String((atomTxnSequence += 1));
    await Promise.all([1, 2, 3].map(() => settle(attempt, "success", success)));
    const after = await snapshotOrder(database.db, orderId);
    // The money is real: the order is paid whatever the shelf says.
    expect(after.order.status).toBe("paid");
    expect(await stockOf(tea.id)).toBe(0);
    expect(await stockOf(plenty.id)).toBe(8);
    const held = await database.db
      .select({ productId: orderItems.productId, held: orderItems.heldQuantity })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId));
    expect(Object.fromEntries(held.map((line) => [line.productId, line.held]))).toEqual({
      [tea.id]: 1,
      [plenty.id]: 2,
    });
    const oversold = after.events.filter((event) => event.type === "stock_oversold");
    expect(oversold).toHaveLength(1);
    expect(oversold[0]!.detail).toEqual({ short: "Oversold Runner: 1 of the 3 still needed were in stock" });
    const items = await database.db
      .select()
      .from(attentionItems)
      .where(and(eq(attentionItems.orderId, orderId), eq(attentionItems.kind, "oversold")));
    expect(items).toHaveLength(1);
    expect(items[0]!.reason).toContain("Oversold Runner: 1 of the 3 still needed were in stock");
  });
});

describe("the jobs give back what abandoned and expired orders hold", () => {
  // The gateway has no record of the payment: the shopper closed the payment window.
  const nothingAtGateway: RequeryContext["gateway"] = {
    async transactionStatus() {
      throw new AtomTransactionNotFoundError("No data", { api: "STATUS", gatewayCode: "OTS0401" });
    },
  };
  const requeryContext = (): RequeryContext => ({
    db: database.db,
    gateway: nothingAtGateway,
    merchId: config.merchId,
    jobs: { requerySchedule: [60], paymentHorizonSeconds: 60, abandonAfterSeconds: 0 },
  });

  it("an abandoned payment gives the stock back once, however often it is asked about", async () => {
    const tea = await productWith(2);
    const { orderId, attempt } = await checkout(await cartWith([tea.id, 2]));
    for (let check = 0; check < 3; check += 1) await requeryAttempt(requeryContext(), attempt.id);
    expect((await latestAttempt(orderId)).status).toBe("payment_failed");
    expect(await stockOf(tea.id)).toBe(2);
    expect(await stockEvents(orderId)).toMatchObject([
      { type: "stock_reserved" },
      { type: "stock_released", detail: { because: "payment_abandoned" } },
    ]);
  });

  it("an order expired past the horizon holds nothing, and nothing is given back twice", async () => {
    const tea = await productWith(2);
    const { orderId } = await checkout(await cartWith([tea.id, 1]));
    await database.db
      .update(orders)
      .set({ createdAt: sql`now() - interval '2 hours'` })
      .where(eq(orders.id, orderId));
    expect(await expireOverdueOrders(requeryContext())).toBeGreaterThanOrEqual(1);
    expect((await snapshotOrder(database.db, orderId)).order.status).toBe("cancelled");
    await expireOverdueOrders(requeryContext());
    expect(await stockOf(tea.id)).toBe(2);
    expect(await heldBy(orderId)).toEqual([0]);
    expect((await stockEvents(orderId)).map((event) => event.type)).toEqual(["stock_reserved", "stock_released"]);
  });
});

describe("a full refund may put the items back in stock", () => {
  async function paidOrder(stock: number, quantity: number) {
    const tea = await productWith(stock);
    const { orderId, attempt } = await checkout(await cartWith([tea.id, quantity]));
    await settle(attempt, "success");
    return { tea, orderId, totalPaise: attempt.amount };
  }
  async function refundGateway(mode: "accept" | "decline") {
    const gateway = await startRefundGateway(mode);
    refundGateways.push(gateway);
    return gateway.client;
  }
  const refund = (orderId: string, amountPaise: number, restock: boolean) => ({
    orderId,
    amountPaise,
    reason: "Returned unopened",
    idempotencyKey: idempotencyKey(),
    restock,
  });

  it("restocks once, when the admin asked and the refund went through", async () => {
    const { tea, orderId, totalPaise } = await paidOrder(5, 2);
    expect(await stockOf(tea.id)).toBe(3);
    const gateway = await refundGateway("accept");
    const { refund: done } = await requestRefund(database.db, gateway, admin, refund(orderId, totalPaise, true));
    expect(done).toMatchObject({ status: "completed", restock: true });
    expect(await stockOf(tea.id)).toBe(5);
    expect(await heldBy(orderId)).toEqual([0]);
    const after = await snapshotOrder(database.db, orderId);
    expect(after.order.status).toBe("refunded");
    const restocked = after.events.filter((event) => event.type === "stock_restocked");
    expect(restocked).toHaveLength(1);
    expect(restocked[0]).toMatchObject({
      source: "admin",
      actorEmail: admin.email,
      refundId: done.id,
      detail: { items: `${tea.name} × 2` },
    });
    expect(after.events.find((event) => event.type === "refund_requested")?.detail).toMatchObject({ restock: true });
  });

  it("leaves the stock alone when the admin did not ask, or the gateway declined", async () => {
    const kept = await paidOrder(5, 2);
    await requestRefund(
      database.db,
      await refundGateway("accept"),
      admin,
      refund(kept.orderId, kept.totalPaise, false),
    );
    expect((await snapshotOrder(database.db, kept.orderId)).order.status).toBe("refunded");
    expect(await stockOf(kept.tea.id)).toBe(3);

    const declined = await paidOrder(5, 1);
    const decline = await refundGateway("decline");
    const { refund: failed } = await requestRefund(
      database.db,
      decline,
      admin,
      refund(declined.orderId, declined.totalPaise, true),
    );
    expect(failed.status).toBe("failed");
    expect(await stockOf(declined.tea.id)).toBe(4);
    // Asked again, it goes through: the items go back then, once.
    await requestRefund(
      database.db,
      await refundGateway("accept"),
      admin,
      refund(declined.orderId, declined.totalPaise, true),
    );
    expect(await stockOf(declined.tea.id)).toBe(5);
    expect((await stockEvents(declined.orderId)).filter((event) => event.type === "stock_restocked")).toHaveLength(1);
  });

  it("refuses to restock on a partial refund, and writes nothing", async () => {
    const { tea, orderId, totalPaise } = await paidOrder(5, 2);
    const gateway = await refundGateway("accept");
    const error = await requestRefund(database.db, gateway, admin, refund(orderId, totalPaise - 100, true)).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RefundRuleError);
    expect(error).toMatchObject({ code: "restock_needs_full_refund" });
    expect((await snapshotOrder(database.db, orderId)).refunds).toEqual([]);
    expect(await stockOf(tea.id)).toBe(3);
  });
});

describe(`two shoppers racing for the last item (${testServerUrl() ? "postgres: one connection each" : "pglite"})`, () => {
  it("exactly one order holds it; every other checkout is refused, naming it, and changes nothing", async () => {
    const last = await productWith(1, "Last Runner");
    const shoppers = 8;
    const cartIds = await Promise.all(Array.from({ length: shoppers }, () => cartWith([last.id, 1])));
    const callsBefore = authCalls;

    const outcomes = await Promise.allSettled(
      cartIds.map((cartId) => startCheckout(context(), { cartId, userId: null, contact, delivery: TEST_DELIVERY })),
    );

    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const lost = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(shoppers - 1);
    for (const error of lost) {
      expect(error).toBeInstanceOf(CheckoutError);
      expect(error).toMatchObject({
        code: "out_of_stock",
        message: "Last Runner is out of stock. Change your cart to continue.",
      });
    }
    expect(await stockOf(last.id)).toBe(0);
    const placed = await database.db
      .select({ id: orders.id })
      .from(orders)
      .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
      .where(eq(orderItems.productId, last.id));
    expect(placed).toHaveLength(1);
    expect(await heldBy(placed[0]!.id)).toEqual([1]);
    expect((await snapshotOrder(database.db, placed[0]!.id)).attempts).toHaveLength(1);
    expect(authCalls - callsBefore).toBe(1);
  });
});
