import { createHash, timingSafeEqual } from "node:crypto";
import type { Secret } from "@/lib/atom";

/**
 * Whether an `Authorization` header carries the configured bearer token (for machines:
 * Prometheus scraping /api/metrics, a test runner driving the sandbox's control routes).
 * Compared in constant time; no token configured means no machine may in.
 */
export function bearerMatches(header: string | null, token: Secret | undefined): boolean {
  if (token === undefined) return false;
  const presented = bearerToken(header);
  if (presented === undefined) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(presented), digest(token.reveal()));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined for any other header. */
export function bearerToken(header: string | null): string | undefined {
  return header === null ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}
