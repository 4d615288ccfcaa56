import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { refunds, type Order, type RefundStatus } from "@/db/schema";

/** Refunds whose money is promised but not yet confirmed: they count against what is refundable. */
export const IN_FLIGHT_REFUND_STATUSES: readonly RefundStatus[] = ["requested", "processing"];

export interface RefundableSummary {
  /** What the shopper paid for the goods (orders.total_amount): the most that can be refunded. */
  paidPaise: number;
  /** The gateway's convenience fee on top: not refunded by the merchant. */
  surchargePaise: number;
  /** Completed refunds (orders.refunded_amount). */
  refundedPaise: number;
  /** Requested or processing refunds. */
  inFlightPaise: number;
  refundablePaise: number;
}

export function refundableSummary(order: Pick<Order, "totalAmount" | "surchargeAmount" | "refundedAmount">, inFlightPaise: number): RefundableSummary {
  return {
    paidPaise: order.totalAmount,
    surchargePaise: order.surchargeAmount,
    refundedPaise: order.refundedAmount,
    inFlightPaise,
    refundablePaise: Math.max(0, order.totalAmount - order.refundedAmount - inFlightPaise),
  };
}

/** The sum of an order's in-flight refunds. Exact only while the order row is locked. */
export async function inFlightRefundPaise(db: Queryable, orderId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${refunds.refundAmount}), 0)`.mapWith(Number) })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), inArray(refunds.status, [...IN_FLIGHT_REFUND_STATUSES])));
  return row?.total ?? 0;
}
