// GST in the shop's prices. Every price includes GST, so the tax is the part of a
// GST-inclusive amount that is tax: amount × rate / (100 % + rate). The catalog has no
// per-product rate, so one rate serves every product: 5 %, the rate for tea, coffee and
// spices (HSN chapter 09), which is all the shop sells. All in integer paise, no floats.

/** GST on everything the shop sells, in basis points (500 = 5 %). */
export const GST_RATE_BASIS_POINTS = 500;

const WHOLE = 10_000;

/** The GST inside a GST-inclusive amount, rounded to the nearest paisa (half up). */
export function gstIncludedIn(inclusivePaise: number, rateBasisPoints = GST_RATE_BASIS_POINTS): number {
  assertPaise(inclusivePaise);
  const denominator = WHOLE + rateBasisPoints;
  return Math.floor((2 * inclusivePaise * rateBasisPoints + denominator) / (2 * denominator));
}

export interface GstSplit {
  /** The value before tax. */
  taxablePaise: number;
  gstPaise: number;
}

/**
 * Splits GST-inclusive line amounts into taxable value and GST. The total GST is the GST
 * of the total (as `gstIncludedIn` computes it); each line gets its exact share rounded
 * down, and the paise left over go to the lines with the largest fractions (the earlier
 * line first on a tie), so the lines add up to the total exactly.
 */
export function splitGst(
  inclusiveAmounts: readonly number[],
  rateBasisPoints = GST_RATE_BASIS_POINTS,
): { lines: GstSplit[]; total: GstSplit } {
  inclusiveAmounts.forEach(assertPaise);
  const denominator = WHOLE + rateBasisPoints;
  const shares = inclusiveAmounts.map((amount, index) => ({
    index,
    floor: Math.floor((amount * rateBasisPoints) / denominator),
    remainder: (amount * rateBasisPoints) % denominator,
  }));
  const totalInclusive = inclusiveAmounts.reduce((sum, amount) => sum + amount, 0);
  const totalGst = gstIncludedIn(totalInclusive, rateBasisPoints);
  let leftOver = totalGst - shares.reduce((sum, share) => sum + share.floor, 0);
  const gst = shares.map((share) => share.floor);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (leftOver === 0) break;
    gst[share.index]! += 1;
    leftOver -= 1;
  }
  return {
    lines: inclusiveAmounts.map((amount, index) => ({ taxablePaise: amount - gst[index]!, gstPaise: gst[index]! })),
    total: { taxablePaise: totalInclusive - totalGst, gstPaise: totalGst },
  };
}

function assertPaise(paise: number): void {
  if (!Number.isSafeInteger(paise) || paise < 0) throw new RangeError("amounts must be non-negative integer paise");
}
