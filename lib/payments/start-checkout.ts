import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import {
  cartItems,
  carts,
  orderItems,
  orders,
  paymentAttempts,
  products,
  type Order,
  type PaymentAttempt,
} from "@/db/schema";
import { isAtomError, type AtomClient, type AtomConfig } from "@/lib/atom";
import { DomainError } from "@/lib/domain-error";
import { errorFields, log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { formatRupees } from "@/lib/money";
import { describeShortages } from "@/lib/catalog/stock-availability";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { reserveOrderStock } from "@/lib/lifecycle/hold-stock";
import { lockOrder, transitionAttempt } from "@/lib/lifecycle/transitions";
import type { CheckoutContact } from "@/lib/orders/contact";
import { deliveryColumns, type DeliveryAddress } from "@/lib/checkout/delivery-address";
import { hasPaymentAwaitingBank } from "@/lib/orders/cancel-order";
import { describeGatewayTrouble } from "./describe-gateway-trouble";

/** What the browser needs to open the gateway's overlay (nothing secret). */
export interface CheckoutLaunch {
  atomTokenId: string;
  merchId: string;
  custEmail: string;
  custMobile: string;
  returnUrl: string;
  scriptUrl: string;
  /** The checkout script's second argument. */
  env: "uat" | "prod";
}

export interface CheckoutStarted {
  orderId: string;
  launch: CheckoutLaunch;
}

/** The most one order can come to: the largest value of its integer total column (about ₹2.1 crore). */
const MAX_ORDER_PAISE = 2_147_483_647;

export type CheckoutErrorCode =
  | "cart_empty"
  | "product_unavailable"
  | "out_of_stock"
  | "order_not_found"
  | "order_not_pending"
  | "awaiting_bank"
  | "payment_unavailable"
  | "order_too_large";

/** The shop cannot take this payment now; `orderId` names the order it concerns, when there is one. */
export class CheckoutError extends DomainError<CheckoutErrorCode> {
  override name = "CheckoutError";
  constructor(
    code: CheckoutErrorCode,
    message: string,
    readonly orderId?: string,
  ) {
    super(code, message);
  }
}

const AWAITING_BANK =
  "A payment for this order is still being confirmed by your bank. Please wait for its result before paying again.";

export interface PaymentContext {
  db: Database;
  gateway: Pick<AtomClient, "auth">;
  atom: AtomConfig;
  appUrl: string;
}

interface CartSnapshotLine {
  productId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  active: boolean;
  gstRateBasisPoints: number;
  hsnCode: string | null;
}

/** What the checkout form gives: how to reach the shopper and where the order goes. */
export interface CheckoutInput {
  cartId: string;
  userId: string | null;
  contact: CheckoutContact;
  delivery: DeliveryAddress;
}

/**
 * The pay button: turn the cart into an order (or reuse the pending order made from the
 * same cart contents, taking the contact and address just given), reserve its stock, open a payment attempt with a fresh merchTxnId,
 * and ask the gateway for a token. Prices come from the database only. Throws
 * CheckoutError when the shop cannot take the payment (an empty cart, too few left of a
 * product, a payment still at the bank, the gateway down); a refusal before the gateway
 * is asked leaves everything as it was (one transaction).
 */
export async function startCheckout(context: PaymentContext, input: CheckoutInput): Promise<CheckoutStarted> {
  const prepared = await context.db.transaction(async (tx) => {
    const { order, created } = await placeOrderFromCart(tx, input);
    // A new order is rolled back with the refusal: then there is no order to link to.
    await reserveForPayment(tx, order, {
      orderId: created ? undefined : order.id,
      whatNow: "Change your cart to continue.",
    });
    const attempt = await openAttempt(tx, order, "shopper");
    return { order, attempt };
  });
  return requestToken(context, prepared.order, prepared.attempt);
}

/** "Pay again" on a pending order whose earlier attempt failed or was abandoned. Throws CheckoutError like startCheckout. */
export async function retryPayment(context: PaymentContext, orderId: string): Promise<CheckoutStarted> {
  const prepared = await context.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new CheckoutError("order_not_found", "We could not find that order.", orderId);
    if (order.status !== "pending")
      throw new CheckoutError("order_not_pending", "This order is no longer waiting for payment.", orderId);
    if (await hasPaymentAwaitingBank(tx, order.id)) throw new CheckoutError("awaiting_bank", AWAITING_BANK, orderId);
    await reserveForPayment(tx, order, {
      orderId,
      whatNow: "This order cannot be paid as it is: cancel it and order what is left.",
    });
    return { order, attempt: await openAttempt(tx, order, "shopper") };
  });
  return requestToken(context, prepared.order, prepared.attempt);
}

/**
 * Every payment holds its order's goods: what the order does not hold yet (all of a new
 * order; nothing, when an earlier attempt is still open; everything again after a failure
 * gave it back) is taken now, or the payment is refused, naming what is short.
 */
async function reserveForPayment(
  tx: Queryable,
  order: Order,
  refusal: { orderId: string | undefined; whatNow: string },
): Promise<void> {
  const shortages = await reserveOrderStock(tx, order.id, { source: "shopper" });
  if (shortages.length > 0)
    throw new CheckoutError("out_of_stock", `${describeShortages(shortages)} ${refusal.whatNow}`, refusal.orderId);
}

async function placeOrderFromCart(tx: Queryable, input: CheckoutInput): Promise<{ order: Order; created: boolean }> {
  // The cart row lock makes a double-clicked pay button produce one order, not two.
  const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, input.cartId)).for("update");
  if (!cart) throw new CheckoutError("cart_empty", "Your cart is empty.");
  const lines: CartSnapshotLine[] = await tx
    .select({
      productId: products.id,
      name: products.name,
      unitPrice: products.price,
      quantity: cartItems.quantity,
      active: products.active,
      gstRateBasisPoints: products.gstRateBasisPoints,
      hsnCode: products.hsnCode,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(eq(cartItems.cartId, input.cartId))
    .orderBy(asc(products.id));
  if (lines.length === 0) throw new CheckoutError("cart_empty", "Your cart is empty.");
  const unavailable = lines.filter((line) => !line.active);
  if (unavailable.length > 0) {
    throw new CheckoutError(
      "product_unavailable",
      `${unavailable.map((line) => line.name).join(", ")} can no longer be bought. Remove it from your cart to continue.`,
    );
  }
  const total = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  // An order's total is an integer column of paise: a cart beyond it is refused, not a server error.
  if (total > MAX_ORDER_PAISE)
    throw new CheckoutError(
      "order_too_large",
      `One order can be at most ${formatRupees(MAX_ORDER_PAISE)}. Please split your purchase into smaller orders.`,
    );
  const fingerprint = cartFingerprint(lines);

  const [reusable] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.cartId, input.cartId), eq(orders.status, "pending"), eq(orders.cartFingerprint, fingerprint)))
    .orderBy(desc(orders.createdAt))
    .limit(1)
    .for("update");
  if (reusable) {
    // Paying again while the bank has not answered could charge the shopper twice.
    if (await hasPaymentAwaitingBank(tx, reusable.id))
      throw new CheckoutError("awaiting_bank", AWAITING_BANK, reusable.id);
    // The details given last are the ones the order is paid and shipped with.
    const [updated] = await tx
      .update(orders)
      .set({
        email: input.contact.email,
        mobile: input.contact.mobile,
        ...deliveryColumns(input.delivery),
        userId: reusable.userId ?? input.userId,
        updatedAt: sql`now()`,
      })
      .where(and(eq(orders.id, reusable.id), eq(orders.status, "pending")))
      .returning();
    return { order: updated!, created: false };
  }

  const [order] = await tx
    .insert(orders)
    .values({
      userId: input.userId,
      email: input.contact.email,
      mobile: input.contact.mobile,
      ...deliveryColumns(input.delivery),
      totalAmount: total,
      cartId: input.cartId,
      cartFingerprint: fingerprint,
    })
    .returning();
  await tx.insert(orderItems).values(
    lines.map((line) => ({
      orderId: order!.id,
      productId: line.productId,
      name: line.name,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      // The tax the price includes as the product has it now: the invoice prints this, not
      // whatever the product says later.
      gstRateBasisPoints: line.gstRateBasisPoints,
      hsnCode: line.hsnCode,
    })),
  );
  await recordPaymentEvent(tx, {
    orderId: order!.id,
    type: "order_created",
    source: "shopper",
    detail: { totalAmount: total, items: lines.length },
  });
  return { order: order!, created: true };
}

/**
 * Identifies cart contents, prices and their GST rates and HSN codes: an unchanged cart maps to
 * the same pending order, and a changed rate makes a new order (whose lines snapshot it).
 */
function cartFingerprint(
  lines: ReadonlyArray<
    Pick<CartSnapshotLine, "productId" | "unitPrice" | "quantity" | "gstRateBasisPoints" | "hsnCode">
  >,
): string {
  const canonical = [...lines]
    .sort((a, b) => a.productId.localeCompare(b.productId))
    .map(
      (line) => `${line.productId}:${line.quantity}:${line.unitPrice}:${line.gstRateBasisPoints}:${line.hsnCode ?? ""}`,
    )
    .join("|");
  return createHash("sha256").update(canonical).digest("hex");
}

/** Unique per attempt, at most 50 characters (the gateway's limit), letters and digits only. */
function newMerchTxnId(now = new Date()): string {
  return `LB${now.getTime().toString(36).toUpperCase()}${randomBytes(6).toString("hex").toUpperCase()}`;
}

async function openAttempt(tx: Queryable, order: Order, source: "shopper"): Promise<PaymentAttempt> {
  const merchTxnDate = new Date();
  // The gateway's date has whole seconds; store what is sent so a requery can repeat it.
  merchTxnDate.setMilliseconds(0);
  const [attempt] = await tx
    .insert(paymentAttempts)
    .values({ orderId: order.id, merchTxnId: newMerchTxnId(merchTxnDate), merchTxnDate, amount: order.totalAmount })
    .returning();
  await tx
    .update(orders)
    .set({ merchTxnId: attempt!.merchTxnId, updatedAt: sql`now()` })
    .where(eq(orders.id, order.id));
  await recordPaymentEvent(tx, {
    orderId: order.id,
    attemptId: attempt!.id,
    type: "payment_started",
    source,
    detail: { merchTxnId: attempt!.merchTxnId, amount: order.totalAmount },
  });
  return attempt!;
}

/** AUTH for the new attempt; every line logged on the way carries its order and merchTxnId. */
function requestToken(context: PaymentContext, order: Order, attempt: PaymentAttempt): Promise<CheckoutStarted> {
  return withLogContext({ orderId: order.id, merchTxnId: attempt.merchTxnId }, () => {
    log.info(
      { attemptId: attempt.id, amount: formatRupees(attempt.amount), amountPaise: attempt.amount },
      "Payment initiated",
    );
    return askForToken(context, order, attempt);
  });
}

async function askForToken(context: PaymentContext, order: Order, attempt: PaymentAttempt): Promise<CheckoutStarted> {
  let atomTokenId: string;
  try {
    ({ atomTokenId } = await context.gateway.auth({
      merchTxnId: attempt.merchTxnId,
      merchTxnDate: attempt.merchTxnDate,
      amountPaise: attempt.amount,
      custEmail: order.email,
      custMobile: order.mobile,
      userId: order.userId ?? undefined,
      udf: { udf1: order.id },
    }));
  } catch (error) {
    if (!isAtomError(error)) throw error;
    log.warn({ attemptId: attempt.id, ...errorFields(error) }, "Token request failed: the payment attempt failed");
    await context.db.transaction(async (tx) => {
      await lockOrder(tx, order.id);
      await transitionAttempt(tx, {
        id: attempt.id,
        from: "initializing",
        to: "payment_failed",
        set: { statusCode: error.gatewayCode ?? null, statusMessage: error.message },
        event: {
          type: "token_failed",
          source: "shopper",
          detail: { kind: error.kind, gatewayCode: error.gatewayCode, message: error.message },
        },
      });
    });
    throw new CheckoutError("payment_unavailable", describeGatewayTrouble(error), order.id);
  }
  log.info({ attemptId: attempt.id, atomTokenId }, "Token received");
  await context.db.transaction(async (tx) => {
    await lockOrder(tx, order.id);
    const moved = await transitionAttempt(tx, {
      id: attempt.id,
      from: "initializing",
      to: "token_generated",
      set: { atomTokenId },
      event: { type: "token_generated", source: "shopper", detail: { atomTokenId } },
    });
    if (!moved.changed) return;
    await tx
      .update(orders)
      .set({ atomTokenId, updatedAt: sql`now()` })
      .where(and(eq(orders.id, order.id), eq(orders.merchTxnId, attempt.merchTxnId)));
  });
  return {
    orderId: order.id,
    launch: {
      atomTokenId,
      merchId: context.atom.merchId,
      custEmail: order.email,
      custMobile: order.mobile,
      returnUrl: `${context.appUrl}/api/atom/return`,
      scriptUrl: context.atom.urls.checkoutScript,
      env: context.atom.mode === "production" ? "prod" : "uat",
    },
  };
}
