import { describe, expect, it } from "vitest";
import { invoiceNumberOf } from "./build-receipt";

const order = { id: "3f2a9c1e-7b4d-4000-8000-000000000001" };

describe("invoice numbers", () => {
  it("are the financial year and the order id's first 9 hex digits, 16 characters at most", () => {
    const number = invoiceNumberOf(order, new Date("2026-12-02T10:00:00Z"));
    expect(number).toBe("LB2627-3F2A9C1E7");
    expect(number.length).toBeLessThanOrEqual(16);
  });

  it("start a financial year on 1 April in India's time, not UTC's", () => {
    // 18:29 UTC on 31 March is 23:59 IST, still 2025-26; a minute later it is 1 April in India.
    expect(invoiceNumberOf(order, new Date("2026-03-31T18:29:00Z"))).toBe("LB2526-3F2A9C1E7");
    expect(invoiceNumberOf(order, new Date("2026-03-31T18:30:00Z"))).toBe("LB2627-3F2A9C1E7");
    expect(invoiceNumberOf(order, new Date("2099-06-01T00:00:00Z"))).toBe("LB9900-3F2A9C1E7");
  });
});
