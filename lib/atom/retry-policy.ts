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
 * - REFUND is retried after timeouts too, which is safe only because each line's
 *   prodRefundId is stable: the gateway recognises the repeated request.
 * - STATUS and REFUNDSTATUS only read, so every system error is retried.
 */
export const DEFAULT_RETRY_ON: Readonly<Record<AtomApi, readonly AtomSystemReason[]>> = {
  AUTH: ["network", "unavailable"],
  STATUS: ["network", "timeout", "unavailable"],
  REFUND: ["network", "timeout", "unavailable"],
  REFUNDSTATUS: ["network", "timeout", "unavailable"],
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
