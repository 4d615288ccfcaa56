import { z } from "zod";
import { MAX_GATEWAY_PAISE } from "@/lib/atom";
import { rupeesTextToPaise } from "@/lib/money";

/** One line of an item refund: which order line, and how many of its units. */
export const refundItemSchema = z.object({
  orderItemId: z.uuid("Unknown item."),
  quantity: z.number().int("Refund whole units.").positive("Refund at least one unit.").max(10_000),
});
export type RefundItemRequest = z.infer<typeof refundItemSchema>;

/**
 * What an admin's refund request carries, after parsing: an amount (money in paise) or
 * items (units of order lines, valued at what they cost), never both.
 */
export const refundRequestSchema = z
  .object({
    orderId: z.uuid("Unknown order."),
    // The payment attempt to refund; absent means the order's own payment.
    attemptId: z.uuid("Unknown payment.").optional(),
    amountPaise: z
      .number()
      .int("The amount must be in whole paise.")
      .positive("Enter an amount above ₹0.00.")
      .max(MAX_GATEWAY_PAISE, "That amount is above the gateway's limit.")
      .optional(),
    items: z.array(refundItemSchema).min(1, "Choose at least one item to refund.").max(100).optional(),
    reason: z
      .string()
      .trim()
      .min(3, "Say why, in a few words (at least 3 characters).")
      .max(500, "Keep the reason under 500 characters."),
    // Made when the form renders; a repeated key is the same refund (double click, retried submit).
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "The form is out of date: reload the page."),
    // Put the refunded goods back in stock when this refund completes.
    restock: z.boolean().optional(),
  })
  .refine((request) => (request.amountPaise === undefined) !== (request.items === undefined), {
    message: "Refund either an amount or items, not both.",
    path: ["amountPaise"],
  });
export type RefundRequest = z.infer<typeof refundRequestSchema>;

/** The refund form's fields (all text) → the service's input, with messages per field. */
export const refundFormSchema = z
  .object({
    orderId: z.string(),
    // Empty on the order's own refund form; an extra payment's form names its attempt.
    attemptId: z.string().optional(),
    amount: z.string().trim().min(1, "Enter the amount to refund."),
    reason: z.string(),
    idempotencyKey: z.string(),
    // A checkbox: "on" when ticked, absent otherwise.
    restock: z.literal("on").optional(),
  })
  .transform((form, ctx): z.input<typeof refundRequestSchema> => {
    const amountPaise = rupeesTextToPaise(form.amount);
    if (amountPaise === null) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: "Enter rupees with at most 2 decimals, e.g. 250 or 250.50.",
      });
      return z.NEVER;
    }
    const attempt = form.attemptId ? { attemptId: form.attemptId } : {};
    const restock = form.restock === "on" ? { restock: true } : {};
    return {
      orderId: form.orderId,
      ...attempt,
      amountPaise,
      reason: form.reason,
      idempotencyKey: form.idempotencyKey,
      ...restock,
    };
  })
  .pipe(refundRequestSchema);

/** The prodRefundId sent to the gateway: derived from the refund's own id, so it never changes. */
export function prodRefundIdFor(refundId: string): string {
  // 34 characters of [A-Z0-9]: inside the gateway's limit of 50 plain characters.
  return `RF${refundId.replace(/-/g, "").toUpperCase()}`;
}
