/** The checkout form's fields, in the order it shows them (the first invalid one takes the focus). */
export const CHECKOUT_FIELDS = ["email", "mobile", "name", "line1", "line2", "city", "state", "pinCode"] as const;

export type CheckoutField = (typeof CHECKOUT_FIELDS)[number];
