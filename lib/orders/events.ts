import type { Queryable } from "@/db";
import { paymentEvents, type PaymentEventSource } from "@/db/schema";

export interface PaymentEventInput {
  orderId: string;
  type: string;
  source: PaymentEventSource;
  attemptId?: string;
  refundId?: string;
  actor?: { userId: string; email: string };
  detail?: Record<string, unknown>;
}

/** Appends to an order's timeline. Call it inside the transaction that made the change. */
export async function recordPaymentEvent(db: Queryable, event: PaymentEventInput): Promise<void> {
  await db.insert(paymentEvents).values({
    orderId: event.orderId,
    type: event.type,
    source: event.source,
    attemptId: event.attemptId,
    refundId: event.refundId,
    actorUserId: event.actor?.userId,
    actorEmail: event.actor?.email,
    detail: event.detail ?? {},
  });
}
