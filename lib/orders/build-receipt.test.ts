import { describe, expect, it } from "vitest";
import { invoiceNumberOf, receiptGstOf } from "./build-receipt";

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

describe("an invoice's GST", () => {
  const seller = "27AAAAA0000A1Z2"; // registered in Maharashtra (27)
  const tea = { name: "Tea", hsnCode: "0902", gstRateBasisPoints: 500, unitPrice: 10_500, quantity: 2 };
  const towel = { name: "Towel", hsnCode: "6302", gstRateBasisPoints: 1_800, unitPrice: 1_180, quantity: 1 };

  it("is CGST and SGST at half the rate each for a delivery within the seller's state", () => {
    const gst = receiptGstOf([tea, towel], seller, "Maharashtra");
    expect(gst.supply).toEqual({ kind: "intra_state", placeOfSupply: { name: "Maharashtra", code: "27" } });
    expect(gst.lines).toEqual([
      expect.objectContaining({ hsnCode: "0902", rateBasisPoints: 500, amountPaise: 21_000, taxablePaise: 20_000 }),
      expect.objectContaining({ hsnCode: "6302", rateBasisPoints: 1_800, amountPaise: 1_180, taxablePaise: 1_000 }),
    ]);
    expect(gst.lines.map(({ cgstPaise, sgstPaise, igstPaise }) => [cgstPaise, sgstPaise, igstPaise])).toEqual([
      [500, 500, 0],
      [90, 90, 0],
    ]);
    expect(gst.totals).toEqual({
      amountPaise: 22_180,
      taxablePaise: 21_000,
      gstPaise: 1_180,
      cgstPaise: 590,
      sgstPaise: 590,
      igstPaise: 0,
    });
  });

  it("is IGST at the full rate for a delivery to another state", () => {
    const gst = receiptGstOf([tea, towel], seller, "Karnataka");
    expect(gst.supply).toEqual({ kind: "inter_state", placeOfSupply: { name: "Karnataka", code: "29" } });
    expect(gst.lines.map((line) => line.igstPaise)).toEqual([1_000, 180]);
    expect(gst.totals).toMatchObject({ gstPaise: 1_180, cgstPaise: 0, sgstPaise: 0, igstPaise: 1_180 });
  });

  it("treats a line without a recorded rate as 5 % and an order without a delivery state as intra-state", () => {
    const gst = receiptGstOf([{ ...tea, hsnCode: null, gstRateBasisPoints: null }], seller, null);
    expect(gst.supply).toEqual({ kind: "intra_state", placeOfSupply: null });
    expect(gst.lines[0]).toMatchObject({ hsnCode: null, rateBasisPoints: 500, gstPaise: 1_000, cgstPaise: 500 });
  });
});
