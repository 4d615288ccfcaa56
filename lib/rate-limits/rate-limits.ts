import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { RateLimiterDrizzle, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@/db";
import { rateLimits } from "@/db/schema";
import { delayAfterChecks } from "@/lib/backoff";
import { addressBucket } from "@/lib/client-address";
import { RateLimitedError } from "@/lib/domain-error";
import { errorFields, log } from "@/lib/log";
import type { LimitRule, RateLimitConfig } from "./limits";
import { REFUSALS, type RefusalKind } from "./refusals";

/**
 * Where the counts are kept, so that every instance sees the same: the shop's own database
 * (the `rate_limits` table, through rate-limiter-flexible's Drizzle store: an atomic upsert
 * per count), or Redis when REDIS_URL is set (its Redis store: one Lua script per count;
 * `keyPrefix` keeps the shop's keys apart from others in the same Redis).
 */
export type RateLimitStore = { db: Database } | { redis: Redis; keyPrefix: string };

/** How long a count may wait for Redis before the request is let through. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * The connection the limits count in Redis through. Whatever Redis does, a count ends
 * within REDIS_COMMAND_TIMEOUT_MS: refused at once while not connected (no offline queue),
 * given up when Redis is connected but silent; the limit then lets the request through (see
 * Limit) and ioredis keeps reconnecting. The outage is logged once, not per reconnection.
 */
export function connectRateLimitRedis(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  let down = false;
  client.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    log.error(errorFields(error), "rate limit store (Redis) unreachable: requests are let through until it answers");
  });
  client.on("ready", () => {
    if (down) log.info("rate limit store (Redis) answers again");
    down = false;
  });
  return client;
}

/**
 * One limit. Subjects are stored as digests: the store holds no email or address. If the
 * store cannot be reached the request is let through and the failure logged: a broken
 * counter must not stop shoppers paying.
 */
class Limit {
  readonly #limiter: RateLimiterDrizzle | RateLimiterRedis;

  constructor(
    store: RateLimitStore,
    readonly name: string,
    readonly rule: LimitRule,
    /** Whether this limit's store deletes expired rows (of every limit: one per set is enough). */
    clearsExpired: boolean,
  ) {
    const counting = {
      points: rule.points,
      duration: rule.durationSeconds,
      blockDuration: rule.blockSeconds ?? 0,
    };
    this.#limiter =
      "redis" in store
        ? // Refused at once while Redis is not connected (fail open), rather than queued.
          new RateLimiterRedis({
            storeClient: store.redis,
            keyPrefix: `${store.keyPrefix}${name}`,
            rejectIfRedisNotReady: true,
            ...counting,
          })
        : new RateLimiterDrizzle({
            storeClient: store.db,
            schema: rateLimits,
            keyPrefix: name,
            clearExpiredByTimeout: clearsExpired,
            ...counting,
          });
  }

  /** Counts one request; over the limit, throws RateLimitedError saying `refusal`. */
  async take(subject: string, refusal: RefusalKind): Promise<void> {
    const refused = await this.#count(subject);
    if (refused !== null) throw refusedBy(refusal, refused);
  }

  /** Counts one request without refusing it; the seconds it is refused for when over the limit, else null. */
  async count(subject: string): Promise<number | null> {
    return this.#count(subject);
  }

  /** Seconds until `subject` may again, or null when it may now. Counts nothing. */
  async wait(subject: string): Promise<number | null> {
    const res = await this.#guard("read", () => this.#limiter.get(digest(subject)));
    if (res === null || !(res instanceof RateLimiterRes) || res.consumedPoints <= this.rule.points) return null;
    return Math.max(1, res.msBeforeNext / 1000);
  }

  /** Refuses `subject` for `seconds` from now. */
  async block(subject: string, seconds: number): Promise<void> {
    await this.#guard("block", () => this.#limiter.block(digest(subject), seconds));
  }

  /** Adds `points` without refusing; the points counted in the window so far. */
  async add(subject: string, points = 1): Promise<number> {
    const res = await this.#guard("count", () => this.#limiter.penalty(digest(subject), points));
    return res instanceof RateLimiterRes ? res.consumedPoints : points;
  }

  /** Forgets `subject`'s count. */
  async clear(subject: string): Promise<void> {
    await this.#guard("clear", () => this.#limiter.delete(digest(subject)));
  }

  async #count(subject: string): Promise<number | null> {
    try {
      await this.#limiter.consume(digest(subject));
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext / 1000);
      this.#storeFailed("count", error);
      return null;
    }
  }

  async #guard<T>(operation: string, work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      this.#storeFailed(operation, error);
      return null;
    }
  }

  #storeFailed(operation: string, error: unknown): void {
    log.error({ limit: this.name, operation, ...errorFields(error) }, "rate limit store failed: request let through");
  }
}

function refusedBy(refusal: RefusalKind, seconds: number): RateLimitedError {
  return new RateLimitedError(refusal, REFUSALS[refusal](seconds), Math.ceil(seconds));
}

/** A fixed-length digest of what a limit counts (emails and addresses are not stored). */
function digest(subject: string): string {
  return createHash("sha256").update(subject).digest("base64url").slice(0, 32);
}

/** Whom a payment is started for: the caller's address, and the cart (checkout) or the order (Pay again). */
export type PaymentStart = { address: string | undefined } & ({ cartId: string } | { orderId: string });

export interface RateLimits {
  signIn: {
    /** Throws RateLimitedError while the account is locked or the address has failed too often. */
    check(account: string, address: string | undefined): Promise<void>;
    /** Counts a failed sign-in; the account's failure that reaches the limit locks it, each lockout longer. */
    failed(account: string, address: string | undefined): Promise<void>;
    /** A sign-in succeeded: the account's failures are forgotten (its lockouts are remembered a day). */
    succeeded(account: string): Promise<void>;
  };
  /** Counts a sign-up; throws RateLimitedError over the address's limit. */
  signUp(address: string | undefined): Promise<void>;
  /** Counts a payment start; throws RateLimitedError over the address's, cart's or order's limit. */
  paymentStart(start: PaymentStart): Promise<void>;
  /** Counts a shopper's "check with the gateway"; throws RateLimitedError over the address's limit. */
  paymentCheck(address: string | undefined): Promise<void>;
  gateway: {
    /** Seconds the address is refused for after too many unverifiable posts, or null. */
    wait(address: string | undefined): Promise<number | null>;
    /** Counts a post that failed verification. */
    failed(address: string | undefined): Promise<void>;
  };
  apiToken: {
    /** Seconds the address is refused for after too many unknown or revoked API tokens, or null. */
    wait(address: string | undefined): Promise<number | null>;
    /** Counts a request whose API token is unknown or revoked. */
    failed(address: string | undefined): Promise<void>;
  };
}

/** The shop's limits counted in `store` (every instance on that store counts together). */
export function createRateLimits(store: RateLimitStore, config: RateLimitConfig): RateLimits {
  let created = 0;
  const limit = (name: string, rule: LimitRule) => new Limit(store, name, rule, created++ === 0);
  const signInAccount = limit("signin-account", config.signInFailuresPerAccount);
  const signInLockouts = limit("signin-lockouts", {
    points: Number.MAX_SAFE_INTEGER,
    durationSeconds: config.signInLockoutMemorySeconds,
  });
  const signInAddress = limit("signin-address", config.signInFailuresPerAddress);
  const signUpAddress = limit("signup-address", config.signUpsPerAddress);
  const payAddress = limit("pay-address", config.paymentStartsPerAddress);
  const payCart = limit("pay-cart", config.paymentStartsPerCart);
  const payOrder = limit("pay-order", config.paymentStartsPerOrder);
  const checkAddress = limit("check-address", config.paymentChecksPerAddress);
  const gatewayAddress = limit("gateway-address", config.gatewayFailuresPerAddress);
  const apiTokenAddress = limit("api-token-address", config.apiTokenFailuresPerAddress);
  const account = (email: string) => email.trim().toLowerCase();

  return {
    signIn: {
      async check(email, address) {
        const locked = await signInAccount.wait(account(email));
        if (locked !== null) throw refusedBy("signInAccount", locked);
        const busy = await signInAddress.wait(addressBucket(address));
        if (busy !== null) throw refusedBy("signInAddress", busy);
      },
      async failed(email, address) {
        await signInAddress.count(addressBucket(address));
        const failures = await signInAccount.add(account(email));
        if (failures < config.signInFailuresPerAccount.points) return;
        const lockouts = await signInLockouts.add(account(email));
        const seconds = delayAfterChecks(config.signInLockoutSeconds, lockouts - 1);
        await signInAccount.block(account(email), seconds);
        log.warn({ limit: signInAccount.name, lockouts, seconds }, "account locked after failed sign-ins");
      },
      async succeeded(email) {
        await signInAccount.clear(account(email));
      },
    },
    signUp: (address) => signUpAddress.take(addressBucket(address), "signUpAddress"),
    async paymentStart(start) {
      await payAddress.take(addressBucket(start.address), "paymentAddress");
      if ("cartId" in start) await payCart.take(start.cartId, "paymentCart");
      else await payOrder.take(start.orderId, "paymentOrder");
    },
    paymentCheck: (address) => checkAddress.take(addressBucket(address), "paymentCheckAddress"),
    gateway: {
      wait: (address) => gatewayAddress.wait(addressBucket(address)),
      async failed(address) {
        // Refused posts are not counted (see gateway-routes), so a refusal here is the one that crossed the limit.
        const refused = await gatewayAddress.count(addressBucket(address));
        if (refused !== null)
          log.warn(
            { limit: gatewayAddress.name, seconds: Math.ceil(refused) },
            "an address is refused for unverifiable gateway posts",
          );
      },
    },
    apiToken: {
      wait: (address) => apiTokenAddress.wait(addressBucket(address)),
      async failed(address) {
        const refused = await apiTokenAddress.count(addressBucket(address));
        if (refused !== null)
          log.warn(
            { limit: apiTokenAddress.name, seconds: Math.ceil(refused) },
            "an address is refused for unknown or revoked API tokens",
          );
      },
    },
  };
}
