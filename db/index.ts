import { getEnv } from "@/lib/env";
import { openDatabase, type Database, type DatabaseHandle } from "./client";
import { seedDatabase } from "./seed";
import { log } from "@/lib/log";

export type { Database, Queryable, Transaction } from "./client";

interface DatabaseState {
  handle: DatabaseHandle;
  ready: Promise<Database>;
}

// Cached on globalThis so Next's dev reloads reuse one connection pool / PGlite per process.
const cache = globalThis as unknown as { __shopDatabase?: DatabaseState };

/** The app's database, migrated (and seeded where configured) before first use. */
export function getDatabase(): Promise<Database> {
  cache.__shopDatabase ??= startDatabase();
  return cache.__shopDatabase.ready;
}

function startDatabase(): DatabaseState {
  const env = getEnv();
  const handle = openDatabase({ url: env.databaseUrl, pgliteDir: env.pgliteDir, poolMax: env.databasePoolMax });
  const ready = (async () => {
    await handle.migrate();
    if (env.seedOnStart) {
      await seedDatabase(handle.db, {
        admin:
          env.adminEmail && env.adminPassword
            ? { email: env.adminEmail, password: env.adminPassword.reveal() }
            : undefined,
        allowGeneratedAdmin: env.atom.mode === "sandbox",
        log: (message) => log.info({ component: "seed" }, message),
      });
    }
    return handle.db;
  })();
  // A failed start must not be cached: the next request tries again.
  ready.catch(() => {
    if (cache.__shopDatabase?.ready === ready) cache.__shopDatabase = undefined;
    void handle.close().catch(() => {});
  });
  return { handle, ready };
}
