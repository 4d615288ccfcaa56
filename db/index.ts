import { existsSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getEnv, type AppEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { enterStartupPhase } from "@/lib/startup-phase";
import { openDatabase, type Database, type DatabaseHandle } from "./client";
import { adminPasswordFile, ensureConfiguredAdmin, seedDatabase, type SeedLog } from "./seed";

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
  // Before it is opened: opening an embedded database that does not exist starts creating it.
  const description = databaseDescription(env);
  const handle = openDatabase({
    url: env.databaseUrl,
    pgliteDir: env.pgliteDir,
    poolMax: env.databasePoolMax,
    prepare: env.databasePrepare,
  });
  const ready = (async () => {
    enterStartupPhase("database", description);
    await handle.db.execute(sql`select 1`);
    enterStartupPhase("migrating");
    await handle.migrate();
    const admin =
      env.adminEmail && env.adminPassword ? { email: env.adminEmail, password: env.adminPassword.reveal() } : undefined;
    const seedLog: SeedLog = (message, level) => log[level]({ component: "seed" }, message);
    if (env.seedOnStart) {
      enterStartupPhase("seeding");
      await seedDatabase(handle.db, {
        admin,
        generatedAdmin: env.atom.mode === "sandbox" && { passwordFile: adminPasswordFile(env.dataDir) },
        log: seedLog,
      });
    } else if (admin) {
      // The configured admin exists after every start; the catalog is seeded only when asked (uat, production).
      enterStartupPhase("seeding");
      await ensureConfiguredAdmin(handle.db, admin, seedLog);
    }
    return handle.db;
  })();
  // A failed start is not cached: the next caller tries again (a CLI or a test; the server
  // exits instead, see lib/server-start.ts).
  ready.catch(() => {
    if (cache.__shopDatabase?.ready === ready) cache.__shopDatabase = undefined;
    void handle.close().catch(() => {});
  });
  return { handle, ready };
}

/** Which database the server opens; a first start of the embedded one creates it, which takes several seconds. */
function databaseDescription(env: AppEnv): Record<string, unknown> {
  if (env.databaseUrl !== undefined) return { driver: "postgres" };
  const firstStart = !existsSync(path.join(env.pgliteDir, "PG_VERSION"));
  return {
    driver: "pglite",
    directory: path.relative(process.cwd(), env.pgliteDir) || ".",
    ...(firstStart ? { note: "first start: creating the embedded database takes several seconds" } : {}),
  };
}
