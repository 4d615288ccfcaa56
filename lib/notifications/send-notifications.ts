import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { CLAIM_LEASE_SECONDS, claimDue } from "@/db/claim-due";
import { secondsFromNow } from "@/db/clock";
import { notifications, users, type Notification } from "@/db/schema";
import { delayAfterChecks } from "@/lib/backoff";
import { crashPoint } from "@/lib/crash-point";
import { errorFields, log } from "@/lib/log";
import type { MailTransport } from "./mail-transport";

/** Seconds between tries; after the last, the notification is marked failed (it stays in the outbox page). */
const RETRY_SCHEDULE = [30, 60, 300, 900, 3600];
const MAX_ATTEMPTS = 8;

export interface SendContext {
  db: Database;
  transport: MailTransport;
  appUrl: string;
  /** Extra recipients beside every admin account. */
  notifyEmails: readonly string[];
}

/**
 * Sends the outbox's due notifications, at most `limit` per call. Each is claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease, so instances share the outbox without sending one
 * twice; one whose sender died is tried again when its lease ends (the same Message-ID,
 * so that copy can be recognised). Returns how many were handled.
 */
export async function sendDueNotifications(context: SendContext, limit = 20): Promise<number> {
  const { db, transport } = context;
  const ids = await claimDue(db, {
    table: notifications,
    id: notifications.id,
    due: and(eq(notifications.status, "pending"), lte(notifications.nextAttemptAt, sql`now()`))!,
    orderBy: notifications.nextAttemptAt,
    lease: { nextAttemptAt: secondsFromNow(CLAIM_LEASE_SECONDS), attempts: sql`${notifications.attempts} + 1` },
    limit,
  });
  const claimed = ids.length === 0 ? [] : await db.select().from(notifications).where(inArray(notifications.id, ids));
  if (claimed.length === 0) return 0;

  const admins = await adminRecipientsOf(context);
  crashPoint("notification:before-send");
  for (const notification of claimed) {
    // A shopper's email goes to the shopper only; everything else to every admin.
    const recipients = notification.recipient === null ? admins : [notification.recipient];
    try {
      if (transport.channel === "smtp" && recipients.length === 0)
        throw new Error("No recipient: there is no admin account and NOTIFY_EMAILS is empty");
      await transport.send({
        to: recipients,
        subject: notification.subject,
        text: notification.recipient === null ? adminTextOf(notification, context.appUrl) : notification.body,
        ...(notification.html === null ? {} : { html: notification.html }),
        messageId: `<notification-${notification.id}@lotus-bazaar>`,
      });
      await db
        .update(notifications)
        .set({ status: "sent", channel: transport.channel, sentAt: sql`now()`, lastError: null })
        .where(and(eq(notifications.id, notification.id), eq(notifications.status, "pending")));
      log.info(
        {
          ...idsOf(notification),
          channel: transport.channel,
          recipients: recipients.length,
          toShopper: notification.recipient !== null,
        },
        "Notification sent",
      );
    } catch (error) {
      await retryLater(db, notification, error);
    }
  }
  return claimed.length;
}

/** Notifications waiting to be sent (the admin's job view). */
export async function countPendingNotifications(db: Database): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(eq(notifications.status, "pending"));
  return row?.count ?? 0;
}

/** An email address inside a mail server's answer ("550 mailbox asha@example.in unavailable"). */
const EMAIL_ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g;

async function retryLater(db: Database, notification: Notification, error: unknown): Promise<void> {
  const failed = notification.attempts >= MAX_ATTEMPTS;
  // Mail servers quote the recipient they refused: a shopper's address stays out of the logs
  // and the stored error (the outbox page shows who a message is to).
  const errorMessage = errorFields(error).errorMessage.replace(EMAIL_ADDRESS, "<address>");
  const fields = { ...idsOf(notification), attempts: notification.attempts, errorMessage };
  if (failed) log.error(fields, "Notification failed: no more tries; it stays in the outbox page");
  else log.warn(fields, "Notification not sent: it will be tried again");
  await db
    .update(notifications)
    .set({
      status: failed ? "failed" : "pending",
      lastError: errorMessage,
      nextAttemptAt: secondsFromNow(delayAfterChecks(RETRY_SCHEDULE, notification.attempts - 1)),
    })
    .where(and(eq(notifications.id, notification.id), eq(notifications.status, "pending")));
}

/** What a notification's log lines say of it: ids and its kind, never its text or recipients. */
function idsOf(notification: Notification) {
  return { notificationId: notification.id, kind: notification.kind, orderId: notification.orderId ?? undefined };
}

async function adminRecipientsOf(context: SendContext): Promise<string[]> {
  const admins = await context.db.select({ email: users.email }).from(users).where(eq(users.role, "admin"));
  return [...new Set([...admins.map((admin) => admin.email), ...context.notifyEmails])];
}

function adminTextOf(notification: Notification, appUrl: string): string {
  const link = notification.orderId ? `\n\nOrder: ${appUrl}/admin/orders/${notification.orderId}` : "";
  return `${notification.body}${link}\n\nAll notifications: ${appUrl}/admin/notifications\n`;
}
