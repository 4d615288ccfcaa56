import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDatabase, type Database } from "../index";
import { createTestDatabase, testServerUrl } from "./test-database";

/** The base URL the app believes it has in these tests (redirects name it). */
export const PROCESS_APP_URL = "http://shop.test";

/**
 * Points this test process's own app database — getDatabase(), what route handlers and
 * services use when given no context — at a fresh, migrated and seeded one: a new
 * PostgreSQL database with TEST_DATABASE_URL, else a PGlite folder in a temporary
 * directory. The shop runs in sandbox mode (the public UAT keys). Call it before anything
 * reads the environment (getEnv caches it per process); vitest gives each file its own.
 */
export async function useProcessDatabase(): Promise<{ db: Database; release(): Promise<void> }> {
  const serverUrl = testServerUrl();
  Object.assign(process.env, {
    ATOM_MODE: "sandbox",
    APP_URL: PROCESS_APP_URL,
    AUTH_SECRET: "integration-tests-only-auth-secret-0123456789",
    JOBS: "off",
  });
  if (serverUrl) {
    const database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    return { db: await getDatabase(), release: () => database.destroy() };
  }
  const folder = mkdtempSync(path.join(tmpdir(), "shop-process-db-"));
  process.env.PGLITE_DIR = path.join(folder, "pglite");
  return {
    db: await getDatabase(),
    async release() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
