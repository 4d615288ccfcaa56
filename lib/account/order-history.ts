import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orders, type OrderStatus } from "@/db/schema";

export interface OrderHistoryEntry {
  id: string;
  createdAt: Date;
  /** Paise: what the shop charged (the order's items). */
  totalAmount: number;
  status: OrderStatus;
}

/** The user's own orders, newest first. */
export function listOrdersForUser(db: Queryable, userId: string, limit = 100): Promise<OrderHistoryEntry[]> {
  return db
    .select({ id: orders.id, createdAt: orders.createdAt, totalAmount: orders.totalAmount, status: orders.status })
    .from(orders)
    .where(eq(orders.userId, userId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
}
