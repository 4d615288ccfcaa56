const RUPEES = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/**
 * "1,234.5" / "₹ 1234.50" → 123450 paise, by string arithmetic (no float touches money);
 * null if the text is not an amount. No imports: the refund form uses it in the browser.
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
