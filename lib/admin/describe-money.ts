import type { Order } from "@/db/schema";
import type { RefundableSummary } from "@/lib/refunds/refundable";

/**
 * What the order page's money panel says, by the order's state: nothing is "paid" or
 * "refundable" before the gateway has confirmed a payment of the order.
 */
export type OrderMoney =
  /** Pending: the shopper has not paid yet; nothing can be refunded. */
  | { state: "awaiting_payment"; duePaise: number }
  /** Cancelled or expired unpaid: nothing was paid for the order (a payment after cancelling is an extra payment). */
  | { state: "not_paid" }
  /** Paid, shipped or delivered: what was paid, refunded, in progress and still refundable. */
  | { state: "paid"; amounts: RefundableSummary }
  /** Everything paid for the goods went back to the shopper. */
  | { state: "refunded"; amounts: RefundableSummary };

export function describeOrderMoney(
  order: Pick<Order, "status" | "totalAmount">,
  refundable: RefundableSummary,
): OrderMoney {
  switch (order.status) {
    case "pending":
      return { state: "awaiting_payment", duePaise: order.totalAmount };
    case "cancelled":
      return { state: "not_paid" };
    case "refunded":
      return { state: "refunded", amounts: refundable };
    case "paid":
    case "shipped":
    case "delivered":
      return { state: "paid", amounts: refundable };
  }
}
