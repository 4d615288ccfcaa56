import "server-only";
import { headers } from "next/headers";
import { getDatabase } from "@/db";
import { clientAddress } from "@/lib/client-address";
import { getEnv } from "@/lib/env";
import { RATE_LIMITS } from "./limits";
import { createRateLimits, type RateLimits } from "./rate-limits";

// Per module instance, not on globalThis: Next loads this module once per route bundle, and
// limits shared across bundles would throw another bundle's RateLimitedError, which this
// bundle's `instanceof` checks (runAction's among them) would not recognise. The counts
// are in the database, so every copy sees the same.
let limits: Promise<RateLimits> | undefined;

/** This process's limits, on the app's database (every instance on it counts together). */
export function getRateLimits(): Promise<RateLimits> {
  const starting = (limits ??= getDatabase().then((db) => createRateLimits(db, RATE_LIMITS)));
  // A failed start must not be cached: the next request tries again.
  starting.catch(() => {
    if (limits === starting) limits = undefined;
  });
  return starting;
}

/** The address of the caller of the server action (or route) being run, when it can be known. */
export async function callerAddress(): Promise<string | undefined> {
  return clientAddress(await headers(), getEnv().trustProxyHops);
}
