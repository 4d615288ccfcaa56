import { describe, expect, it } from "vitest";
import { formatShopDateTime, formatShopHour, formatTimeAgo, startOfShopDay } from "./shop-time";

describe("shop time", () => {
  it("shows instants in India Standard Time whatever the server's zone", () => {
    expect(formatShopDateTime(new Date("2025-01-05T10:20:00Z"))).toBe("5 Jan 2025, 3:50 pm");
    expect(formatShopDateTime(new Date("2025-01-05T19:00:00Z"))).toBe("6 Jan 2025, 12:30 am");
  });

  it("labels a chart's hours in India Standard Time, with the day when asked", () => {
    const hour = new Date("2025-01-05T19:00:00Z");
    expect(formatShopHour(hour, { withDay: false })).toBe("12:30 am");
    expect(formatShopHour(hour, { withDay: true })).toBe("6 Jan, 12:30 am");
  });

  it("starts a calendar day at midnight in India", () => {
    expect(startOfShopDay("2025-01-05").toISOString()).toBe("2025-01-04T18:30:00.000Z");
    expect(Number.isNaN(startOfShopDay("2025-13-05").getTime())).toBe(true);
  });

  it("says how long ago an instant was in the largest whole unit", () => {
    const now = new Date("2025-01-05T10:20:00Z");
    const ago = (seconds: number) => formatTimeAgo(new Date(now.getTime() - seconds * 1000), now);
    expect(ago(3)).toBe("now");
    expect(ago(45)).toBe("45 seconds ago");
    expect(ago(60)).toBe("1 minute ago");
    expect(ago(3 * 60 + 59)).toBe("3 minutes ago");
    expect(ago(2 * 3600 + 10)).toBe("2 hours ago");
    expect(ago(86_400 + 5)).toBe("yesterday");
    expect(ago(-90)).toBe("in 1 minute");
  });
});
