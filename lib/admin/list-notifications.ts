import { count, desc } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { notifications, type Notification } from "@/db/schema";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { ADMIN_PAGE_SIZE, firstValues, pageField, pageOf, type Page, type SearchParams } from "./filters";

const notificationListFiltersSchema = z.object({ page: pageField });
export type NotificationListFilters = z.infer<typeof notificationListFiltersSchema>;

export function parseNotificationListFilters(params: SearchParams): NotificationListFilters {
  return notificationListFiltersSchema.parse(firstValues(params));
}

export type AdminNotification = Omit<Notification, "dedupeKey" | "nextAttemptAt">;

/** The notification outbox, newest first, a page at a time: what was (or will be) sent to the admins and to shoppers. */
export async function listNotificationsForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  filters: NotificationListFilters,
): Promise<Page<AdminNotification>> {
  assertAdmin(actor);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        orderId: notifications.orderId,
        recipient: notifications.recipient,
        subject: notifications.subject,
        body: notifications.body,
        html: notifications.html,
        status: notifications.status,
        channel: notifications.channel,
        attempts: notifications.attempts,
        sentAt: notifications.sentAt,
        lastError: notifications.lastError,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((filters.page - 1) * ADMIN_PAGE_SIZE),
    db.select({ total: count() }).from(notifications),
  ]);
  return pageOf(rows, counted?.total ?? 0, filters.page);
}
