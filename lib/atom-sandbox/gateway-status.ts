import type { ResponseDetails } from "@/lib/atom/gateway-side";

/**
 * The status codes and texts the sandbox answers with (protocol page §7, and the codes
 * lib/atom/outcome.ts maps). One place, so the README's table and the answers agree.
 */
const status = (statusCode: string, message: string, description: string): ResponseDetails => ({
  statusCode,
  message,
  description,
});

export const STATUS = {
  tokenGenerated: status("OTS0000", "SUCCESS", "ATOM TOKEN ID HAS BEEN GENERATED"),
  invalidMerchant: status("OTS0451", "FAILED", "INVALID MERCHANT INFORMATION"),
  signatureMismatch: status("OTS0506", "FAILED", "SIGNATURE MISMATCH"),
  noData: status("OTS0401", "NODATA", "NO DATA FOUND"),
  // Payment results (callback, return URL, transaction status).
  paymentSuccess: status("OTS0000", "SUCCESS", "TRANSACTION IS SUCCESSFUL"),
  paymentPending: status("OTS0551", "PENDING", "TRANSACTION IS PENDING FROM BANK"),
  paymentCancelled: status("OTS0101", "CANCELLED", "TRANSACTION IS CANCELLED BY USER ON PAYMENT PAGE"),
  // Refunds.
  fullRefund: status("OTS0000", "SUCCESS", "FULL REFUND INITIATED"),
  partialRefund: status("OTS0000", "SUCCESS", "PARTIAL REFUND INITIATED"),
  refundExceedsBalance: status("OTS0600", "FAILED", "REFUND AMOUNT EXCEEDS THE REFUNDABLE BALANCE"),
  notRefundable: status("OTS0600", "FAILED", "TRANSACTION IS NOT IN A REFUNDABLE STATE"),
} as const;

/** OTS0600 with what failed; the gateway's own answers say as much in txnDescription. */
export function validationFailed(detail: string): ResponseDetails {
  return status("OTS0600", "FAILED", `VALIDATION FAILED: ${detail}`);
}

/** A payment the "bank" declined (OTS0600 is what the gateway's kits receive for FAILED). */
export function paymentDeclined(reason: string): ResponseDetails {
  return status("OTS0600", "FAILED", `TRANSACTION FAILED: ${reason}`);
}
