import { createHash, timingSafeEqual } from "node:crypto";
import type { Secret } from "@/lib/atom";

/**
 * Whether an `Authorization` header carries the configured bearer token (for machines:
 * Prometheus scraping /api/metrics, a test runner driving the sandbox's control routes).
 * Compared in constant time; no token configured means no machine may in.
 */
export function bearerMatches(header: string | null, token: Secret | undefined): boolean {
  if (token === undefined || header === null) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(token.reveal()));
}
