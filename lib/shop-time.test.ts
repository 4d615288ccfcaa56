import { describe, expect, it } from "vitest";
import { formatShopDateTime, startOfShopDay } from "./shop-time";

describe("shop time", () => {
  it("shows instants in India Standard Time whatever the server's zone", () => {
    expect(formatShopDateTime(new Date("2025-01-05T10:20:00Z"))).toBe("5 Jan 2025, 3:50 pm");
    expect(formatShopDateTime(new Date("2025-01-05T19:00:00Z"))).toBe("6 Jan 2025, 12:30 am");
  });

  it("starts a calendar day at midnight in India", () => {
    expect(startOfShopDay("2025-01-05").toISOString()).toBe("2025-01-04T18:30:00.000Z");
    expect(Number.isNaN(startOfShopDay("2025-13-05").getTime())).toBe(true);
  });
});
