import { z } from "zod";
import { oneLine } from "@/lib/one-line";

/** Offered as suggestions when an admin marks an order shipped; any other carrier may be typed. */
export const COMMON_CARRIERS = ["India Post", "Delhivery", "Blue Dart", "DTDC", "Ekart", "Xpressbees", "Shadowfax"];

/**
 * How a parcel travels, as the admin gives it when marking the order shipped: the carrier
 * (free text, up to 60 characters) and its tracking number (letters, digits and hyphens,
 * 4–40 characters; spaces typed or pasted inside it are dropped).
 */
export const shipmentDetailsSchema = z.object({
  carrier: z
    .string()
    .transform(oneLine)
    .pipe(z.string().min(1, "Enter the carrier").max(60, "The carrier must be at most 60 characters")),
  trackingNumber: z
    .string()
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, "Enter the tracking number")
        .regex(/^[A-Za-z0-9-]*$/, "A tracking number has only letters, digits and hyphens")
        .min(4, "A tracking number has at least 4 characters")
        .max(40, "A tracking number has at most 40 characters"),
    ),
});

export type ShipmentDetails = z.output<typeof shipmentDetailsSchema>;
