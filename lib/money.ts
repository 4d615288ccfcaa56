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
