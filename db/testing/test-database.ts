import { openDatabase, type Database } from "../client";
import { createScratchDatabase } from "./create-scratch-database";

export interface TestDatabase {
  db: Database;
  driver: "pglite" | "postgres";
  /** The PostgreSQL database's URL, for another process to open (PGlite's in-memory database has none). */
  url?: string;
  /** Drops everything the test database held. */
  destroy(): Promise<void>;
}

/** The PostgreSQL server integration tests use, if any; otherwise they run on an in-memory PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/**
 * A fresh, migrated database for one test file (or a benchmark): an in-memory PGlite, or a
 * new database created on the PostgreSQL server (and dropped by destroy()). The server is
 * testServerUrl()'s unless one is named; null means PGlite.
 */
export async function createTestDatabase(serverUrl: string | null = testServerUrl() ?? null): Promise<TestDatabase> {
  if (!serverUrl) {
    const handle = openDatabase({});
    await handle.migrate();
    return { db: handle.db, driver: "pglite", destroy: () => handle.close() };
  }
  const scratch = await createScratchDatabase(serverUrl, "shop_test");
  const handle = openDatabase({ url: scratch.url, poolMax: 10 });
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close();
    await scratch.drop();
    throw error;
  }
  return {
    db: handle.db,
    driver: "postgres",
    url: scratch.url,
    async destroy() {
      await handle.close();
      await scratch.drop();
    },
  };
}
