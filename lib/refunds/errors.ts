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
  | "items_need_order_payment"
  | "item_not_found"
  | "units_exceed_refundable"
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
    /** For item_not_found and units_exceed_refundable: the order line refused. */
    readonly orderItemId?: string,
  ) {
    super(code, message, fieldOf(code));
  }

  static itemNotFound(orderItemId: string): RefundRuleError {
    return new RefundRuleError("item_not_found", "This item is not part of the order.", undefined, orderItemId);
  }

  static unitsExceed(line: { orderItemId: string; name: string; unitsLeft: number }): RefundRuleError {
    const left =
      line.unitsLeft === 0
        ? "every unit is already refunded or being refunded"
        : `at most ${line.unitsLeft} ${line.unitsLeft === 1 ? "unit" : "units"} can still be refunded`;
    return new RefundRuleError(
      "units_exceed_refundable",
      `${line.name}: ${left} (refunds in progress count too).`,
      undefined,
      line.orderItemId,
    );
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

/** The form field a refusal belongs beside: the amount, the items (the action names the line), the restock box. */
function fieldOf(code: RefundRuleCode): string | undefined {
  if (code === "amount_exceeds_refundable") return "amount";
  if (code === "item_not_found" || code === "units_exceed_refundable") return "items";
  if (code === "restock_needs_full_refund") return "restock";
  return undefined;
}
