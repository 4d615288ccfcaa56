import { describeEvent, type EventContext } from "@/lib/admin/describe-event";
import type { AdminPaymentEvent } from "@/lib/admin/orders";
import { formatShopDateTime } from "@/lib/shop-time";
import { humanize } from "./format";

const SOURCE_NAMES: Record<AdminPaymentEvent["source"], string> = {
  shopper: "the shopper",
  callback: "gateway callback",
  return: "shopper's return from the gateway",
  requery: "status check with the gateway",
  admin: "admin",
  system: "the shop",
};

/**
 * The order's payment_events, oldest first, each as a sentence (what happened, from where,
 * which admin did it); what was recorded exactly stays one click away, folded under it.
 */
export function EventTimeline({ events, context }: { events: AdminPaymentEvent[]; context: EventContext }) {
  if (events.length === 0) return <p className="text-sm text-stone-600">Nothing recorded yet.</p>;
  return (
    <ol className="flex flex-col gap-3 border-l-2 border-stone-200 pl-4" data-testid="admin-timeline">
      {events.map((event) => (
        <li key={event.id} className="text-sm" data-testid="admin-timeline-event" data-type={event.type}>
          <p className="[overflow-wrap:anywhere]" data-testid="admin-timeline-sentence">
            {describeEvent(event, context) ?? humanize(event.type)}
          </p>
          <p className="text-xs [overflow-wrap:anywhere] text-stone-500">
            {formatShopDateTime(event.createdAt)} · {SOURCE_NAMES[event.source]}
            {event.actorEmail ? ` · by ${event.actorEmail}` : ""}
          </p>
          {Object.keys(event.detail).length > 0 ? (
            <details className="mt-0.5 text-xs text-stone-600">
              <summary className="cursor-pointer">Gateway detail</summary>
              <pre className="mt-1 overflow-x-auto rounded bg-stone-50 p-2 font-mono [overflow-wrap:anywhere] whitespace-pre-wrap">
                {JSON.stringify(event.detail, null, 2)}
              </pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
