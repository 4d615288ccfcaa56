import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GST_RATE_SLABS, computeInvoiceGst, formatGstRate, gstIncludedIn, gstLineOf, supplyOf } from "./gst";

const INTRA = { kind: "intra_state" } as const;
const INTER = { kind: "inter_state" } as const;

describe("GST inside GST-inclusive prices", () => {
  it("is the rate on top: at 5 % 1/21 of the inclusive amount, at 18 % 18/118", () => {
    // ₹1,050.00 = ₹1,000.00 + 5 % → ₹50.00 of it is GST.
    expect(gstIncludedIn(105_000, 500)).toBe(5_000);
    expect(gstIncludedIn(11_800, 1_800)).toBe(1_800);
    expect(gstIncludedIn(14_000, 4_000)).toBe(4_000);
    expect(gstIncludedIn(99_999, 0)).toBe(0);
    expect(gstIncludedIn(0, 500)).toBe(0);
  });

  it("rounds to the nearest paisa, half up", () => {
    // 10 × 500 / 10500 = 0.476… → 0; 11 → 0.523… → 1; 31 → 1.476… → 1; 32 → 1.523… → 2.
    expect([10, 11, 21, 31, 32].map((paise) => gstIncludedIn(paise, 500))).toEqual([0, 1, 1, 1, 2]);
    // At a 100 % rate 3 paise hold 1.5 of tax → 2.
    expect(gstIncludedIn(3, 10_000)).toBe(2);
  });

  it("refuses fractions, negative amounts and negative rates", () => {
    expect(() => gstIncludedIn(10.5, 500)).toThrow(RangeError);
    expect(() => gstIncludedIn(-1, 500)).toThrow(RangeError);
    expect(() => gstIncludedIn(100, -500)).toThrow(RangeError);
    expect(() => computeInvoiceGst([{ amountPaise: -1, rateBasisPoints: 500 }], INTRA)).toThrow(RangeError);
  });
});

describe("an invoice's GST", () => {
  it("computes each line at its own rate and adds the lines up", () => {
    const invoice = computeInvoiceGst(
      [
        { amountPaise: 105_000, rateBasisPoints: 500 },
        { amountPaise: 11_800, rateBasisPoints: 1_800 },
        { amountPaise: 2_000, rateBasisPoints: 0 },
      ],
      INTER,
    );
    expect(invoice.lines.map((line) => line.gstPaise)).toEqual([5_000, 1_800, 0]);
    expect(invoice.lines.map((line) => line.igstPaise)).toEqual([5_000, 1_800, 0]);
    expect(invoice.total).toEqual({
      taxablePaise: 100_000 + 10_000 + 2_000,
      gstPaise: 6_800,
      cgstPaise: 0,
      sgstPaise: 0,
      igstPaise: 6_800,
    });
    expect(invoice.singleRateBasisPoints).toBeNull();
  });

  it("splits an intra-state line's GST into CGST and SGST, the odd paisa to SGST", () => {
    // 32 paise at 5 % hold 2 of GST (1 + 1); 31 paise hold 1 (0 CGST + 1 SGST).
    const invoice = computeInvoiceGst(
      [
        { amountPaise: 32, rateBasisPoints: 500 },
        { amountPaise: 31, rateBasisPoints: 500 },
      ],
      INTRA,
    );
    expect(invoice.lines.map(({ cgstPaise, sgstPaise, igstPaise }) => [cgstPaise, sgstPaise, igstPaise])).toEqual([
      [1, 1, 0],
      [0, 1, 0],
    ]);
    expect(invoice.total).toMatchObject({ gstPaise: 3, cgstPaise: 1, sgstPaise: 2, igstPaise: 0 });
    expect(invoice.singleRateBasisPoints).toBe(500);
  });

  it("always adds up, line by line and in total, whatever the lines and rates", () => {
    const line = fc.record({
      amountPaise: fc.integer({ min: 0, max: 10_000_000 }),
      rateBasisPoints: fc.constantFrom(...GST_RATE_SLABS),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.constantFrom(INTRA, INTER), (lines, supply) => {
        const invoice = computeInvoiceGst(lines, supply);
        const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
        for (const figure of ["taxablePaise", "gstPaise", "cgstPaise", "sgstPaise", "igstPaise"] as const)
          expect(invoice.total[figure]).toBe(sum(invoice.lines.map((computed) => computed[figure])));
        expect(invoice.total.taxablePaise + invoice.total.gstPaise).toBe(sum(lines.map((input) => input.amountPaise)));
        invoice.lines.forEach((computed, index) => {
          const { amountPaise, rateBasisPoints } = lines[index]!;
          expect(computed.taxablePaise + computed.gstPaise).toBe(amountPaise);
          expect(computed.cgstPaise + computed.sgstPaise + computed.igstPaise).toBe(computed.gstPaise);
          // Within half a paisa of the exact share.
          expect(
            Math.abs(computed.gstPaise - (amountPaise * rateBasisPoints) / (10_000 + rateBasisPoints)),
          ).toBeLessThanOrEqual(0.5);
          if (supply.kind === "intra_state") {
            expect(computed.igstPaise).toBe(0);
            expect(computed.sgstPaise - computed.cgstPaise).toBe(computed.gstPaise % 2);
          } else {
            expect(computed.cgstPaise + computed.sgstPaise).toBe(0);
          }
        });
      }),
    );
  });

  it("names the single rate only when every line has it", () => {
    expect(computeInvoiceGst([{ amountPaise: 100, rateBasisPoints: 1_800 }], INTRA).singleRateBasisPoints).toBe(1_800);
    expect(computeInvoiceGst([], INTRA).singleRateBasisPoints).toBeNull();
    expect(formatGstRate(500)).toBe("5%");
    expect(formatGstRate(250)).toBe("2.5%");
  });
});

describe("the supply", () => {
  const maharashtraSeller = "27AAAAA0000A1Z2";

  it("is intra-state for a delivery within the seller's state", () => {
    const maharashtra = { name: "Maharashtra", code: "27" };
    expect(supplyOf(maharashtraSeller, maharashtra)).toEqual({ kind: "intra_state", placeOfSupply: maharashtra });
  });

  it("is inter-state for a delivery to another state, with that state as the place of supply", () => {
    const karnataka = { name: "Karnataka", code: "29" };
    expect(supplyOf(maharashtraSeller, karnataka)).toEqual({ kind: "inter_state", placeOfSupply: karnataka });
    expect(supplyOf("29AAAAA0000A1Z5", karnataka).kind).toBe("intra_state");
  });

  it("is intra-state without a place of supply for an order that has no delivery state", () => {
    expect(supplyOf(maharashtraSeller, null)).toEqual({ kind: "intra_state", placeOfSupply: null });
  });
});

describe("an order line's GST input", () => {
  it("is its amount at the rate it was sold at, or 5 % when it recorded none", () => {
    expect(gstLineOf({ unitPrice: 1_180, quantity: 3, gstRateBasisPoints: 1_800 })).toEqual({
      amountPaise: 3_540,
      rateBasisPoints: 1_800,
    });
    expect(gstLineOf({ unitPrice: 1_050, quantity: 1, gstRateBasisPoints: null })).toEqual({
      amountPaise: 1_050,
      rateBasisPoints: 500,
    });
    expect(gstLineOf({ unitPrice: 1_000, quantity: 1, gstRateBasisPoints: 0 }).rateBasisPoints).toBe(0);
  });
});
