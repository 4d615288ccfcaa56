import { describe, expect, it } from "vitest";
import { formatMilliseconds, formatPercent } from "./format";

describe("the dashboard's figures for people", () => {
  it("shows fractions as percentages with one decimal, and nothing counted as 'No data'", () => {
    expect(formatPercent(4 / 5)).toBe("80.0 %");
    expect(formatPercent(2 / 3)).toBe("66.7 %");
    expect(formatPercent(0)).toBe("0.0 %");
    expect(formatPercent(1)).toBe("100.0 %");
    expect(formatPercent(null)).toBe("No data");
  });

  it("shows response times as whole milliseconds", () => {
    expect(formatMilliseconds(32_900 / 15)).toBe("2,193 ms");
    expect(formatMilliseconds(0)).toBe("0 ms");
    expect(formatMilliseconds(null)).toBe("No data");
  });
});
