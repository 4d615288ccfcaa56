// The gateway's payment method codes (subChannel: what AUTH's payModeSpecificData takes and
// the result names) as people say them. No imports, so client components may use it too.

const PAYMENT_METHOD_NAMES: Readonly<Record<string, string>> = {
  CC: "Credit card",
  DC: "Debit card",
  NB: "Net banking",
  UP: "UPI",
  MW: "Mobile wallet",
  PP: "Prepaid card",
  PW: "Wallet",
  EM: "EMI",
  NR: "NEFT/RTGS",
  BQ: "Bharat QR",
};

/** "UP" → "UPI"; an unknown code as it is; "—" when there is none. */
export function paymentMethodName(code: string | null | undefined): string {
  if (!code) return "—";
  return PAYMENT_METHOD_NAMES[code] ?? code;
}
