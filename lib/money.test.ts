import { describe, expect, it } from "vitest";
import { formatRupees } from "./money";

describe("formatRupees", () => {
  it("groups digits the Indian way", () => {
    expect(formatRupees(123456789)).toBe("₹12,34,567.89");
    expect(formatRupees(34900)).toBe("₹349.00");
    expect(formatRupees(5)).toBe("₹0.05");
    expect(formatRupees(0)).toBe("₹0.00");
  });

  it("keeps every paisa on large amounts", () => {
    expect(formatRupees(999999999999)).toBe("₹9,99,99,99,999.99");
    expect(formatRupees(-1050)).toBe("-₹10.50");
  });

  it("refuses fractions of a paisa", () => {
    expect(() => formatRupees(1.5)).toThrow(RangeError);
  });
});
