// The control routes show a callback's decrypted payload for tests and debugging, never the
// shopper's details in it: emails, mobile numbers and names are masked wherever they appear.

/** "asha.rao@example.in" → "a***@example.in". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email[0]}***${email.slice(at)}`;
}

/** "98765 43210" → "******3210": the last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.length <= 4 ? "****" : `${"*".repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** "Asha" → "A***". */
function maskName(name: string): string {
  return name === "" ? "" : `${name[0]}***`;
}

const EMAIL_KEY = /email/i;
const PHONE_KEY = /mobile|phone/i;
// A person's name (custFirstName, cardHolderName …), not a product's or a bank's.
const PERSON_NAME_KEY = /^(cust.*name|.*(first|last|holder|card)name)$/i;

/** A copy of `value` with every personal field masked (by its key's name), at any depth. */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value === null || typeof value !== "object") return value;
  const masked: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === "string" || typeof field === "number") {
      const text = String(field);
      if (EMAIL_KEY.test(key)) masked[key] = maskEmail(text);
      else if (PHONE_KEY.test(key)) masked[key] = maskPhone(text);
      else if (PERSON_NAME_KEY.test(key)) masked[key] = maskName(text);
      else masked[key] = field;
    } else masked[key] = maskPersonalData(field);
  }
  return masked;
}
