import { z } from "zod";
import { MAX_GATEWAY_PAISE } from "@/lib/atom";
import { rupeesTextToPaise } from "@/lib/money";
import { isQuantityField, orderItemIdOf } from "./refund-form-fields";

/** One line of an item refund: which order line, and how many of its units. */
const refundItemSchema = z.object({
  orderItemId: z.uuid("Unknown item."),
  quantity: z.number().int("Refund whole units.").positive("Refund at least one unit.").max(10_000),
});
export type RefundItemRequest = z.infer<typeof refundItemSchema>;

const refundRequestFields = z.object({
  orderId: z.uuid("Unknown order."),
  // The payment attempt to refund; absent means the order's own payment.
  attemptId: z.uuid("Unknown payment.").optional(),
  amountPaise: z
    .number()
    .int("The amount must be in whole paise.")
    .positive("Enter an amount above ₹0.00.")
    .max(MAX_GATEWAY_PAISE, "That amount is above the gateway's limit.")
    .optional(),
  items: z
    .array(refundItemSchema)
    .min(1, "Choose at least one item to refund.")
    .max(100)
    .refine((items) => new Set(items.map((item) => item.orderItemId)).size === items.length, {
      message: "Name each item once.",
    })
    .optional(),
  reason: z
    .string()
    .trim()
    .min(3, "Say why, in a few words (at least 3 characters).")
    .max(500, "Keep the reason under 500 characters."),
  // Made when the form renders; a repeated key is the same refund (double click, retried submit).
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "The form is out of date: reload the page."),
  // Put the refunded goods back in stock when this refund completes.
  restock: z.boolean().optional(),
});

/** A request names an amount or items, never both. */
const amountXorItems = (request: { amountPaise?: number; items?: unknown }) =>
  (request.amountPaise === undefined) !== (request.items === undefined);
const AMOUNT_XOR_ITEMS = { message: "Refund either an amount or items, not both.", path: ["amountPaise"] };

/**
 * What an admin's refund request carries, after parsing: an amount (money in paise) or
 * items (units of order lines, valued at what they cost), never both.
 */
export const refundRequestSchema = refundRequestFields.refine(amountXorItems, AMOUNT_XOR_ITEMS);
export type RefundRequest = z.infer<typeof refundRequestSchema>;

/** The request, and whether the admin confirmed its amount. */
const confirmableRequestSchema = refundRequestFields
  .extend({ confirmed: z.boolean() })
  .refine(amountXorItems, AMOUNT_XOR_ITEMS);

const WHOLE_UNITS = /^\d{1,5}$/;

/**
 * The refund form's fields (all text) → the service's input, with messages per field, and
 * whether the admin confirmed the amount (the second submit) or asks what it comes to (the
 * first). By item, each line's "units to refund" field (quantity-<line id>) counts when
 * above 0; by amount, the typed rupees.
 */
export const refundFormSchema = z
  .object({
    orderId: z.string(),
    // Empty on the order's own refund form; an extra payment's form names its attempt.
    attemptId: z.string().optional(),
    refundBy: z.enum(["items", "amount"], { error: "Choose to refund by item or by amount." }),
    amount: z.string().optional(),
    reason: z.string(),
    idempotencyKey: z.string(),
    // A checkbox: "on" when ticked, absent (or empty) otherwise.
    restock: z.string().optional(),
    // The confirmation's submit: "yes" sends the refund; absent asks for the amount to confirm.
    confirmed: z.literal("yes").optional(),
  })
  .catchall(z.string())
  .transform((form, ctx): z.input<typeof confirmableRequestSchema> => {
    const common = {
      orderId: form.orderId,
      ...(form.attemptId ? { attemptId: form.attemptId } : {}),
      reason: form.reason,
      idempotencyKey: form.idempotencyKey,
      ...(form.restock === "on" ? { restock: true } : {}),
      confirmed: form.confirmed === "yes",
    };
    if (form.refundBy === "amount") {
      const amount = (form.amount ?? "").trim();
      const amountPaise = rupeesTextToPaise(amount);
      if (amount === "" || amountPaise === null) {
        ctx.addIssue({
          code: "custom",
          path: ["amount"],
          message:
            amount === "" ? "Enter the amount to refund." : "Enter rupees with at most 2 decimals, e.g. 250 or 250.50.",
        });
        return z.NEVER;
      }
      return { ...common, amountPaise };
    }
    const items: RefundItemRequest[] = [];
    for (const [name, value] of Object.entries(form)) {
      if (!isQuantityField(name) || typeof value !== "string") continue;
      const units = value.trim();
      if (units === "" || units === "0") continue;
      if (!WHOLE_UNITS.test(units)) {
        ctx.addIssue({ code: "custom", path: [name], message: "Enter a whole number of units, e.g. 1." });
        continue;
      }
      items.push({ orderItemId: orderItemIdOf(name), quantity: Number(units) });
    }
    if (items.length === 0)
      ctx.addIssue({ code: "custom", path: ["items"], message: "Choose at least one unit to refund." });
    return { ...common, items };
  })
  .pipe(confirmableRequestSchema);

/** The prodRefundId sent to the gateway: derived from the refund's own id, so it never changes. */
export function prodRefundIdFor(refundId: string): string {
  // 34 characters of [A-Z0-9]: inside the gateway's limit of 50 plain characters.
  return `RF${refundId.replace(/-/g, "").toUpperCase()}`;
}
