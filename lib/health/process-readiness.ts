import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { createReadinessCheck, openPostgresPing, type Readiness } from "./check-readiness";

/** A probe answer older than this is asked again; a ping slower than the timeout fails it. */
export const READINESS_CACHE_MS = 1_000;
export const READINESS_TIMEOUT_MS = 1_000;

// On globalThis: every route bundle shares the one connection (and the one cached answer).
const cache = globalThis as unknown as { __shopReadiness?: () => Promise<Readiness> };

/**
 * Whether this instance's database answers, as /api/health reports it. On PostgreSQL, over
 * one connection of the readiness check's own (beside the pool: see README's sizing); the
 * embedded PGlite is one engine in this process, so there the ping shares it.
 */
export function checkReadiness(): Promise<Readiness> {
  cache.__shopReadiness ??= createProcessReadinessCheck();
  return cache.__shopReadiness();
}

function createProcessReadinessCheck(): () => Promise<Readiness> {
  const url = getEnv().databaseUrl;
  if (url === undefined) {
    return createReadinessCheck({
      ping: async () => (await getDatabase()).execute(sql`select 1`),
      timeoutMs: READINESS_TIMEOUT_MS,
      cacheMs: READINESS_CACHE_MS,
    });
  }
  const postgresPing = openPostgresPing(url, READINESS_TIMEOUT_MS);
  return createReadinessCheck({
    ping: postgresPing.ping,
    timeoutMs: READINESS_TIMEOUT_MS,
    cacheMs: READINESS_CACHE_MS,
    onTimeout: postgresPing.reset,
  });
}
