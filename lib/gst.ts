// GST in the shop's prices. Every price includes GST, so the tax is the part of a
// GST-inclusive amount that is tax: amount × rate / (100 % + rate). Each product carries its
// own rate (products.gst_rate_basis_points, one of the slabs below) and each order line the
// rate it was sold at (order_items.gst_rate_basis_points). An invoice's GST is the sum of its
// lines' GST, each line's computed at its own rate, so the lines always add up to the totals.
// All in integer paise, no floats.

/** The GST slabs since the September 2025 rationalisation, in basis points: 0, 5, 18 and 40 %. */
export const GST_RATE_SLABS = [0, 500, 1800, 4000] as const;

/** The rate of an order line written before lines recorded one: the shop's single 5 % rate then. */
const LEGACY_GST_RATE_BASIS_POINTS = 500;

const WHOLE = 10_000;

/** The GST inside a GST-inclusive amount at a rate in basis points, rounded to the nearest paisa (half up). */
export function gstIncludedIn(inclusivePaise: number, rateBasisPoints: number): number {
  assertPaise(inclusivePaise);
  assertRate(rateBasisPoints);
  const denominator = WHOLE + rateBasisPoints;
  return Math.floor((2 * inclusivePaise * rateBasisPoints + denominator) / (2 * denominator));
}

/**
 * Where the goods are supplied, which decides the kind of GST: within the seller's own state
 * (intra-state: half central GST, half state GST) or into another (inter-state: integrated GST).
 * `placeOfSupply` is the delivery state and its GST code; null for an order without a delivery
 * address (placed before orders recorded one), which is treated as intra-state.
 */
export interface Supply {
  kind: "intra_state" | "inter_state";
  placeOfSupply: { name: string; code: string } | null;
}

/**
 * The supply by a seller registered under `sellerGstin` (its state is its first two digits) of
 * goods delivered to `placeOfSupply` (a state and its GST code: lib/checkout/indian-states.ts).
 * No place of supply (an order placed before orders recorded a delivery state) counts as
 * intra-state.
 */
export function supplyOf(sellerGstin: string, placeOfSupply: Supply["placeOfSupply"]): Supply {
  if (placeOfSupply === null) return { kind: "intra_state", placeOfSupply: null };
  return { kind: placeOfSupply.code === sellerGstin.slice(0, 2) ? "intra_state" : "inter_state", placeOfSupply };
}

export interface GstLineInput {
  /** The line's GST-inclusive amount (unit price × quantity). */
  amountPaise: number;
  rateBasisPoints: number;
}

/** An order line's amount and rate: the rate it was sold at, or 5 % for a line sold before lines recorded one. */
export function gstLineOf(item: {
  unitPrice: number;
  quantity: number;
  gstRateBasisPoints: number | null;
}): GstLineInput {
  return {
    amountPaise: item.unitPrice * item.quantity,
    rateBasisPoints: item.gstRateBasisPoints ?? LEGACY_GST_RATE_BASIS_POINTS,
  };
}

/** The GST of an amount and its parts: CGST + SGST on an intra-state supply, IGST on an inter-state one. */
export interface GstAmounts {
  /** The value before tax. */
  taxablePaise: number;
  gstPaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
}

export interface GstLine extends GstAmounts {
  rateBasisPoints: number;
}

export interface InvoiceGst {
  lines: GstLine[];
  /** The sums of the lines, figure by figure. */
  total: GstAmounts;
  /** The one rate every line has, or null when the lines' rates differ (or there are none). */
  singleRateBasisPoints: number | null;
}

/**
 * Each line's taxable value and GST at its own rate, split by the supply: intra-state, CGST is
 * half the GST rounded down and SGST the rest (so an odd paisa goes to SGST), each at half the
 * line's rate; inter-state, IGST is all of it at the full rate. The totals are the lines' sums.
 */
export function computeInvoiceGst(lines: readonly GstLineInput[], supply: Pick<Supply, "kind">): InvoiceGst {
  const computed = lines.map(({ amountPaise, rateBasisPoints }): GstLine => {
    const gstPaise = gstIncludedIn(amountPaise, rateBasisPoints);
    const cgstPaise = supply.kind === "intra_state" ? Math.floor(gstPaise / 2) : 0;
    const sgstPaise = supply.kind === "intra_state" ? gstPaise - cgstPaise : 0;
    const igstPaise = supply.kind === "inter_state" ? gstPaise : 0;
    return { rateBasisPoints, taxablePaise: amountPaise - gstPaise, gstPaise, cgstPaise, sgstPaise, igstPaise };
  });
  const sum = (figure: keyof GstAmounts) => computed.reduce((total, line) => total + line[figure], 0);
  const rates = new Set(computed.map((line) => line.rateBasisPoints));
  return {
    lines: computed,
    total: {
      taxablePaise: sum("taxablePaise"),
      gstPaise: sum("gstPaise"),
      cgstPaise: sum("cgstPaise"),
      sgstPaise: sum("sgstPaise"),
      igstPaise: sum("igstPaise"),
    },
    singleRateBasisPoints: rates.size === 1 ? [...rates][0]! : null,
  };
}

/** A rate in basis points as people read it: 500 → "5%", 250 → "2.5%". */
export function formatGstRate(rateBasisPoints: number): string {
  return `${rateBasisPoints / 100}%`;
}

function assertPaise(paise: number): void {
  if (!Number.isSafeInteger(paise) || paise < 0) throw new RangeError("amounts must be non-negative integer paise");
}

function assertRate(rateBasisPoints: number): void {
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0)
    throw new RangeError("a GST rate must be non-negative integer basis points");
}
