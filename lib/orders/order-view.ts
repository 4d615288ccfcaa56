import { asc, desc, eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orderItems, orders, paymentAttempts, type Order, type OrderItem, type PaymentAttempt } from "@/db/schema";
import { isCancelledByShopper } from "@/lib/atom";
import { listRefundsForOrder, type ShopperRefund } from "@/lib/refunds/shopper-refunds";

export interface OrderView {
  order: Order;
  items: OrderItem[];
  /** Newest first. */
  attempts: PaymentAttempt[];
  refunds: ShopperRefund[];
}

export async function loadOrderView(db: Queryable, orderId: string): Promise<OrderView | undefined> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!order) return undefined;
  const [items, attempts, orderRefunds] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.name)),
    db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.orderId, orderId))
      .orderBy(desc(paymentAttempts.createdAt)),
    listRefundsForOrder(db, orderId),
  ]);
  return { order, items, attempts, refunds: orderRefunds };
}

export type ShopperPaymentState =
  | "paid"
  | "shipped"
  | "delivered"
  | "awaiting"
  | "no_payment"
  | "payment_cancelled"
  | "failed"
  | "not_started"
  | "cancelled"
  | "refunded";

/**
 * What the shopper should be told about the order: past `pending`, its status (paid,
 * shipped, delivered, refunded, cancelled); while pending, how its payment stands, from the
 * latest attempt. An attempt that got its token but about which the gateway, asked since,
 * has no payment (the shopper closed the payment window) is `no_payment`: they may pay
 * again, and a payment made after all still settles it. A last attempt the shopper cancelled
 * on the gateway's page is `payment_cancelled`, not a decline (`failed`).
 */
export function shopperPaymentState(view: Pick<OrderView, "order" | "attempts">): ShopperPaymentState {
  const { order } = view;
  if (order.status !== "pending") return order.status;
  const latest = view.attempts[0];
  if (!latest) return "not_started";
  switch (latest.status) {
    case "payment_failed":
      return isCancelledByShopper(latest.statusCode) ? "payment_cancelled" : "failed";
    case "initializing":
      return "not_started";
    case "token_generated":
      return latest.lastCheckResult === "no_data" ? "no_payment" : "awaiting";
    default:
      return "awaiting";
  }
}
