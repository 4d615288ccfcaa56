// The shop's clock and calendar for people: India Standard Time, which has no daylight
// saving, so a calendar day always starts at 00:00 +05:30. Times the gateway wants are
// made in lib/atom/gateway-date.ts.
const SHOP_TIME_ZONE = "Asia/Kolkata";
const SHOP_UTC_OFFSET = "+05:30";

const dateTime = new Intl.DateTimeFormat("en-IN", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: SHOP_TIME_ZONE,
});

/** An instant as people in the shop read it: "5 Jan 2025, 3:50 pm". */
export function formatShopDateTime(date: Date): string {
  return dateTime.format(date);
}

const hourOfDay = new Intl.DateTimeFormat("en-IN", { hour: "numeric", minute: "2-digit", timeZone: SHOP_TIME_ZONE });
const dayAndHour = new Intl.DateTimeFormat("en-IN", {
  day: "numeric",
  month: "short",
  hour: "numeric",
  minute: "2-digit",
  timeZone: SHOP_TIME_ZONE,
});

/** A chart's point in the shop's time: "3:30 pm", or with its day, "5 Jan, 3:30 pm". */
export function formatShopHour(date: Date, options: { withDay: boolean }): string {
  return (options.withDay ? dayAndHour : hourOfDay).format(date);
}

/** The instant a shop calendar day ("2025-01-05") begins; an invalid day gives an invalid Date. */
export function startOfShopDay(day: string): Date {
  return new Date(`${day}T00:00:00${SHOP_UTC_OFFSET}`);
}

const relative = new Intl.RelativeTimeFormat("en-IN", { numeric: "auto" });

// Largest unit first: an instant is told in the largest unit it has at least one of.
const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/** How long ago (or until) an instant is, for people: "3 minutes ago", "yesterday", "now". */
export function formatTimeAgo(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 10) return relative.format(0, "second");
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ["second", 1];
  return relative.format(Math.trunc(seconds / size), unit);
}
