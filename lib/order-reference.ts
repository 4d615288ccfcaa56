/** The reference shoppers know an order by, on its page and in "My orders": "3F2A9C1B". */
export function orderReference(orderId: string): string {
  return orderId.slice(0, 8).toUpperCase();
}
