import type { AdminPaymentEvent } from "@/lib/admin/orders";
import { formatRupees } from "@/lib/money";
import { formatShopDateTime } from "@/lib/shop-time";
import { humanize } from "./format";

// Money is integer paise everywhere (DESIGN.md): fields named like amounts are shown in rupees.
const MONEY_KEY = /(Paise|amount|Amount|^surcharge)$/;

/** One line per detail field, e.g. "Refunded total: ₹499.00" or "refundTxnId: 2100000001". */
function detailLines(detail: Record<string, unknown>): string[] {
  return Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => {
      if (MONEY_KEY.test(key) && typeof value === "number" && Number.isSafeInteger(value)) {
        return `${humanize(
          key
            .replace(/Paise$/, "")
            .replace(/([A-Z])/g, "_$1")
            .toLowerCase(),
        )}: ${formatRupees(value)}`;
      }
      return `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`;
    });
}

/** The order's payment_events, oldest first: what happened, from where, and which admin did it. */
export function EventTimeline({ events }: { events: AdminPaymentEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-stone-600">Nothing recorded yet.</p>;
  return (
    <ol className="flex flex-col gap-3 border-l-2 border-stone-200 pl-4" data-testid="admin-timeline">
      {events.map((event) => (
        <li key={event.id} className="text-sm" data-testid="admin-timeline-event" data-type={event.type}>
          <p>
            <span className="font-medium">{humanize(event.type)}</span>{" "}
            <span className="text-stone-500">
              · {formatShopDateTime(event.createdAt)} · {event.source}
              {event.actorEmail ? ` · by ${event.actorEmail}` : ""}
            </span>
          </p>
          {detailLines(event.detail).length > 0 ? (
            <ul className="mt-0.5 text-xs break-all text-stone-600">
              {detailLines(event.detail).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
