/**
 * The admin dashboard's reads on a big shop: readDashboard (both windows) and the jobs'
 * status it shows, on PostgreSQL and on PGlite, for a shop of 100,000 orders spread over 30
 * days and, as the same run's baseline, one of 1,000.
 * Run: npm run bench:dashboard   (prints a Markdown table for BENCHMARKS.md)
 * Options: --orders 100000 --baseline 1000 --repeat 30 --postgres <server URL> (BENCH_DATABASE_URL),
 * --no-postgres, --smoke (CI: a 300-order shop and a 30-order baseline, 3 runs per read: checks the
 * reads work, not their speed). A scratch database is created on the server and dropped afterwards.
 */
import { randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "@/db/testing/test-database";
import { readDashboard, type DashboardWindow } from "@/lib/admin/read-dashboard";
import type { SessionUser } from "@/lib/auth/session";
import { listJobStatus } from "@/lib/jobs/run-jobs";
import { fillShop, jobContext } from "./fill-shop";
import { percentile } from "./percentile";

const { values: options } = parseArgs({
  options: {
    orders: { type: "string", default: "100000" },
    baseline: { type: "string", default: "1000" },
    repeat: { type: "string", default: "30" },
    postgres: {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    "no-postgres": { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
  },
});
const sizes = options.smoke ? [30, 300] : [Number(options.baseline), Number(options.orders)];
const repeat = options.smoke ? 3 : Number(options.repeat);
const admin: SessionUser = { id: randomUUID(), email: "bench@example.test", name: null, role: "admin" };

interface Timing {
  median: number;
  p95: number;
  min: number;
}

// Runs before timing: the database's plans and caches, and V8's compiled code, settle.
const WARM_UP = 10;

async function time(run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARM_UP; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < repeat; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), min: Math.min(...samples) };
}

interface Row {
  database: string;
  orders: number;
  attempts: number;
  read: string;
  timing: Timing;
}

async function benchDatabase(label: string, serverUrl: string | null, rows: Row[]): Promise<void> {
  for (const orders of sizes) {
    const database = await createTestDatabase(serverUrl);
    try {
      const filling = performance.now();
      await fillShop(database.db, { orders });
      const [counted] = await database.db
        .select({ attempts: sql<number>`(select count(*) from payment_attempts)::int`.mapWith(Number) })
        .from(sql`(values (1)) as once (one)`);
      const attempts = counted!.attempts;
      console.error(
        `${label}: ${orders} orders, ${attempts} attempts filled in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
      );
      for (const window of ["24h", "7d"] as DashboardWindow[]) {
        const timing = await time(() => readDashboard(database.db, admin, window));
        rows.push({ database: label, orders, attempts, read: `readDashboard ${window}`, timing });
      }
      const context = jobContext(database.db);
      rows.push({
        database: label,
        orders,
        attempts,
        read: "listJobStatus",
        timing: await time(() => listJobStatus(context)),
      });
    } finally {
      await database.destroy();
    }
  }
}

const rows: Row[] = [];
if (!options["no-postgres"]) await benchDatabase("PostgreSQL", options.postgres, rows);
await benchDatabase("PGlite", null, rows);

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(`Node ${process.version}, ${cpus().length} cores (${cpu}), ${process.platform}/${process.arch}`);
console.log(`${repeat} timed runs per read after ${WARM_UP} warm-up runs\n`);
console.log("| Database | Orders | Attempts | Read | median | p95 | min |");
console.log("|---|---:|---:|---|---:|---:|---:|");
const ms = (value: number) => `${value.toFixed(1)} ms`;
for (const row of rows) {
  console.log(
    `| ${row.database} | ${row.orders.toLocaleString("en-US")} | ${row.attempts.toLocaleString("en-US")} | ${row.read} | ${ms(row.timing.median)} | ${ms(row.timing.p95)} | ${ms(row.timing.min)} |`,
  );
}
