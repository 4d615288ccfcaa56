import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { refundItems, refunds, type Refund } from "@/db/schema";

/** A refund as the admin API shows it: money in integer paise, times in ISO 8601 (UTC). */
export interface RefundResource {
  id: string;
  orderId: string;
  attemptId: string;
  status: Refund["status"];
  amountPaise: number;
  reason: string;
  restock: boolean;
  prodRefundId: string;
  refundTxnId: string | null;
  gatewayStatusCode: string | null;
  gatewayMessage: string | null;
  /** The order lines refunded, for a refund by item; empty for one by amount. */
  items: Array<{ orderItemId: string; quantity: number; amountPaise: number }>;
  createdAt: string;
  updatedAt: string;
}

/** The refund with its items, or undefined when there is no such refund. */
export async function findRefundResource(db: Database, id: string): Promise<RefundResource | undefined> {
  const [refund] = await db.select().from(refunds).where(eq(refunds.id, id));
  return refund === undefined ? undefined : refundResource(db, refund);
}

export async function refundResource(db: Database, refund: Refund): Promise<RefundResource> {
  const items = await db
    .select({ orderItemId: refundItems.orderItemId, quantity: refundItems.quantity, amountPaise: refundItems.amount })
    .from(refundItems)
    .where(eq(refundItems.refundId, refund.id))
    .orderBy(refundItems.orderItemId);
  return {
    id: refund.id,
    orderId: refund.orderId,
    attemptId: refund.attemptId,
    status: refund.status,
    amountPaise: refund.refundAmount,
    reason: refund.reason,
    restock: refund.restock,
    prodRefundId: refund.prodRefundId,
    refundTxnId: refund.refundTxnId,
    gatewayStatusCode: refund.gatewayStatusCode,
    gatewayMessage: refund.gatewayMessage,
    items,
    createdAt: refund.createdAt.toISOString(),
    updatedAt: refund.updatedAt.toISOString(),
  };
}
