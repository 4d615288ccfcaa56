// GSTIN, India's GST identification number: 15 characters: the state's 2-digit code, the
// holder's PAN (5 letters, 4 digits, a letter), the entity number within that PAN (1-9, then
// A-Z), the letter Z, and a check character over the first 14 (mod 36, below).

const CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const FORMAT = /^(\d{2})[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/**
 * The check character of a GSTIN's first 14 characters: each character's value (0-9, A=10 …
 * Z=35) times a factor alternating 1, 2, 1, …; each product's quotient and remainder by 36 are
 * added; the check is (36 − sum mod 36) mod 36, as a character.
 */
export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let index = 0; index < 14; index += 1) {
    const value = CHARACTERS.indexOf(first14[index] ?? "");
    if (value < 0) throw new RangeError("a GSTIN holds digits and capital letters only");
    const product = value * (index % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return CHARACTERS[(36 - (sum % 36)) % 36]!;
}

/** The state codes of GST registrations: 01-38 (states and union territories), 97 (other territory). */
function isStateCode(code: number): boolean {
  return (code >= 1 && code <= 38) || code === 97;
}

/** Whether `value` is a well-formed GSTIN with a known state code and the right check character. */
export function isValidGstin(value: string): boolean {
  const match = FORMAT.exec(value);
  if (match === null || !isStateCode(Number(match[1]))) return false;
  return gstinCheckCharacter(value.slice(0, 14)) === value[14];
}
