import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orders } from "@/db/schema";
import { deliveryAddressOf, type DeliveryAddressLines } from "@/lib/checkout/delivery-address";

/** What a signed-in shopper gave at their last checkout, offered again on the next one. */
export interface LastOrderDetails {
  mobile: string;
  address: DeliveryAddressLines;
}

/** The newest of the shopper's orders that has a delivery address; undefined when none has. */
export async function readLastOrderDetails(db: Queryable, userId: string): Promise<LastOrderDetails | undefined> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), isNotNull(orders.deliveryName)))
    .orderBy(desc(orders.createdAt))
    .limit(1);
  const address = order ? deliveryAddressOf(order) : null;
  return order && address ? { mobile: order.mobile, address } : undefined;
}
