/**
 * Every rate limit of the shop, in one place. A rule allows `points` requests per window of
 * `durationSeconds` (the window starts with the first request); past it, the caller is
 * refused until the window ends, or for `blockSeconds` when set. Tests pass lower numbers
 * to createRateLimits rather than changing these.
 */
export interface LimitRule {
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

export interface RateLimitConfig {
  /** Failed sign-ins for one account (the email typed, whether or not it has an account) before it is locked. */
  signInFailuresPerAccount: LimitRule;
  /** How long an account's first, second, … lockout lasts; the last step repeats. */
  signInLockoutSeconds: readonly number[];
  /** How long an account's lockouts are remembered, making the next one longer. */
  signInLockoutMemorySeconds: number;
  /** Failed sign-ins from one address, whatever the accounts (password spraying). */
  signInFailuresPerAddress: LimitRule;
  /** Sign-up forms accepted from one address (each costs a password hash; new accounts are few). */
  signUpsPerAddress: LimitRule;
  /** Payments started (each an attempt and a gateway AUTH call) from one address … */
  paymentStartsPerAddress: LimitRule;
  /** … for one cart (the checkout's Pay: an unchanged cart pays its one pending order) … */
  paymentStartsPerCart: LimitRule;
  /** … and for one order (its page's Pay again / Pay now). */
  paymentStartsPerOrder: LimitRule;
  /** The order page's "Checking with the gateway…" from one address (each attempt is asked at most every 10 s anyway). */
  paymentChecksPerAddress: LimitRule;
  /** Posts to the gateway routes from one address that fail verification (not decryptable, not signed). */
  gatewayFailuresPerAddress: LimitRule;
  /** Admin API requests from one address whose bearer token is unknown or revoked (as failed sign-ins from one address). */
  apiTokenFailuresPerAddress: LimitRule;
}

const MINUTE = 60;
const HOUR = 3600;

export const RATE_LIMITS: RateLimitConfig = {
  signInFailuresPerAccount: { points: 5, durationSeconds: 15 * MINUTE },
  signInLockoutSeconds: [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 1 * HOUR],
  signInLockoutMemorySeconds: 24 * HOUR,
  signInFailuresPerAddress: { points: 30, durationSeconds: 15 * MINUTE, blockSeconds: 15 * MINUTE },
  signUpsPerAddress: { points: 20, durationSeconds: 1 * HOUR },
  paymentStartsPerAddress: { points: 60, durationSeconds: 10 * MINUTE },
  paymentStartsPerCart: { points: 10, durationSeconds: 10 * MINUTE },
  paymentStartsPerOrder: { points: 10, durationSeconds: 10 * MINUTE },
  paymentChecksPerAddress: { points: 60, durationSeconds: 1 * MINUTE },
  gatewayFailuresPerAddress: { points: 30, durationSeconds: 10 * MINUTE, blockSeconds: 10 * MINUTE },
  apiTokenFailuresPerAddress: { points: 30, durationSeconds: 15 * MINUTE, blockSeconds: 15 * MINUTE },
};
