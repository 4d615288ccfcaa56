import type { Order } from "@/db/schema";

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
  const { deliveryName: name, deliveryLine1: line1, deliveryCity: city, deliveryState: state } = order;
  if (!name || !line1 || !city || !state || !order.deliveryPinCode) return null;
  return {
    name,
    lines: [line1, ...(order.deliveryLine2 ? [order.deliveryLine2] : []), `${city}, ${state} ${order.deliveryPinCode}`],
  };
}
