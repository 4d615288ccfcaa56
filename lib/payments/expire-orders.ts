import { and, asc, count, eq, inArray, lt, ne, notExists, type SQL } from "drizzle-orm";
import { secondsAgo } from "@/db/clock";
import { orders, paymentAttempts } from "@/db/schema";
import { movedUnderLock, transitionOrder, lockOrder } from "@/lib/lifecycle/transitions";
import { log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { requeryAttempt, type RequeryContext } from "./requery-payment";

/**
 * The documented rule: an order still unpaid `paymentHorizonSeconds` after it was placed
 * expires (pending → cancelled, event `order_expired`), but only once a fresh requery of
 * each of its payments has answered and none is paid or pending at the bank. A gateway
 * that cannot be asked leaves the order as it is until the next run. Returns how many expired.
 */
export async function expireOverdueOrders(context: RequeryContext, limit = 20): Promise<number> {
  const overdue = await context.db
    .select({ id: orders.id })
    .from(orders)
    .where(isOverdue(context))
    .orderBy(asc(orders.createdAt))
    .limit(limit);
  let expired = 0;
  for (const order of overdue) {
    if (await withLogContext({ orderId: order.id }, () => expireOrder(context, order.id))) expired += 1;
  }
  return expired;
}

/** Orders the expiry looks at (the admin's job view counts them). */
export async function countOverdueOrders(context: Pick<RequeryContext, "db" | "jobs">): Promise<number> {
  const [row] = await context.db.select({ count: count() }).from(orders).where(isOverdue(context));
  return row?.count ?? 0;
}

function isOverdue({ db, jobs }: Pick<RequeryContext, "db" | "jobs">): SQL {
  return and(
    eq(orders.status, "pending"),
    lt(orders.createdAt, secondsAgo(jobs.paymentHorizonSeconds)),
    // Flagged orders wait for an admin, and a payment pending at the bank for the bank
    // (the consistency check lists both), so they never hold up the others.
    eq(orders.needsReview, false),
    notExists(
      db
        .select({ id: paymentAttempts.id })
        .from(paymentAttempts)
        .where(and(eq(paymentAttempts.orderId, orders.id), eq(paymentAttempts.status, "user_payment"))),
    ),
  )!;
}

async function expireOrder(context: RequeryContext, orderId: string): Promise<boolean> {
  const { db } = context;
  const attempts = await db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.orderId, orderId), ne(paymentAttempts.status, "completed")));
  for (const attempt of attempts) {
    const found = await requeryAttempt(context, attempt.id);
    if (found === "unavailable" || found === "mismatch") return false;
  }
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order?.status !== "pending") return false;
    const [open] = await tx
      .select({ id: paymentAttempts.id })
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.orderId, orderId),
          inArray(paymentAttempts.status, ["initializing", "token_generated", "user_payment", "completed"]),
        ),
      )
      .limit(1);
    if (open !== undefined) return false;
    const expired = await transitionOrder(tx, {
      id: orderId,
      from: "pending",
      to: "cancelled",
      event: {
        type: "order_expired",
        source: "system",
        detail: { horizonSeconds: context.jobs.paymentHorizonSeconds },
      },
    });
    movedUnderLock(expired, `Order ${orderId}`);
    log.info({ horizonSeconds: context.jobs.paymentHorizonSeconds }, "Order expired: unpaid past the horizon");
    return true;
  });
}
