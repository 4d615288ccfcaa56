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
  /** PostgreSQL only: named prepared statements (see preparingStatements); off behind a transaction-mode pooler. */
  preparedStatements?: boolean;
  /** PostgreSQL only: called for each statement sent, with its parameters (a benchmark counts round trips with it). */
  onQuery?: (parameters: readonly unknown[]) => void;
}

export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  const handle = options.url ? openPostgres(options.url, options) : openPglite(options.pgliteDir);
  collectAfterCommit(handle.db);
  return handle;
}

/** The extensions every embedded database loads: pg_trgm backs the admin's search by a fragment of an email (migration 0010 creates it). */
export const PGLITE_EXTENSIONS = { pg_trgm };

function openPglite(dataDir: string | undefined): DatabaseHandle {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({ dataDir, extensions: PGLITE_EXTENSIONS });
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

function openPostgres(url: string, options: OpenDatabaseOptions): DatabaseHandle {
  const onQuery = options.onQuery;
  const pool = postgres(url, {
    max: options.poolMax ?? 10,
    onnotice: () => {},
    ...(onQuery ? { debug: (_connection: number, _query: string, parameters: unknown[]) => onQuery(parameters) } : {}),
  });
  const client = options.preparedStatements === false ? pool : preparingStatements(pool);
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
    close: () => pool.end({ timeout: 5 }),
  };
}

/**
 * Drizzle sends every statement unnamed (postgres.js `prepare: false`), and postgres.js then
 * sends one with parameters in two round trips (Parse + Describe, wait for the parameter
 * types, then Bind + Execute), parsed and planned by the server each time. Named prepared
 * statements cost that only on a connection's first use of a statement; afterwards one round
 * trip (Bind + Execute), no parsing, and a cached plan. This wraps the client (and each
 * transaction's and savepoint's) so that every statement is prepared. Each connection keeps
 * its statements for its lifetime: a transaction-mode pooler (PgBouncer before 1.21, or
 * without max_prepared_statements) hands statements to the wrong server connection, so there
 * turn it off (DATABASE_PREPARED_STATEMENTS=off).
 */
function preparingStatements(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe")
        return (
          query: string,
          parameters?: postgres.ParameterOrJSON<never>[],
          queryOptions?: postgres.UnsafeQueryOptions,
        ) => target.unsafe(query, parameters, { ...queryOptions, prepare: true });
      if (property === "begin" || property === "savepoint")
        return (...args: unknown[]) => {
          const work = args.pop() as (inner: postgres.Sql) => unknown;
          const method = Reflect.get(target, property) as (...all: unknown[]) => unknown;
          return method.call(target, ...args, (inner: postgres.Sql) => work(preparingStatements(inner)));
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
