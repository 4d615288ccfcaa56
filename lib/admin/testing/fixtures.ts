import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import {
  orderItems,
  orders,
  paymentAttempts,
  paymentEvents,
  products,
  refunds,
  users,
  type Order,
  type OrderStatus,
  type PaymentAttempt,
} from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { applyGatewayResult } from "@/lib/payments/apply-gateway-result";

/** A user row and the SessionUser a signed-in request would carry. The hash is a placeholder: tests never sign in. */
export async function createUser(
  db: Queryable,
  role: SessionUser["role"],
  email = `${role}-${randomUUID()}@example.test`,
): Promise<SessionUser> {
  const [user] = await db
    .insert(users)
    .values({ email, name: role === "admin" ? "Asha Admin" : "Chitra Customer", role, passwordHash: "not-a-real-hash" })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  return user!;
}

let atomTxnSequence = 11_000_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

export interface OrderFixture {
  status?: OrderStatus;
  totalPaise?: number;
  surchargePaise?: number;
  email?: string;
  /** null: an order the gateway never confirmed (no atomTxnId). */
  atomTxnId?: string | null;
  createdAt?: Date;
}

/**
 * An order as checkout and the callback leave it: one item (holding its unit of stock,
 * unless the order is cancelled), a completed payment attempt carrying the gateway's ids,
 * and the order pointing at that attempt.
 */
export async function createOrder(db: Queryable, fixture: OrderFixture = {}): Promise<Order> {
  const totalPaise = fixture.totalPaise ?? 100_000;
  const status = fixture.status ?? "paid";
  const atomTxnId = fixture.atomTxnId === undefined ? String((atomTxnSequence += 1)) : fixture.atomTxnId;
  const merchTxnId = `T${randomBytes(8).toString("hex").toUpperCase()}`;
  const slug = `fixture-${randomUUID()}`;
  const [product] = await db
    .insert(products)
    .values({
      slug,
      name: "Fixture Tea",
      description: "For tests.",
      price: totalPaise,
      image: "/products/x.svg",
      stock: 10,
    })
    .returning();
  const [order] = await db
    .insert(orders)
    .values({
      email: fixture.email ?? `shopper-${randomUUID()}@example.test`,
      mobile: "9876543210",
      merchTxnId,
      totalAmount: totalPaise,
      surchargeAmount: fixture.surchargePaise ?? 0,
      status,
      atomTxnId,
      paidAt: status === "pending" || status === "cancelled" ? null : new Date(),
      createdAt: fixture.createdAt ?? new Date(),
    })
    .returning();
  await db.insert(orderItems).values({
    orderId: order!.id,
    productId: product!.id,
    name: "Fixture Tea",
    unitPrice: totalPaise,
    quantity: 1,
    heldQuantity: status === "cancelled" ? 0 : 1,
  });
  await db.insert(paymentAttempts).values({
    orderId: order!.id,
    merchTxnId,
    merchTxnDate: new Date(),
    amount: totalPaise,
    status: atomTxnId === null ? "token_generated" : "completed",
    atomTxnId,
    totalAmount: totalPaise + (fixture.surchargePaise ?? 0),
    surchargeAmount: fixture.surchargePaise ?? 0,
  });
  return order!;
}

/** The attempt that paid the order: the one carrying the order's atomTxnId. */
export async function payingAttemptOf(db: Queryable, order: Order): Promise<PaymentAttempt> {
  const [attempt] = await db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.orderId, order.id), eq(paymentAttempts.atomTxnId, order.atomTxnId ?? "")));
  if (attempt === undefined) throw new Error(`Order ${order.id} has no paying attempt`);
  return attempt;
}

const FIXTURE_MERCH_ID = "317157";

/**
 * One more payment attempt on an order, settled by a verified gateway result through
 * the real applyGatewayResult: a success on a paid order is a duplicate payment, on a
 * cancelled one a payment after cancelling (the attempt completes, the order is flagged
 * and keeps its status); a failure leaves a failed attempt that still has an atomTxnId.
 */
export async function addPaymentAttempt(
  db: Database,
  order: Order,
  options: { outcome?: "success" | "failed"; amountPaise?: number } = {},
): Promise<PaymentAttempt> {
  const amountPaise = options.amountPaise ?? order.totalAmount;
  const merchTxnId = `T${randomBytes(8).toString("hex").toUpperCase()}`;
  const merchTxnDate = new Date();
  const [attempt] = await db
    .insert(paymentAttempts)
    .values({ orderId: order.id, merchTxnId, merchTxnDate, amount: amountPaise, status: "token_generated" })
    .returning();
  const success = (options.outcome ?? "success") === "success";
  await applyGatewayResult(
    db,
    FIXTURE_MERCH_ID,
    {
      merchId: FIXTURE_MERCH_ID,
      merchTxnId,
      merchTxnDate: merchTxnDate.toISOString(),
      atomTxnId: String((atomTxnSequence += 1)),
      amountPaise,
      surchargePaise: 0,
      totalAmountPaise: amountPaise,
      currency: "INR",
      statusCode: success ? "OTS0000" : "OTS0600",
      message: success ? "SUCCESS" : "FAILED",
      description: "",
      subChannel: "UP",
      bankTxnId: "",
      bankName: null,
      outcome: success ? "success" : "failed",
      payload: {},
    },
    "callback",
  );
  const [settled] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attempt!.id));
  return settled!;
}

/** Everything a service may have written for an order: to prove a refused call wrote nothing. */
export async function snapshotOrder(db: Queryable, orderId: string) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const attempts = await db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.orderId, orderId))
    .orderBy(asc(paymentAttempts.createdAt), asc(paymentAttempts.id));
  const orderRefunds = await db
    .select()
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
  const events = await db
    .select()
    .from(paymentEvents)
    .where(eq(paymentEvents.orderId, orderId))
    .orderBy(asc(paymentEvents.id));
  return { order: order!, attempts, refunds: orderRefunds, events };
}

export function idempotencyKey(): string {
  return randomUUID();
}

/** What an admin gives when marking an order shipped. */
export const TEST_SHIPMENT = { carrier: "India Post", trackingNumber: "EE123456789IN" };
