import type { Metadata } from "next";
import Link from "next/link";
import { humanize, shortId } from "@/components/admin/format";
import { Pagination } from "@/components/admin/pagination";
import { EmailPreview } from "@/components/admin/email-preview";
import { TimeAgo } from "@/components/admin/time-ago";
import { getDatabase } from "@/db";
import type { NotificationStatus } from "@/db/schema";
import type { SearchParams } from "@/lib/admin/filters";
import { listNotificationsForAdmin, parseNotificationListFilters } from "@/lib/admin/list-notifications";
import { requireAdminPage } from "@/lib/auth/authorize";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Outbox" };

const STATUS_TONES: Record<NotificationStatus, string> = {
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  sent: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  failed: "bg-red-50 text-red-900 ring-red-200",
};

export default async function AdminNotificationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage("/admin/notifications");
  const filters = parseNotificationListFilters(await searchParams);
  const page = await listNotificationsForAdmin(await getDatabase(), admin, filters);
  const smtp = getEnv().mail.smtpUrl !== undefined;

  return (
    <section aria-labelledby="notifications-heading" className="flex flex-col gap-4">
      <h1 id="notifications-heading" className="font-display text-3xl font-bold text-brand-900">
        Outbox
      </h1>
      <p className="rounded-xl bg-white p-4 text-sm text-stone-700 shadow-sm" data-testid="notifications-channel">
        {smtp
          ? "SMTP is configured: each notice to the admins is emailed to every admin account and NOTIFY_EMAILS, each shopper email to its shopper. This page keeps a copy of each, with whether it was sent."
          : "SMTP is not configured (no SMTP_URL): nothing is emailed, to admins or shoppers; this page is the outbox. Read it here."}
      </p>
      <ol className="flex flex-col gap-3" aria-label="Notifications, newest first">
        {page.rows.map((notification) => (
          <li
            key={notification.id}
            className="rounded-2xl bg-white p-4 shadow-sm"
            data-testid="admin-notification"
            data-kind={notification.kind}
            data-recipient={notification.recipient ?? "admins"}
          >
            <article aria-labelledby={`notification-${notification.id}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 id={`notification-${notification.id}`} className="font-medium break-words text-brand-900">
                  {notification.subject}
                </h2>
                <span
                  className={`rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${STATUS_TONES[notification.status]}`}
                >
                  {humanize(notification.status)}
                  {notification.channel === null ? "" : ` · ${notification.channel}`}
                </span>
              </div>
              <p className="mt-1 text-sm text-stone-700" data-testid="notification-recipient">
                To:{" "}
                {notification.recipient === null ? (
                  "the admins"
                ) : (
                  <>
                    the shopper, <span className="font-mono break-all">{notification.recipient}</span>
                  </>
                )}
              </p>
              <p
                className="mt-2 text-sm break-words whitespace-pre-wrap text-stone-800"
                data-testid="notification-text"
              >
                {notification.body}
              </p>
              {notification.html === null ? null : (
                <EmailPreview html={notification.html} subject={notification.subject} />
              )}
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs text-stone-600 sm:grid-cols-[auto_1fr_auto_1fr]">
                <dt>Created</dt>
                <dd>
                  <TimeAgo date={notification.createdAt} />
                </dd>
                <dt>Sent</dt>
                <dd>
                  <TimeAgo date={notification.sentAt} never="Not yet" />
                </dd>
                <dt>Send attempts</dt>
                <dd className="tabular-nums">{notification.attempts}</dd>
                {notification.orderId === null ? null : (
                  <>
                    <dt>Order</dt>
                    <dd>
                      <Link
                        href={`/admin/orders/${notification.orderId}`}
                        className="font-mono font-medium text-brand-700 underline"
                      >
                        {shortId(notification.orderId)}
                      </Link>
                    </dd>
                  </>
                )}
                {notification.lastError === null ? null : (
                  <>
                    <dt>Last error</dt>
                    <dd className="break-words text-red-800">{notification.lastError}</dd>
                  </>
                )}
              </dl>
            </article>
          </li>
        ))}
      </ol>
      {page.rows.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-center text-stone-600 shadow-sm">No notifications yet.</p>
      ) : null}
      <Pagination page={page} basePath="/admin/notifications" params={{}} />
    </section>
  );
}
