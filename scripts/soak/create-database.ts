import postgres from "postgres";

// Each run gets a database of its own on the given server, so the invariants see only
// this run's rows; it is dropped afterwards unless --keep-database.

export interface SoakDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** `prefix` names who made it (a benchmark's scratch databases too); unique per prefix, second and process. */
export async function createSoakDatabase(serverUrl: string, prefix = "soak"): Promise<SoakDatabase> {
  const name = `${prefix}_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        // "with (force)" ends connections a killed instance may have left behind.
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
