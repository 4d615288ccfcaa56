import { z } from "zod";
import { deliveryAddressSchema } from "@/lib/checkout/delivery-address";

/** An Indian mobile number: 10 digits starting 6–9, optionally written with +91, 91 or 0 and spaces. */
export const indianMobileSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s-]/g, ""))
  .transform((value) => value.replace(/^(\+91|91|0)(?=\d{10}$)/, ""))
  .pipe(z.string().regex(/^[6-9]\d{9}$/, "Enter a 10-digit Indian mobile number"));

export const checkoutContactSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a valid email address").max(100, "Email must be at most 100 characters")),
  mobile: indianMobileSchema,
});

export type CheckoutContact = z.infer<typeof checkoutContactSchema>;

/** The checkout form: how to reach the shopper, and where the order goes. */
export const checkoutDetailsSchema = checkoutContactSchema.extend(deliveryAddressSchema.shape);
