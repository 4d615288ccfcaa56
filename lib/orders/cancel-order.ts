import { and, eq } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import { paymentAttempts, type Order } from "@/db/schema";
import { DomainError } from "@/lib/domain-error";
import { movedUnderLock, transitionOrder, lockOrder } from "@/lib/lifecycle/transitions";

/** Whether the gateway has said a payment on this order is pending at the bank (it may still succeed). */
export async function hasPaymentAwaitingBank(db: Queryable, orderId: string): Promise<boolean> {
  const [awaiting] = await db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.orderId, orderId), eq(paymentAttempts.status, "user_payment")))
    .limit(1);
  return awaiting !== undefined;
}

export class CancelOrderError extends DomainError<"order_not_found" | "order_not_pending" | "awaiting_bank"> {
  override name = "CancelOrderError";
}

/**
 * The shopper cancels an unpaid order. Refused (CancelOrderError) while the gateway
 * reports a payment as pending at the bank (it may still succeed); a success that arrives
 * after a cancellation is recorded and flagged for an admin to refund.
 */
export async function cancelPendingOrder(db: Database, orderId: string): Promise<Order> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw new CancelOrderError("order_not_found", "That order could not be found.");
    if (order.status !== "pending")
      throw new CancelOrderError("order_not_pending", "Only an unpaid order can be cancelled.");
    if (await hasPaymentAwaitingBank(tx, orderId)) {
      throw new CancelOrderError(
        "awaiting_bank",
        "A payment for this order is still being confirmed by your bank, so it cannot be cancelled yet.",
      );
    }
    const cancelled = await transitionOrder(tx, {
      id: orderId,
      from: order.status,
      to: "cancelled",
      event: { type: "order_cancelled", source: "shopper", detail: {} },
    });
    return movedUnderLock(cancelled, `Order ${orderId}`);
  });
}
