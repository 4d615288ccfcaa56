import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
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
  /**
   * PostgreSQL: prepare every statement (see preparingStatements). Off behind a pooler in
   * transaction mode that does not keep prepared statements (PgBouncer before 1.21, or
   * without max_prepared_statements). Default on.
   */
  prepare?: boolean;
}

export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  const handle = options.url
    ? openPostgres(options.url, options.poolMax ?? 10, options.prepare ?? true)
    : openPglite(options.pgliteDir);
  collectAfterCommit(handle.db);
  return handle;
}

function openPglite(dataDir: string | undefined): DatabaseHandle {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

function openPostgres(url: string, poolMax: number, prepare: boolean): DatabaseHandle {
  const pool = postgres(url, { max: poolMax, onnotice: () => {} });
  const client = prepare ? preparingStatements(pool) : pool;
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

type Unsafe = postgres.Sql["unsafe"];
type Transactor = (...args: [string, TransactionWork] | [TransactionWork]) => Promise<unknown>;
type TransactionWork = (sql: postgres.TransactionSql) => unknown;

/**
 * Drizzle runs every query through postgres.js's `unsafe` with `prepare: false` unless it was
 * `.prepare(name)`d: an unnamed statement, parsed, analysed and planned on every run. This
 * makes `unsafe` prepare them all, in the pool and in its transactions and savepoints:
 * postgres.js then names each statement on its connection by its text and types, the first
 * run parses it, later runs only bind and execute. The statements live as long as their
 * connection (postgres.js replaces connections after max_lifetime, 30–60 minutes).
 */
function preparingStatements<S extends postgres.Sql | postgres.TransactionSql>(sql: S): S {
  const unsafe: Unsafe = sql.unsafe;
  sql.unsafe = ((query, parameters, options) => unsafe(query, parameters, { ...options, prepare: true })) as Unsafe;
  const wrap = (open: Transactor): Transactor =>
    ((...args: [string, TransactionWork] | [TransactionWork]) => {
      const work = args[args.length - 1] as TransactionWork;
      const inner: TransactionWork = (tx) => work(preparingStatements(tx));
      return args.length === 2 ? open(args[0], inner) : open(inner);
    }) as Transactor;
  if ("savepoint" in sql) {
    const transaction = sql as postgres.TransactionSql;
    transaction.savepoint = wrap(
      transaction.savepoint as unknown as Transactor,
    ) as unknown as typeof transaction.savepoint;
  } else {
    sql.begin = wrap(sql.begin as unknown as Transactor) as unknown as typeof sql.begin;
  }
  return sql;
}
