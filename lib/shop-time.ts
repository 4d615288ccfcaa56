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

/** The instant a shop calendar day ("2025-01-05") begins; an invalid day gives an invalid Date. */
export function startOfShopDay(day: string): Date {
  return new Date(`${day}T00:00:00${SHOP_UTC_OFFSET}`);
}
