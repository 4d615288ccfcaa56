// Amounts for people: paise (integers, everywhere in the app) shown as rupees, and rupees
// typed by an admin read back as paise. No imports: forms use it in the browser. The
// gateway's own rupee strings are made in lib/atom/amount.ts.

const rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", minimumFractionDigits: 2 });

/** Formats integer paise as Indian rupees for people: 123456789 → "₹12,34,567.89". */
export function formatRupees(paise: number): string {
  if (!Number.isSafeInteger(paise)) throw new RangeError("paise must be a safe integer");
  const sign = paise < 0 ? "-" : "";
  const absolute = Math.abs(paise);
  // Format whole rupees and paise separately so no float ever touches the amount.
  const whole = rupees.format(Math.trunc(absolute / 100)).replace(/\.00$/, "");
  return `${sign}${whole}.${String(absolute % 100).padStart(2, "0")}`;
}

const RUPEES = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/**
 * "1,234.5" / "₹ 1234.50" → 123450 paise, by string arithmetic (no float touches money);
 * null if the text is not an amount.
 */
export function rupeesTextToPaise(text: string): number | null {
  const match = RUPEES.exec(text.replace(/[₹,\s]/g, ""));
  if (match === null) return null;
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? "").padEnd(2, "0");
  return Number(whole) * 100 + Number(fraction);
}

/** 123450 → "1234.50": how an amount is prefilled in the refund form. */
export function paiseToRupeesText(paise: number): string {
  return `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, "0")}`;
}
