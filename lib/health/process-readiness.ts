import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { openPostgresPing } from "@/db/ping-database";
import { getEnv } from "@/lib/env";
import { createReadinessCheck, READINESS_CACHE_MS, READINESS_TIMEOUT_MS, type Readiness } from "./check-readiness";

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
