import "server-only";
import { once } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import type { Redis } from "ioredis";
import { headers } from "next/headers";
import { getDatabase } from "@/db";
import { clientAddress } from "@/lib/client-address";
import { getEnv } from "@/lib/env";
import { RATE_LIMITS } from "./limits";
import { connectRateLimitRedis, createRateLimits, type RateLimits, type RateLimitStore } from "./rate-limits";

/** The shop's keys in a Redis it may share with others. */
const REDIS_KEY_PREFIX = "lotus-bazaar:rate-limit:";

// Per module instance, not on globalThis: Next loads this module once per route bundle, and
// limits shared across bundles would throw another bundle's RateLimitedError, which this
// bundle's `instanceof` checks (runAction's among them) would not recognise. The counts
// are in the database, so every copy sees the same.
let limits: Promise<RateLimits> | undefined;

/** This process's limits, counted in Redis or the app's database (every instance on it counts together). */
export function getRateLimits(): Promise<RateLimits> {
  const starting = (limits ??= limitsStore().then((store) => createRateLimits(store, RATE_LIMITS)));
  // A failed start must not be cached: the next request tries again.
  starting.catch(() => {
    if (limits === starting) limits = undefined;
  });
  return starting;
}

const REDIS_CLIENT = Symbol.for("lotus-bazaar.rate-limit-redis");
type WithRedis = typeof globalThis & { [REDIS_CLIENT]?: Redis };

async function limitsStore(): Promise<RateLimitStore> {
  const url = getEnv().redisUrl;
  if (!url) return { db: await getDatabase() };
  // One connection per process (on globalThis: the route bundles share it).
  const shared = globalThis as WithRedis;
  const redis = (shared[REDIS_CLIENT] ??= connectRateLimitRedis(url.reveal()));
  // The first limits of a process wait a moment for the connection, so that its first
  // requests are counted too (an error instead means Redis is down: the limits then let requests through).
  if (redis.status !== "ready") await Promise.race([once(redis, "ready").catch(() => undefined), delay(2_000)]);
  return { redis, keyPrefix: REDIS_KEY_PREFIX };
}

/** The address of the caller of the server action (or route) being run, when it can be known. */
export async function callerAddress(): Promise<string | undefined> {
  return clientAddress(await headers(), getEnv().trustProxyHops);
}
