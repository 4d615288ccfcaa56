import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { collectAfterCommit } from "./after-commit";
import * as appSchema from "./schema";
import * as sandboxSchema from "./sandbox-schema";

const schema = { ...appSchema, ...sandboxSchema };
export type Schema = typeof schema;
/** The one database type the rest of the app sees, whichever driver runs underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that can run queries: the database itself or a transaction inside it. */
export type Queryable = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  migrate(): Promise<void>;
  close(): Promise<void>;
}

// Resolved from the project root (where next, vitest and the CLIs run), not the bundle's location.
const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any fixed number: serialises migrations when several instances start together.
const MIGRATION_LOCK_ID = 7_431_150_001;

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent an embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; absent means in memory (tests). */
  pgliteDir?: string;
  poolMax?: number;
}

export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  const handle = options.url ? openPostgres(options.url, options.poolMax ?? 10) : openPglite(options.pgliteDir);
  collectAfterCommit(handle.db);
  return handle;
}

function openPglite(dataDir: string | undefined): DatabaseHandle {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // pg_trgm backs the admin's search by a fragment of an email (migration 0010 creates it).
  const client = new PGlite({ dataDir, extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

function openPostgres(url: string, poolMax: number): DatabaseHandle {
  const client = postgres(url, { max: poolMax, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema });
  return {
    db: db as unknown as Database,
    driver: "postgres",
    async migrate() {
      // One connection, so the advisory lock and the migration share a session.
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres({ client: lockClient }), { migrationsFolder });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
      } finally {
        await lockClient.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}
