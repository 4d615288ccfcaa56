/**
 * The mutation run's stand-in for db/testing/test-database.ts (swapped in by
 * bench/mutation/vitest.config.ts). Starting an in-memory PGlite runs initdb inside
 * WebAssembly, 5–20 s on this machine, and every mutant re-runs its test files' beforeAll.
 * Here the migrated database is made once, dumped to a file keyed by the migrations, and
 * each test database is loaded from that dump (a few seconds). Same schema, same
 * migrations; only how the empty database comes to be differs. PostgreSQL runs
 * (TEST_DATABASE_URL) go to the real helper unchanged.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Database } from "../../db/client";
import * as appSchema from "../../db/schema";
import * as sandboxSchema from "../../db/sandbox-schema";
import {
  createTestDatabase as createRealTestDatabase,
  testServerUrl,
  type TestDatabase,
} from "../../db/testing/test-database";
import { openDatabase, PGLITE_EXTENSIONS } from "../../db/client";

export { testServerUrl, type TestDatabase };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Set by the stryker configs to the checkout's folder, so every sandbox shares one dump.
const cacheFolder = process.env.MUTATION_PGLITE_CACHE ?? path.join(process.cwd(), "bench", "mutation", ".cache");

/** The dump's file name changes whenever a migration does. */
function templatePath(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const file = path.join(migrationsFolder, name);
    if (name.endsWith(".sql") || name.endsWith(".json")) hash.update(name).update(readFileSync(file));
  }
  return path.join(cacheFolder, `pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function template(): Promise<Blob> {
  const file = templatePath();
  if (!existsSync(file)) {
    const handle = openDatabase({});
    await handle.migrate();
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir("none");
    await handle.close();
    mkdirSync(cacheFolder, { recursive: true });
    // Written aside and renamed, so a parallel worker never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testServerUrl()) return createRealTestDatabase();
  const client = new PGlite({ loadDataDir: await template(), extensions: PGLITE_EXTENSIONS });
  const db = drizzle({ client, schema: { ...appSchema, ...sandboxSchema } }) as unknown as Database;
  return { db, driver: "pglite", destroy: () => client.close() };
}
