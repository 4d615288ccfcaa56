import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { orders } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/domain-error";
import { getEnv } from "@/lib/env";
import { isValidOrderAccessKey } from "@/lib/order-link";

/** An order is visible to its signed-in owner, to admins, and to whoever holds its link. */
export async function canViewOrder(
  db: Queryable,
  orderId: string,
  user: SessionUser | null,
  key: string | undefined,
): Promise<boolean> {
  if (isValidOrderAccessKey(getEnv().authSecret, orderId, key)) return true;
  if (!user) return false;
  if (user.role === "admin") return true;
  const [order] = await db.select({ userId: orders.userId }).from(orders).where(eq(orders.id, orderId)).limit(1);
  return order?.userId === user.id;
}

const ORDER_NOT_FOUND = "That order could not be found.";

/** An order named by a shopper's form on its page: the id, and for a guest the link's key. */
export const orderReferenceSchema = z.object({
  orderId: z.uuid(ORDER_NOT_FOUND),
  key: z
    .string()
    .max(100, ORDER_NOT_FOUND)
    .optional()
    .transform((key) => key || undefined),
});

/**
 * The order's id, when the caller may see the order exactly as its page decides;
 * otherwise the same "not found" a missing order gets, so ids cannot be probed.
 */
export async function authorizeOrderReference(
  db: Queryable,
  user: SessionUser | null,
  { orderId, key }: z.output<typeof orderReferenceSchema>,
): Promise<string> {
  if (!(await canViewOrder(db, orderId, user, key))) throw new DomainError("order_not_found", ORDER_NOT_FOUND);
  return orderId;
}
