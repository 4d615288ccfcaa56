import { orderReference } from "@/lib/order-reference";

/** "refund_outcome_unknown" → "Refund outcome unknown". */
export function humanize(code: string): string {
  const words = code.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An id's short form: for an order, the reference the shopper sees. */
export function shortId(id: string): string {
  return orderReference(id);
}

/** A fraction as a percentage with one decimal ("80.0 %"); "No data" when there was nothing to count. */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? "No data" : `${(fraction * 100).toFixed(1)} %`;
}

const wholeNumber = new Intl.NumberFormat("en-IN", { maximumFractionDigits: 0 });

/** Milliseconds, rounded ("2,193 ms"); "No data" when there was nothing to time. */
export function formatMilliseconds(milliseconds: number | null): string {
  return milliseconds === null ? "No data" : `${wholeNumber.format(milliseconds)} ms`;
}
