import { formatShopDateTime, formatTimeAgo } from "@/lib/shop-time";

/** An instant as "3 minutes ago", with the shop's date and time beneath; "Never" when there is none. */
export function TimeAgo({ date, never = "Never" }: { date: Date | null; never?: string }) {
  if (date === null) return <span className="text-stone-500">{never}</span>;
  return (
    <time dateTime={date.toISOString()} className="whitespace-nowrap">
      {formatTimeAgo(date)}
      <span className="block text-xs text-stone-500">{formatShopDateTime(date)}</span>
    </time>
  );
}
