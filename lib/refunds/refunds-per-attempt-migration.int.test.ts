import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGLITE_EXTENSIONS } from "@/db/client";
import { createScratchDatabase } from "@/db/testing/create-scratch-database";
import { testServerUrl } from "@/db/testing/test-database";

// 0003_refunds_per_attempt gives every existing refund the payment attempt it was sent
// against. Rows of the old shape can only be written before it runs, so this test stops
// the migrations just before it, writes them, then runs the rest.

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const BEFORE = "0003_refunds_per_attempt";

interface EmptyDatabase {
  run(query: string): Promise<Array<Record<string, unknown>>>;
  migrate(folder: string): Promise<void>;
  destroy(): Promise<void>;
}

async function emptyDatabase(): Promise<EmptyDatabase> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
    const db = drizzlePglite({ client });
    return {
      run: async (query) => ((await client.exec(query)).at(-1)?.rows ?? []) as Array<Record<string, unknown>>,
      migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
      destroy: () => client.close(),
    };
  }
  const scratch = await createScratchDatabase(serverUrl, "shop_migration");
  const client = postgres(scratch.url, { max: 1, onnotice: () => {} });
  const db = drizzlePostgres({ client });
  return {
    run: async (query) => [...(await client.unsafe(query))] as Array<Record<string, unknown>>,
    migrate: (folder) => migratePostgres(db, { migrationsFolder: folder }),
    async destroy() {
      await client.end();
      await scratch.drop();
    },
  };
}

/** A copy of the migrations folder that ends just before `tag`. */
async function migrationsBefore(tag: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "shop-migrations-"));
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  const entries = journal.entries.slice(
    0,
    journal.entries.findIndex((entry) => entry.tag === tag),
  );
  await mkdir(path.join(folder, "meta"));
  await writeFile(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const entry of entries)
    await copyFile(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

let database: EmptyDatabase;
let oldMigrations: string;

beforeAll(async () => {
  database = await emptyDatabase();
  oldMigrations = await migrationsBefore(BEFORE);
});
afterAll(async () => {
  await database?.destroy();
  if (oldMigrations) await rm(oldMigrations, { recursive: true, force: true });
});

describe(`migration ${BEFORE} (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("gives each existing refund the attempt that paid its order, then requires one", async () => {
    await database.migrate(oldMigrations);
    expect(
      await database.run(
        `select 1 from information_schema.columns where table_name = 'refunds' and column_name = 'attempt_id'`,
      ),
    ).toEqual([]);

    // Order A: a failed attempt, then the paying one, then a duplicate payment.
    // Order B: its atomTxnId matches no attempt; the refund code then named the order's merchTxnId.
    await database.run(`
      insert into orders (id, email, mobile, merch_txn_id, total_amount, refunded_amount, status, atom_txn_id) values
        ('00000000-0000-4000-8000-00000000000a', 'a@example.test', '9876543210', 'T-A-DUP', 10000, 3000, 'paid', '9000000001'),
        ('00000000-0000-4000-8000-00000000000b', 'b@example.test', '9876543210', 'T-B-1', 5000, 5000, 'refunded', '9000000099');
      insert into payment_attempts (id, order_id, merch_txn_id, merch_txn_date, amount, status, atom_txn_id, created_at) values
        ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-00000000000a', 'T-A-FAILED', now(), 10000, 'payment_failed', '9000000000', now() - interval '3 minutes'),
        ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-00000000000a', 'T-A-PAID', now(), 10000, 'completed', '9000000001', now() - interval '2 minutes'),
        ('00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-00000000000a', 'T-A-DUP', now(), 10000, 'completed', '9000000002', now() - interval '1 minute'),
        ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-00000000000b', 'T-B-1', now(), 5000, 'completed', null, now());
      insert into refunds (id, order_id, refund_amount, prod_refund_id, status, reason) values
        ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-00000000000a', 1000, 'RFOLD1', 'completed', 'Dented'),
        ('00000000-0000-4000-8000-0000000000f2', '00000000-0000-4000-8000-00000000000a', 2000, 'RFOLD2', 'processing', 'Late'),
        ('00000000-0000-4000-8000-0000000000f3', '00000000-0000-4000-8000-00000000000b', 5000, 'RFOLD3', 'completed', 'Returned');
    `);

    await database.migrate(MIGRATIONS);

    expect(await database.run(`select id, attempt_id from refunds order by id`)).toEqual([
      { id: "00000000-0000-4000-8000-0000000000f1", attempt_id: "00000000-0000-4000-8000-0000000000a2" },
      { id: "00000000-0000-4000-8000-0000000000f2", attempt_id: "00000000-0000-4000-8000-0000000000a2" },
      { id: "00000000-0000-4000-8000-0000000000f3", attempt_id: "00000000-0000-4000-8000-0000000000b1" },
    ]);
    await expect(
      database.run(
        `insert into refunds (order_id, refund_amount, prod_refund_id, reason) values ('00000000-0000-4000-8000-00000000000a', 1, 'RFNEW', 'No attempt')`,
      ),
    ).rejects.toThrow();
    await expect(
      database.run(
        `insert into refunds (order_id, attempt_id, refund_amount, prod_refund_id, reason) values ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-0000000000ff', 1, 'RFNEW', 'Unknown attempt')`,
      ),
    ).rejects.toThrow();
  });
});
