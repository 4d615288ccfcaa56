/** What a verified gateway result means for the shop. */
export type PaymentOutcome = "success" | "failed" | "pending";

/**
 * The one place a gateway status code becomes the shop's outcome.
 *
 * The protocol page only defines OTS0000 (success), OTS0451/OTS0506/OTS0600 and the
 * OTS0601–OTS0641 processing failures. The other codes follow the gateway's
 * transaction-status documentation as its integration kits use it:
 *   OTS0002 force success; OTS0201 timeout (still being resolved), OTS0301
 *   initialised, OTS0351 initiated, OTS0551 pending from bank → pending;
 *   OTS0001 auto-reversed, OTS0101 cancelled by the shopper, OTS0401 no data,
 *   OTS05xx request errors, OTS06xx failures, OTS0951 "something went wrong" → failed.
 * Several sample kits treat OTS0551 as success; we keep it pending (the sandbox uses it
 * for a payment still awaiting the bank) so goods are never released on it.
 * An unknown code is "pending": the shop keeps requerying rather than declaring a
 * payment failed that the shopper may have paid, or granting one they did not.
 */
export function paymentOutcomeFor(statusCode: string): PaymentOutcome {
  switch (statusCode) {
    case "OTS0000":
    case "OTS0002":
      return "success";
    case "OTS0201":
    case "OTS0301":
    case "OTS0351":
    case "OTS0551":
      return "pending";
    case "OTS0001":
    case "OTS0101":
    case "OTS0401":
    case "OTS0451":
    case "OTS0951":
      return "failed";
    default:
      return /^OTS0[56]\d\d$/.test(statusCode) ? "failed" : "pending";
  }
}

/**
 * The shopper pressed Cancel on the gateway's payment page: the gateway ends the payment as
 * failed with OTS0101 ("CANCELLED" in its transaction-status codes). The shop tells the
 * shopper it was cancelled rather than declined. Decided by the status code only, never by
 * the message text, which differs between the gateway's environments.
 */
export function isCancelledByShopper(statusCode: string | null | undefined): boolean {
  return statusCode === "OTS0101";
}
