import { DomainError } from "@/lib/domain-error";
import { formatRupees } from "@/lib/money";

export type RefundRuleCode =
  | "order_not_found"
  | "order_not_refundable"
  | "no_gateway_transaction"
  | "attempt_not_found"
  | "attempt_not_refundable"
  | "amount_exceeds_refundable"
  | "restock_needs_full_refund"
  | "idempotency_key_reused"
  | "refund_not_found";

/**
 * A refund the rules forbid. The message is written for the admin who asked and names
 * no secret, so actions can show it as it is.
 */
export class RefundRuleError extends DomainError<RefundRuleCode> {
  override name = "RefundRuleError";
  constructor(
    code: RefundRuleCode,
    message: string,
    /** For amount_exceeds_refundable: what could still be refunded, in paise. */
    readonly refundablePaise?: number,
  ) {
    super(code, message, code === "amount_exceeds_refundable" ? "amount" : undefined);
  }

  static amountExceeds(refundablePaise: number, of: "order" | "payment" = "order"): RefundRuleError {
    return new RefundRuleError(
      "amount_exceeds_refundable",
      refundablePaise === 0
        ? `Nothing is left to refund on this ${of} (refunds in progress count too).`
        : `At most ${formatRupees(refundablePaise)} can still be refunded on this ${of} (refunds in progress count too).`,
      refundablePaise,
    );
  }
}
