import { describe, expect, it } from "vitest";
import { formatFilterDay, listFilterFields, parseFilterDay, rupeesFilterField } from "./filters";

describe("filter days", () => {
  it("reads days the Indian way and ISO days", () => {
    expect(parseFilterDay("25/12/2026")).toBe("2026-12-25");
    expect(parseFilterDay("5-1-2026")).toBe("2026-01-05");
    expect(parseFilterDay(" 05.01.2026 ")).toBe("2026-01-05");
    expect(parseFilterDay("2026-12-25")).toBe("2026-12-25");
  });

  it("refuses days that do not exist and other text", () => {
    expect(parseFilterDay("31/02/2026")).toBeNull();
    expect(parseFilterDay("12/25/2026")).toBeNull();
    expect(parseFilterDay("2026-13-01")).toBeNull();
    expect(parseFilterDay("yesterday")).toBeNull();
    expect(parseFilterDay("")).toBeNull();
  });

  it("shows ISO days as dd/mm/yyyy", () => {
    expect(formatFilterDay("2026-01-05")).toBe("05/01/2026");
  });

  it("drops a bad day from the URL rather than failing the page", () => {
    expect(listFilterFields.from.parse("31/02/2026")).toBeUndefined();
    expect(listFilterFields.to.parse("01/12/2026")).toBe("2026-12-01");
  });
});

describe("amount filters", () => {
  it("read rupees as paise and drop what is not an amount or beyond an integer column", () => {
    expect(rupeesFilterField.parse("1,499.50")).toBe(149_950);
    expect(rupeesFilterField.parse("abc")).toBeUndefined();
    expect(rupeesFilterField.parse("21474836.47")).toBe(2_147_483_647);
    expect(rupeesFilterField.parse("30000000")).toBeUndefined();
  });
});
