import { and, eq, sql } from "drizzle-orm";
import type { Database, Queryable } from "@/db";
import { orders, paymentAttempts } from "@/db/schema";
import { recordPaymentEvent } from "./events";
import { assertOrderTransition } from "./state-machine";

/** Whether the gateway has said a payment on this order is pending at the bank (it may still succeed). */
export async function hasPaymentAwaitingBank(db: Queryable, orderId: string): Promise<boolean> {
  const [awaiting] = await db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.orderId, orderId), eq(paymentAttempts.status, "user_payment")))
    .limit(1);
  return awaiting !== undefined;
}

export type CancelResult = { ok: true } | { ok: false; error: string };

/**
 * The shopper cancels an unpaid order. Refused while the gateway reports a payment as
 * pending at the bank (it may still succeed); a success that arrives after a
 * cancellation is recorded and flagged for an admin to refund.
 */
export async function cancelPendingOrder(db: Database, orderId: string): Promise<CancelResult> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) return { ok: false, error: "That order could not be found." };
    if (order.status !== "pending") return { ok: false, error: "Only an unpaid order can be cancelled." };
    if (await hasPaymentAwaitingBank(tx, orderId)) {
      return { ok: false, error: "A payment for this order is still being confirmed by your bank, so it cannot be cancelled yet." };
    }
    assertOrderTransition(order.status, "cancelled");
    await tx
      .update(orders)
      .set({ status: "cancelled", cancelledAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(orders.id, orderId), eq(orders.status, "pending")));
    await recordPaymentEvent(tx, { orderId, type: "order_cancelled", source: "shopper" });
    return { ok: true };
  });
}
