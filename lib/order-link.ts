import { createHmac, timingSafeEqual } from "node:crypto";
import type { Secret } from "@/lib/atom";

/**
 * The guest's key to an order page: an HMAC of the order id under the session secret.
 * Unguessable without the secret, and recomputable, so nothing extra is stored and the
 * return route can send the shopper straight to their order.
 */
function orderAccessKey(secret: Secret, orderId: string): string {
  return createHmac("sha256", secret.reveal()).update(`order-link:${orderId}`).digest("base64url");
}

export function isValidOrderAccessKey(secret: Secret, orderId: string, key: string | undefined | null): boolean {
  if (!key) return false;
  const expected = Buffer.from(orderAccessKey(secret, orderId));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The order page, with the key that opens it to whoever holds the link. */
export function orderPath(secret: Secret, orderId: string): string {
  return `/orders/${orderId}?key=${orderAccessKey(secret, orderId)}`;
}

/** The order's receipt (tax invoice), opened by the same key as its page. */
export function receiptPath(secret: Secret, orderId: string): string {
  return `/orders/${orderId}/receipt?key=${orderAccessKey(secret, orderId)}`;
}
