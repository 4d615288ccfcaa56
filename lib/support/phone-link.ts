/** A `tel:` link for a phone number as people write it: "+91 (80) 4000-1234" → "tel:+918040001234". */
export function phoneLink(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, "");
  return `tel:${phone.trim().startsWith("+") ? "+" : ""}${digits}`;
}
