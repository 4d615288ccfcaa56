// The refund form's field names, shared by the form (a client component, which must not
// load zod) and the server's reading of it (./refund-input.ts).

/** The form's fields that can carry an error of their own, besides each line's quantity. */
export type RefundFormField = "refundBy" | "amount" | "reason" | "restock" | "items" | QuantityField;

/** A line's "units to refund" field: one per order line, named by the line's id. */
export type QuantityField = `quantity-${string}`;

const QUANTITY_PREFIX = "quantity-";

export function quantityField(orderItemId: string): QuantityField {
  return `${QUANTITY_PREFIX}${orderItemId}`;
}

export function isQuantityField(name: string): name is QuantityField {
  return name.startsWith(QUANTITY_PREFIX);
}

/** The order line a quantity field names. */
export function orderItemIdOf(field: QuantityField): string {
  return field.slice(QUANTITY_PREFIX.length);
}
