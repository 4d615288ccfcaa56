import { SHOP_TIME_ZONE } from "@/lib/admin/filters";

const dateTime = new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short", timeZone: SHOP_TIME_ZONE });

/** Admin pages show times in India Standard Time, the shop's calendar (filters use the same days). */
export function formatShopDateTime(date: Date): string {
  return dateTime.format(date);
}

/** "refund_outcome_unknown" → "Refund outcome unknown". */
export function humanize(code: string): string {
  const words = code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function shortId(id: string): string {
  return id.slice(0, 8).toUpperCase();
}
