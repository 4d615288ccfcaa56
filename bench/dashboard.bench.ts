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
import type { Database } from "@/db";
import { createTestDatabase } from "@/db/testing/test-database";
import { readDashboard, type DashboardWindow } from "@/lib/admin/read-dashboard";
import { createAtomClient } from "@/lib/atom";
import { testAtomConfig } from "@/lib/atom/testing/samples";
import type { SessionUser } from "@/lib/auth/session";
import type { JobContext } from "@/lib/jobs/job-context";
import { JOBS, listJobStatus } from "@/lib/jobs/run-jobs";
import { ABANDONED_CODE } from "@/lib/payments/requery-payment";

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

/**
 * A shop of `orders` orders, placed evenly over the last 30 days: 80 % paid at the first
 * try, 6 % paid after a declined card, 6 % declined, 6 % abandoned, 2 % pending (those
 * older than an hour were abandoned); 5 % of paid orders refunded and 0.3 % with a refused
 * refund; the hourly gateway tables as the calls and messages of such a shop make them
 * (AUTH and callbacks per payment, STATUS requeries, refunds; errors and rejected messages
 * every few hours); 30 open and 200 resolved needs-attention items; the outbox. The
 * timeline (payment_events) is left out: nothing on the dashboard reads it.
 */
async function fillShop(db: Database, orders: number): Promise<void> {
  // A fixed pseudo-random fraction per order (Knuth's multiplicative hash), so runs compare.
  const fraction = (salt: number) => sql.raw(`(((i::bigint + ${salt}) * 2654435761) % 4294967296) / 4294967296.0`);
  await db.execute(sql`
    insert into orders (email, mobile, merch_txn_id, total_amount, status, atom_txn_id, created_at, updated_at, paid_at)
    select 'bench-' || i || '@example.test', '9876543210', 'B' || i, 10000 + (i % 500) * 100,
      case when r < 0.86 then 'paid' when r >= 0.98 and age < interval '1 hour' then 'pending' else 'cancelled' end,
      case when r < 0.86 then 'A' || i end,
      now() - age, now() - age, case when r < 0.86 then now() - age + interval '2 minutes' end
    from (
      select i, ${fraction(0)} as r, interval '30 days' * ((i - 1)::float / ${orders}) as age
      from generate_series(1, ${orders}) as i
    ) as source`);
  const orderSource = sql.raw(`from (select o.*, substring(o.merch_txn_id from 2)::bigint as i from orders o) as o`);
  // First attempts; an order paid after a declined card has its declined one first.
  await db.execute(sql`
    insert into payment_attempts (order_id, merch_txn_id, merch_txn_date, amount, status, status_code, status_message,
      atom_txn_id, next_check_at, created_at, updated_at)
    select o.id, o.merch_txn_id || '-1', o.created_at, o.total_amount,
      case when r < 0.80 then 'completed' when r < 0.92 then 'payment_failed' when o.status = 'pending' then 'token_generated'
        else 'payment_failed' end,
      case when r < 0.80 then 'OTS0000' when r < 0.92 then 'OTS0600' when o.status = 'pending' then null
        else ${ABANDONED_CODE} end,
      case when r < 0.80 then 'SUCCESS' when r < 0.92 then 'Declined by the bank' when o.status = 'pending' then null
        else 'Abandoned: the gateway has no payment for this attempt.' end,
      case when r < 0.80 then o.atom_txn_id when r < 0.92 then 'D' || i end,
      case when o.status = 'pending' then o.created_at + interval '1 minute' end,
      o.created_at, o.created_at + interval '30 seconds'
    from (select o.*, ${fraction(0)} as r ${orderSource}) as o`);
  await db.execute(sql`
    insert into payment_attempts (order_id, merch_txn_id, merch_txn_date, amount, status, status_code, status_message,
      atom_txn_id, created_at, updated_at)
    select o.id, o.merch_txn_id || '-2', o.created_at + interval '2 minutes', o.total_amount, 'completed', 'OTS0000',
      'SUCCESS', o.atom_txn_id, o.created_at + interval '2 minutes', o.created_at + interval '2 minutes'
    from (select o.*, ${fraction(0)} as r ${orderSource}) as o
    where r >= 0.80 and r < 0.86`);
  await db.execute(sql`
    insert into refunds (order_id, attempt_id, refund_amount, prod_refund_id, refund_txn_id, status, reason,
      gateway_status_code, gateway_message, send_count, created_at, updated_at)
    select o.id, a.id, o.total_amount, 'RF' || o.i, case when r2 < 0.05 then 'R' || o.i end,
      case when r2 < 0.05 then 'completed' else 'failed' end, 'Returned by the shopper',
      case when r2 < 0.05 then 'OTS0000' else 'OTS0951' end,
      case when r2 < 0.05 then 'Refunded' else 'Refund refused' end, 1,
      least(now(), o.created_at + interval '1 day'), least(now(), o.created_at + interval '1 day' + interval '1 minute')
    from (select o.*, ${fraction(7)} as r2 ${orderSource}) as o
    join payment_attempts a on a.atom_txn_id = o.atom_txn_id
    where o.status = 'paid' and r2 < 0.053`);

  // The hourly gateway tables: per hour, what `orders / 720` payments an hour make.
  const perHour = orders / 720;
  await db.execute(sql`
    insert into gateway_call_hours (hour, api, outcome, calls, unanswered, duration_ms_total, duration_ms_max)
    select date_trunc('hour', now()) - make_interval(hours => h), api, outcome, calls,
      case when outcome = 'system' then calls else 0 end, calls * (180 + (h % 50) * 6), 400 + (h % 50) * 30
    from generate_series(0, 719) as h
    cross join (values ('AUTH', 'ok', 1.1, 1), ('STATUS', 'ok', 0.6, 1), ('REFUND', 'ok', 0.05, 1),
      ('REFUNDSTATUS', 'ok', 0.1, 1), ('AUTH', 'system', 0.01, 3), ('STATUS', 'system', 0.01, 5),
      ('STATUS', 'validation', 0.005, 7), ('REFUND', 'other', 0.005, 13), ('AUTH', 'signature', 0.002, 50))
      as kind (api, outcome, share, every_hours)
    cross join lateral (select greatest(1, round(${perHour} * share))::int as calls) as volume
    where h % every_hours = 0`);
  await db.execute(sql`
    insert into gateway_message_hours (hour, source, result, rejection, messages)
    select date_trunc('hour', now()) - make_interval(hours => h), source, result, rejection,
      greatest(1, round(${perHour} * share))::int
    from generate_series(0, 719) as h
    cross join (values ('callback', 'applied', 'none', 0.95, 1), ('return', 'applied', 'none', 0.6, 1),
      ('callback', 'duplicate', 'none', 0.2, 1), ('return', 'duplicate', 'none', 0.3, 1),
      ('callback', 'rejected', 'signature', 0.002, 5), ('return', 'rejected', 'malformed', 0.002, 11),
      ('callback', 'rejected', 'unknown_attempt', 0.001, 17)) as kind (source, result, rejection, share, every_hours)
    where h % every_hours = 0`);

  await db.execute(sql`
    insert into attention_items (kind, subject_key, order_id, reason, opened_at, resolved_at, resolution_note)
    select 'order_not_expired', 'order_not_expired:' || id, id, 'Still unpaid past its horizon.', created_at,
      case when n > 30 then created_at + interval '1 hour' end, case when n > 30 then 'Looked into it' end
    from (select id, created_at, row_number() over (order by created_at desc) as n from orders
      where status = 'cancelled' order by created_at desc limit 230) as picked`);
  await db.execute(sql`
    insert into notifications (kind, dedupe_key, order_id, subject, body, status, channel, attempts, sent_at, created_at)
    select 'attention:' || kind, 'attention:' || id, order_id, 'Needs attention', reason,
      case when resolved_at is null then 'pending' else 'sent' end, case when resolved_at is null then null else 'outbox' end,
      1, resolved_at, opened_at
    from attention_items`);
  await db.execute(sql`
    insert into job_runs (name, last_started_at, last_finished_at, last_items, runs)
    select name, now() - interval '3 seconds', now() - interval '2 seconds', 2, 40000
    from unnest(${sql.raw(`array[${JOBS.map((job) => `'${job.name}'`).join(", ")}]`)}) as name`);
  await db.execute(sql`analyze`);
}

function jobContext(db: Database): JobContext {
  return {
    db,
    // listJobStatus never calls the gateway; the client is only the context's shape.
    gateway: createAtomClient(testAtomConfig()),
    merchId: "317157",
    appUrl: "http://shop.test",
    jobs: {
      enabled: true,
      intervalMs: 5_000,
      requerySchedule: [60, 120, 300, 600, 1800, 3600],
      paymentHorizonSeconds: 48 * 3600,
      abandonAfterSeconds: 15 * 60,
      refundSyncSchedule: [60, 120, 300, 600, 1800, 3600],
      refundHorizonSeconds: 48 * 3600,
      consistencyCheckSeconds: 300,
    },
    mail: { smtpUrl: undefined, from: "Lotus Bazaar <shop@test>", notifyEmails: [] },
  };
}

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
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), min: samples[0]! };
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
      await fillShop(database.db, orders);
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
