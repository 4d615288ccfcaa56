import type { Order } from "@/db/schema";
import { deliveryAddressOf } from "@/lib/checkout/delivery-address";

export interface DeliveryAddress {
  name: string;
  /** The address's lines, the last one "City, State PIN". */
  lines: string[];
}

/** The order's delivery snapshot as lines for people; null on orders placed before checkout asked for one. */
export function formatDeliveryAddress(
  order: Pick<
    Order,
    "deliveryName" | "deliveryLine1" | "deliveryLine2" | "deliveryCity" | "deliveryState" | "deliveryPinCode"
  >,
): DeliveryAddress | null {
  const address = deliveryAddressOf(order);
  if (address === null) return null;
  const { name, line1, line2, city, state, pinCode } = address;
  return { name, lines: [line1, ...(line2 ? [line2] : []), `${city}, ${state} ${pinCode}`] };
}
