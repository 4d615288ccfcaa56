import { z } from "zod";
import { oneLine } from "@/lib/one-line";
import { INDIAN_STATES_AND_TERRITORIES } from "./indian-states";

/** Spaces inside are dropped ("560 001" is 560001); six digits, the first not 0 (the orders table checks the same). */
export const pinCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(z.string().regex(/^[1-9]\d{5}$/, "Enter a 6-digit PIN code (it does not start with 0)"));

/** One clean line (lib/one-line.ts) of between `min` and `max` characters. */
const text = (label: string, min: number, max: number) =>
  z
    .string()
    .transform(oneLine)
    .pipe(
      z
        .string()
        .min(min, min === 1 ? `Enter ${label}` : `Enter ${label} (at least ${min} characters)`)
        .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max} characters`),
    );

/** Who the order goes to and where in India, as the checkout form names its fields. */
export const deliveryAddressSchema = z.object({
  name: text("the full name", 2, 100),
  line1: text("the house, building and street", 1, 120),
  // Optional: an empty line is stored as null.
  line2: z
    .string()
    .transform(oneLine)
    .pipe(z.string().max(120, "The second address line must be at most 120 characters"))
    .transform((value) => (value === "" ? null : value)),
  city: text("the town or city", 2, 60),
  state: z.enum(INDIAN_STATES_AND_TERRITORIES, {
    error: "Choose the state or union territory",
  }),
  pinCode: pinCodeSchema,
});

export type DeliveryAddress = z.output<typeof deliveryAddressSchema>;

/** The order's snapshot columns for an address (db/schema.ts: orders.delivery_*). */
export function deliveryColumns(address: DeliveryAddress) {
  return {
    deliveryName: address.name,
    deliveryLine1: address.line1,
    deliveryLine2: address.line2,
    deliveryCity: address.city,
    deliveryState: address.state,
    deliveryPinCode: address.pinCode,
  };
}

/** The snapshot an order holds, or null for an order placed before checkout asked for one. */
export function deliveryAddressOf(order: {
  deliveryName: string | null;
  deliveryLine1: string | null;
  deliveryLine2: string | null;
  deliveryCity: string | null;
  deliveryState: string | null;
  deliveryPinCode: string | null;
}): DeliveryAddressLines | null {
  const { deliveryName, deliveryLine1, deliveryCity, deliveryState, deliveryPinCode } = order;
  if (!deliveryName || !deliveryLine1 || !deliveryCity || !deliveryState || !deliveryPinCode) return null;
  return {
    name: deliveryName,
    line1: deliveryLine1,
    line2: order.deliveryLine2,
    city: deliveryCity,
    state: deliveryState,
    pinCode: deliveryPinCode,
  };
}

/** An address as stored: its state is text (the list may change; a stored order keeps what it was given). */
export type DeliveryAddressLines = Omit<DeliveryAddress, "state"> & { state: string };
