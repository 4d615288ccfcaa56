import { count, isNull } from "drizzle-orm";
import type { Queryable } from "@/db";
import { attentionItems } from "@/db/schema";
import { log } from "@/lib/log";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

/** What the shop cannot put right by itself; each kind says what an admin must look at. */
export const ATTENTION_KINDS = {
  unknown_payment: "A payment the gateway reports that the shop does not know",
  paid_without_transaction: "An order is paid but has no gateway transaction id",
  completed_attempt_unpaid_order: "A payment completed while its order still waits for payment",
  over_refunded: "Refunds add up to more than was paid",
  refunded_with_open_refund: "An order is refunded while one of its refunds is not completed",
  payment_pending_past_horizon: "A payment is still pending at the bank past its horizon",
  order_not_expired: "An unpaid order past its horizon could not expire",
  refund_unsettled_past_horizon: "A refund is still unsettled past its horizon",
  refund_resend_refused: "The gateway refused a refund sent again; an earlier send may have been made",
  oversold: "A paid order's goods were not all in stock",
} as const;
export type AttentionKind = keyof typeof ATTENTION_KINDS;

export interface AttentionInput {
  kind: AttentionKind;
  /** What the item is about (an order, a refund, a gateway transaction): one open item per subject and kind. */
  subject: string;
  orderId?: string | null;
  reason: string;
  detail?: Record<string, unknown>;
}

/**
 * Puts something on the admins' needs-attention list, and its notification in the outbox,
 * in the caller's transaction. Once per kind and subject: a check that runs again adds
 * nothing, and an item an admin has resolved (they looked, and decided) is not opened
 * again. Returns whether a new item was opened.
 */
export async function openAttention(tx: Queryable, input: AttentionInput): Promise<boolean> {
  const subjectKey = `${input.kind}:${input.subject}`;
  const [opened] = await tx
    .insert(attentionItems)
    .values({
      kind: input.kind,
      subjectKey,
      orderId: input.orderId ?? null,
      reason: input.reason.slice(0, 1000),
      detail: input.detail ?? {},
    })
    .onConflictDoNothing({ target: attentionItems.subjectKey })
    .returning({ id: attentionItems.id });
  if (opened === undefined) return false;
  log.warn({ attentionId: opened.id, kind: input.kind, orderId: input.orderId ?? undefined }, "Needs attention");
  await enqueueNotification(tx, {
    kind: `attention:${input.kind}`,
    dedupeKey: `attention:${opened.id}`,
    orderId: input.orderId,
    subject: `[Lotus Bazaar] Needs attention: ${ATTENTION_KINDS[input.kind]}`,
    body: `${ATTENTION_KINDS[input.kind]}.\n\n${input.reason}`,
  });
  return true;
}

/** Open items (the admin's job view and nav badge). */
export async function countOpenAttention(db: Queryable): Promise<number> {
  const [row] = await db.select({ count: count() }).from(attentionItems).where(isNull(attentionItems.resolvedAt));
  return row?.count ?? 0;
}
