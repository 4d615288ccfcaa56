import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orders } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { isValidOrderAccessKey } from "./order-link";

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
