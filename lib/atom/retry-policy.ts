import type { AtomApi, AtomSystemReason } from "./errors";

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** Which system errors earn another attempt. Configuration, signature and validation errors never do. */
  retryOn: readonly AtomSystemReason[];
}

/**
 * Defaults per API, the conservative reading of the protocol:
 * - AUTH is not retried after a timeout: the gateway may have created the token, and
 *   it rejects a second AUTH with the same merchTxnId, so the shop decides (usually a
 *   new attempt with a new merchTxnId). Connection failures and 5xx are retried; at
 *   worst the retry is refused as a duplicate, which is reported, never charged twice.
 * - REFUND is retried only when the request certainly never reached the gateway. After a
 *   timeout, a broken connection or a 5xx the gateway may have refunded, and a retry that
 *   it then refused (as a duplicate, say) would read as "not refunded" and free the
 *   amount for a second refund. Those outcomes stay unknown until REFUNDSTATUS settles
 *   them; a later re-send reuses the stable prodRefundId.
 * - STATUS and REFUNDSTATUS only read, so every system error is retried.
 */
export const DEFAULT_RETRY_ON: Readonly<Record<AtomApi, readonly AtomSystemReason[]>> = {
  AUTH: ["unreachable", "network", "unavailable"],
  STATUS: ["unreachable", "network", "timeout", "unavailable"],
  REFUND: ["unreachable"],
  REFUNDSTATUS: ["unreachable", "network", "timeout", "unavailable"],
};

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so
 * retries from many requests spread out yet each still waits a little.
 */
export function backoffDelayMs(
  failedAttempt: number,
  options: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (failedAttempt - 1));
  return step / 2 + options.random() * (step / 2);
}
