import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orderItems, orders, type OrderStatus } from "@/db/schema";

export interface OrderHistoryEntry {
  id: string;
  createdAt: Date;
  /** Paise: what the shop charged (the order's items). */
  totalAmount: number;
  status: OrderStatus;
  /** What was ordered, by name (the snapshot taken at order time). */
  items: Array<{ name: string; quantity: number }>;
}

/**
 * The user's own orders (placed while signed in), newest first, each with its items.
 * Orders placed as a guest are not matched by email: an account's email is not verified,
 * so anyone could sign up with someone else's address; those orders open from their link.
 */
export async function listOrdersForUser(db: Queryable, userId: string, limit = 100): Promise<OrderHistoryEntry[]> {
  const rows = await db
    .select({ id: orders.id, createdAt: orders.createdAt, totalAmount: orders.totalAmount, status: orders.status })
    .from(orders)
    .where(eq(orders.userId, userId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const lines = await db
    .select({ orderId: orderItems.orderId, name: orderItems.name, quantity: orderItems.quantity })
    .from(orderItems)
    .where(
      inArray(
        orderItems.orderId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(orderItems.name));
  return rows.map((row) => ({
    ...row,
    items: lines
      .filter((line) => line.orderId === row.id)
      .map((line) => ({ name: line.name, quantity: line.quantity })),
  }));
}
