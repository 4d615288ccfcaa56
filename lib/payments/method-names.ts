import type { SubChannel } from "@/lib/atom/auth-payload";

// The gateway names how a payment was made by its sub-channel code (orders.payment_method,
// payment_attempts.payment_method). People read these names instead: the storefront's order
// page, the admin's orders list and its filter, the CSV export, the order timeline. No zod
// here (the type import is erased), so client components may import it.

/** Every sub-channel the gateway sends, in the order the filter offers them, with its plain name. */
export const PAYMENT_METHOD_NAMES: Readonly<Record<SubChannel, string>> = {
  UP: "UPI",
  CC: "Credit card",
  DC: "Debit card",
  NB: "Net banking",
  MW: "Mobile wallet",
  PW: "Wallet",
  PP: "Prepaid card",
  EM: "EMI",
  NR: "NEFT/RTGS",
  BQ: "Bharat QR",
};

/** A sub-channel code's plain name ("UP" → "UPI"); an unknown code as it came; "—" when there is none. */
export function paymentMethodLabel(code: string | null | undefined): string {
  if (!code) return "—";
  return Object.hasOwn(PAYMENT_METHOD_NAMES, code) ? PAYMENT_METHOD_NAMES[code as SubChannel] : code;
}
