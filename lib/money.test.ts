import { describe, expect, it } from "vitest";
import { formatRupees, paiseToRupeesText, rupeesTextToPaise } from "./money";

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

describe("rupeesTextToPaise", () => {
  it.each([
    ["250", 25_000],
    ["250.5", 25_050],
    ["250.05", 25_005],
    ["₹ 1,234.50", 123_450],
    ["0.01", 1],
  ])("%s → %i paise", (text, paise) => {
    expect(rupeesTextToPaise(text)).toBe(paise);
  });

  it.each(["", "abc", "1.234", "-5", "1e3", "12.", ".5"])("rejects %j", (text) => {
    expect(rupeesTextToPaise(text)).toBeNull();
  });
});

describe("paiseToRupeesText", () => {
  it("writes paise as the form's rupee text and reads back the same", () => {
    for (const paise of [1, 99, 100, 25_050, 123_456_789])
      expect(rupeesTextToPaise(paiseToRupeesText(paise))).toBe(paise);
    expect(paiseToRupeesText(25_005)).toBe("250.05");
  });
});
