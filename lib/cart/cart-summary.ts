import type { CartLine } from "./cart";

/** Units and subtotal (paise) over the lines still for sale. Shared by the server and the optimistic cart view. */
export function summariseCartLines(lines: readonly CartLine[]): { itemCount: number; subtotal: number } {
  let itemCount = 0;
  let subtotal = 0;
  for (const line of lines) {
    if (!line.active) continue;
    itemCount += line.quantity;
    subtotal += line.lineTotal;
  }
  return { itemCount, subtotal };
}
