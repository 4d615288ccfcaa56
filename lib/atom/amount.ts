import { AtomValidationError } from "./errors";

/**
 * Amounts cross the app in paise (safe integers). The gateway wants rupees in three
 * spellings, all built here from integer arithmetic and decimal strings so no float
 * error can creep in:
 *   payload number  33660 → 336.6   (a JSON number)
 *   signature text  33660 → "336.6" (the same number as JSON writes it; outbound signatures)
 *   two decimals    33660 → "336.60" (inbound callback verification)
 */

function assertPaise(paise: number): void {
  if (!Number.isSafeInteger(paise) || paise < 0) {
    throw new AtomValidationError("Amount must be a whole, non-negative, safe number of paise", [
      `amount: got ${describe(paise)}`,
    ]);
  }
}

// Amounts are not secret; describing the bad input helps whoever is debugging.
function describe(value: unknown): string {
  return typeof value === "number" || typeof value === "string" ? JSON.stringify(String(value)) : typeof value;
}

export function paiseToTwoDecimals(paise: number): string {
  assertPaise(paise);
  const rupees = Math.floor(paise / 100);
  const rest = paise - rupees * 100;
  return `${rupees}.${rest < 10 ? "0" : ""}${rest}`;
}

/** The gateway takes at most 10 digits before the decimal point. */
export const MAX_GATEWAY_PAISE = 999_999_999_999;

/**
 * Number("336.60") is the double nearest the decimal value, and JSON writes that
 * double back as its shortest round-tripping text, "336.6". That holds while doubles
 * are finer than a paisa, which is true far beyond the gateway's limit (enforced here).
 */
export function paiseToPayloadNumber(paise: number): number {
  const text = paiseToTwoDecimals(paise);
  if (paise > MAX_GATEWAY_PAISE) {
    throw new AtomValidationError("Amount is above the gateway's limit of 10 digits before the decimal point", [
      `amount: got ${text}`,
    ]);
  }
  return Number(text);
}

export function paiseToSignatureAmount(paise: number): string {
  return JSON.stringify(paiseToPayloadNumber(paise));
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Exact conversion of a gateway amount (a JSON number or a decimal string) to paise.
 * A number is read through its JSON text, so 0.1 + 0.2 (0.30000000000000004) is
 * rejected rather than rounded. Digits past the second decimal must be zeros.
 */
export function gatewayAmountToPaise(value: number | string): number {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  const match = DECIMAL.exec(text);
  const whole = match?.[1];
  const fraction = match?.[2] ?? "";
  if (whole === undefined || /[1-9]/.test(fraction.slice(2))) {
    throw new AtomValidationError("Gateway amount is not a non-negative rupee amount with at most 2 decimals", [
      `amount: got ${describe(value)}`,
    ]);
  }
  const paise = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"));
  if (!Number.isSafeInteger(paise)) {
    throw new AtomValidationError("Gateway amount is too large", [`amount: got ${describe(value)}`]);
  }
  return paise;
}
