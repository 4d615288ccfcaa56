import { asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { refunds, type Refund } from "@/db/schema";

/** What a shopper may see of a refund: no reason, admin or gateway message. */
export type ShopperRefund = Pick<
  Refund,
  "id" | "attemptId" | "refundAmount" | "status" | "refundTxnId" | "createdAt" | "updatedAt"
>;

/**
 * An order's refunds, oldest first, for the shopper's order page. It does not check
 * access: the caller has already decided the viewer may see this order.
 */
export function listRefundsForOrder(db: Queryable, orderId: string): Promise<ShopperRefund[]> {
  return db
    .select({
      id: refunds.id,
      attemptId: refunds.attemptId,
      refundAmount: refunds.refundAmount,
      status: refunds.status,
      refundTxnId: refunds.refundTxnId,
      createdAt: refunds.createdAt,
      updatedAt: refunds.updatedAt,
    })
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
}
