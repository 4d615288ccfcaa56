import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GST_RATE_BASIS_POINTS, gstIncludedIn, splitGst } from "./gst";

describe("GST inside GST-inclusive prices", () => {
  it("is 5 % on top, so 1/21 of the inclusive amount", () => {
    expect(GST_RATE_BASIS_POINTS).toBe(500);
    // ₹1,050.00 = ₹1,000.00 + 5 % → ₹50.00 of it is GST.
    expect(gstIncludedIn(105_000)).toBe(5_000);
    expect(gstIncludedIn(0)).toBe(0);
  });

  it("rounds to the nearest paisa, half up", () => {
    // 10 × 500 / 10500 = 0.476… → 0; 11 → 0.523… → 1; 31 → 1.476… → 1; 32 → 1.523… → 2.
    expect([10, 11, 21, 31, 32].map((paise) => gstIncludedIn(paise))).toEqual([0, 1, 1, 1, 2]);
    // At 5 % no amount falls on a half; at a 100 % rate 3 paise hold 1.5 of tax → 2.
    expect(gstIncludedIn(3, 10_000)).toBe(2);
    expect(gstIncludedIn(11_800, 1_800)).toBe(1_800);
  });

  it("refuses fractions and negative amounts", () => {
    expect(() => gstIncludedIn(10.5)).toThrow(RangeError);
    expect(() => splitGst([100, -1])).toThrow(RangeError);
  });

  it("splits lines so that they add up to the GST of the total", () => {
    // Three lines of 11 paise: each exact share is 0.523…; the total's GST is 33/21 → 2.
    const split = splitGst([11, 11, 11]);
    expect(split.total).toEqual({ taxablePaise: 31, gstPaise: 2 });
    expect(split.lines.map((line) => line.gstPaise)).toEqual([1, 1, 0]);
    expect(split.lines.map((line) => line.taxablePaise)).toEqual([10, 10, 11]);
  });

  it("gives the left-over paise to the largest fractions", () => {
    // 31 → 1.476 (fraction .476), 32 → 1.523 (fraction .523); total 63 → exactly 3.
    const split = splitGst([31, 32]);
    expect(split.lines).toEqual([
      { taxablePaise: 30, gstPaise: 1 },
      { taxablePaise: 30, gstPaise: 2 },
    ]);
  });

  it("always adds up, and keeps each line within a paisa of its exact share", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 20 }), (amounts) => {
        const split = splitGst(amounts);
        const total = amounts.reduce((sum, amount) => sum + amount, 0);
        expect(split.total.gstPaise).toBe(gstIncludedIn(total));
        expect(split.lines.reduce((sum, line) => sum + line.gstPaise, 0)).toBe(split.total.gstPaise);
        split.lines.forEach((line, index) => {
          expect(line.taxablePaise + line.gstPaise).toBe(amounts[index]);
          expect(Math.abs(line.gstPaise - (amounts[index]! * 500) / 10_500)).toBeLessThan(1);
        });
      }),
    );
  });
});
