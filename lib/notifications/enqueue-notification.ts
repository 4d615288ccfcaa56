import type { Queryable } from "@/db";
import { notifications } from "@/db/schema";

export interface NotificationInput {
  /** What kind of news it is (an event type, or an attention item's kind). */
  kind: string;
  /** Names the cause: the same cause written twice notifies once. */
  dedupeKey: string;
  orderId?: string | null;
  /** A shopper's email address; unset, the notice goes to the admins. */
  recipient?: string;
  subject: string;
  /** The plain text; `html` is the same message for mail clients that show HTML. */
  body: string;
  html?: string;
}

/**
 * Puts a notification (to the admins, or with a recipient to a shopper) in the outbox. Call it inside the transaction that made the
 * change it reports, so the notice and its cause commit (or vanish) together; the job
 * runner sends it afterwards.
 */
export async function enqueueNotification(tx: Queryable, input: NotificationInput): Promise<void> {
  await tx
    .insert(notifications)
    .values({
      kind: input.kind,
      dedupeKey: input.dedupeKey,
      orderId: input.orderId ?? null,
      recipient: input.recipient ?? null,
      subject: input.subject.slice(0, 200),
      body: input.body.slice(0, 10_000),
      html: input.html ?? null,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey });
}
