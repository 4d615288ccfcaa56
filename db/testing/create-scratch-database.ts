import { randomBytes } from "node:crypto";
import postgres from "postgres";

// A database of its own on a PostgreSQL server, empty, for one test file, benchmark or soak
// run, so that what it checks sees only its own rows; drop() removes it. Migrating or seeding
// it is the caller's.

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * `prefix` names who made it: lowercase letters, digits and underscores, so that the name needs
 * no escaping and stays within PostgreSQL's 63 characters once the time to the second and
 * random hex are added (unique per call).
 */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  if (!/^[a-z][a-z0-9_]{0,38}$/.test(prefix)) throw new Error(`not a scratch database prefix: ${prefix}`);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const name = `${prefix}_${stamp}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, (admin) => admin.unsafe(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // "with (force)" ends connections a killed process may have left behind.
    drop: () => onServer(serverUrl, (admin) => admin.unsafe(`drop database if exists "${name}" with (force)`)),
  };
}

async function onServer(serverUrl: string, run: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}
