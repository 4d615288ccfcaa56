// The bulk "mark shipped" form's field names, shared by the form (a client component, so
// no zod here) and the server that reads it: a ticked `ship:<order id>` selects the order,
// `tracking:<order id>` is the tracking number of its parcel.

export const SHIP_FIELD_PREFIX = "ship:";

export function shipFieldOf(orderId: string): string {
  return `${SHIP_FIELD_PREFIX}${orderId}`;
}

export function trackingFieldOf(orderId: string): string {
  return `tracking:${orderId}`;
}
