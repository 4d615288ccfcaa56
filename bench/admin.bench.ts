/**
 * The admin's reads on a big shop (issue 15, aim 6): every list, search, filter, sort, a
 * deep page, the order page, the refunds page, needs-attention, the outbox, products,
 * stock, jobs and the dashboard, each timed beside its baseline in the same run and
 * EXPLAINed. Two scratch databases are filled alike by SQL (bench/fill-shop.ts): the
 * subject, migrated to the latest, read by the app's own functions; the baseline without
 * migration 0010's indexes, read by the same functions or, for the orders and refunds
 * lists, by their query shapes before keyset paging (bench/admin-baseline.ts, labelled).
 * Rounds alternate: baseline, subject, baseline, subject…
 * Run: npm run bench:admin   (100,000 orders, 300,000 timeline events, 20,000 refunds on PostgreSQL)
 * Options: --smoke (2,000 orders on an in-memory PGlite, or PostgreSQL with --postgres; fails only
 * if a read errors), --orders N --refunds N --repeat N, --postgres URL (BENCH_DATABASE_URL),
 * --pglite (PGlite instead of PostgreSQL). Scratch databases are dropped afterwards.
 */
import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { createScratchDatabase } from "@/db/testing/create-scratch-database";
import * as appSchema from "@/db/schema";
import * as sandboxSchema from "@/db/sandbox-schema";
import { cursorParam } from "@/lib/admin/filters";
import { listAttentionForAdmin } from "@/lib/admin/list-attention";
import { listNotificationsForAdmin, parseNotificationListFilters } from "@/lib/admin/list-notifications";
import { listProductsForAdmin, parseProductListFilters } from "@/lib/admin/list-products";
import { parseOrderListFilters } from "@/lib/admin/order-list-filters";
import { getOrderForAdmin, listOrdersForAdmin } from "@/lib/admin/orders";
import { readDashboard } from "@/lib/admin/read-dashboard";
import { listRefundsForAdmin, parseRefundListFilters } from "@/lib/admin/refunds";
import { listStockForAdmin } from "@/lib/admin/stock";
import type { SessionUser } from "@/lib/auth/session";
import { listJobStatus } from "@/lib/jobs/run-jobs";
import { baselineListOrders, baselineListRefunds } from "./admin-baseline";
import { fillShop, jobContext } from "./fill-shop";
import { percentile } from "./percentile";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    orders: { type: "string" },
    refunds: { type: "string" },
    repeat: { type: "string" },
    postgres: { type: "string", default: process.env.BENCH_DATABASE_URL },
    pglite: { type: "boolean", default: false },
  },
});
const smoke = options.smoke;
const orderCount = Number(options.orders ?? (smoke ? 2_000 : 100_000));
const refundCount = Number(options.refunds ?? Math.round(orderCount / 5));
const repeat = Number(options.repeat ?? (smoke ? 3 : 50));
const WARM_UP = smoke ? 1 : 5;
// Smoke runs need no server (CI); a full run wants PostgreSQL unless --pglite.
const serverUrl = options.pglite
  ? null
  : (options.postgres ?? (smoke ? null : "postgres://postgres@127.0.0.1:5432/postgres"));
const admin: SessionUser = { id: randomUUID(), email: "bench@example.test", name: null, role: "admin" };
const schema = { ...appSchema, ...sandboxSchema };

// Migration 0010's indexes, dropped from the baseline database; the two it replaced come back.
const BASELINE_SCHEMA = `
  drop index orders_created_id_idx; drop index orders_total_id_idx; drop index orders_refunded_id_idx;
  drop index orders_status_id_idx; drop index orders_email_id_idx; drop index orders_email_trgm_idx;
  drop index orders_payment_method_created_idx; drop index orders_needs_review_idx; drop index refunds_created_id_idx;
  drop index refunds_status_amount_idx;
  create index orders_created_idx on orders (created_at); create index orders_email_idx on orders (email);`;
const INDEXES_0010 = [
  "orders_created_id_idx",
  "orders_total_id_idx",
  "orders_refunded_id_idx",
  "orders_status_id_idx",
  "orders_email_id_idx",
  "orders_email_trgm_idx",
  "orders_payment_method_created_idx",
  "orders_needs_review_idx",
  "refunds_created_id_idx",
  "refunds_status_amount_idx",
];

/** A scratch database: the app's handle, a raw way to run EXPLAIN, and a drizzle that logs what it runs. */
interface Scratch {
  db: Database;
  explain(query: string, params: unknown[]): Promise<string>;
  run(query: string): Promise<Array<Record<string, unknown>>>;
  logging(logger: Logger): Database;
  destroy(): Promise<void>;
}

async function openScratch(role: string): Promise<Scratch> {
  if (serverUrl === null) {
    const handle: DatabaseHandle = openDatabase({});
    await handle.migrate();
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    return {
      db: handle.db,
      explain: async (query, params) =>
        (await client.query<Record<string, string>>(`explain ${query}`, params)).rows
          .map((row) => row["QUERY PLAN"])
          .join("\n"),
      run: async (query) => ((await client.exec(query)).at(-1)?.rows ?? []) as Array<Record<string, unknown>>,
      logging: (logger) => drizzlePglite({ client, schema, logger }) as unknown as Database,
      destroy: () => handle.close(),
    };
  }
  const scratch = await createScratchDatabase(serverUrl, `perf_admin_bench_${role}`);
  const handle = openDatabase({ url: scratch.url, poolMax: 10 });
  const raw = postgres(scratch.url, { max: 2, onnotice: () => {} });
  const destroy = async () => {
    await handle.close();
    await raw.end();
    await scratch.drop();
  };
  try {
    await handle.migrate();
  } catch (error) {
    await destroy();
    throw error;
  }
  return {
    db: handle.db,
    explain: async (query, params) =>
      (await raw.unsafe<Array<Record<string, string>>>(`explain ${query}`, params as postgres.ParameterOrJSON<never>[]))
        .map((row) => row["QUERY PLAN"])
        .join("\n"),
    run: async (query) => [...(await raw.unsafe(query))] as Array<Record<string, unknown>>,
    logging: (logger) => drizzlePostgres({ client: raw, schema, logger }) as unknown as Database,
    destroy,
  };
}

interface Timing {
  median: number;
  p95: number;
}

function summarise(samples: number[]): Timing {
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

interface Read {
  name: string;
  subject: (db: Database) => Promise<unknown>;
  baseline: (db: Database) => Promise<unknown>;
}

/** Every read the admin pages make, with what each is compared to. */
function adminReads(
  deep: { page: number; after: string },
  refundDeep: { page: number; after: string },
  orderId: string,
) {
  const same = (run: (db: Database) => Promise<unknown>) => ({ subject: run, baseline: run });
  const ordersRead = (name: string, params: Record<string, string>): Read => ({
    name,
    subject: (db) => listOrdersForAdmin(db, admin, parseOrderListFilters(params)),
    baseline: (db) => baselineListOrders(db, parseOrderListFilters(params), 1),
  });
  const n = Math.floor(orderCount * 0.4242);
  const dayAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const reads: Read[] = [
    ordersRead("orders: first page", {}),
    ordersRead("orders: search email fragment", { q: `bench-${n}` }),
    ordersRead("orders: search merchTxnId (an attempt's)", { q: `B${n}-1` }),
    ordersRead("orders: search atomTxnId", { q: `A${n}` }),
    ordersRead("orders: status paid", { status: "paid" }),
    ordersRead("orders: status pending", { status: "pending" }),
    ordersRead("orders: needs attention", { attention: "1" }),
    ordersRead("orders: method UPI", { method: "UP" }),
    ordersRead("orders: total ₹400–₹420", { min: "400", max: "420" }),
    ordersRead("orders: one day", { from: dayAgo, to: dayAgo }),
    ordersRead("orders: sort placed asc", { sort: "placed", dir: "asc" }),
    ordersRead("orders: sort total desc", { sort: "total", dir: "desc" }),
    ordersRead("orders: sort refunded desc", { sort: "refunded", dir: "desc" }),
    ordersRead("orders: sort status asc", { sort: "status", dir: "asc" }),
    ordersRead("orders: sort email asc", { sort: "email", dir: "asc" }),
    {
      name: `orders: page ${deep.page} (keyset vs OFFSET)`,
      subject: (db) => listOrdersForAdmin(db, admin, parseOrderListFilters({ after: deep.after })),
      baseline: (db) => baselineListOrders(db, parseOrderListFilters({}), deep.page),
    },
    { name: "order page", ...same((db) => getOrderForAdmin(db, admin, orderId)) },
    {
      name: "refunds: first page + totals",
      subject: (db) => listRefundsForAdmin(db, admin, parseRefundListFilters({})),
      baseline: (db) => baselineListRefunds(db, parseRefundListFilters({}), 1),
    },
    {
      name: "refunds: search email fragment",
      subject: (db) => listRefundsForAdmin(db, admin, parseRefundListFilters({ q: `bench-${n}` })),
      baseline: (db) => baselineListRefunds(db, parseRefundListFilters({ q: `bench-${n}` }), 1),
    },
    {
      name: "refunds: status completed",
      subject: (db) => listRefundsForAdmin(db, admin, parseRefundListFilters({ status: "completed" })),
      baseline: (db) => baselineListRefunds(db, parseRefundListFilters({ status: "completed" }), 1),
    },
    {
      name: `refunds: page ${refundDeep.page} (keyset vs OFFSET)`,
      subject: (db) => listRefundsForAdmin(db, admin, parseRefundListFilters({ after: refundDeep.after })),
      baseline: (db) => baselineListRefunds(db, parseRefundListFilters({}), refundDeep.page),
    },
    { name: "needs attention", ...same((db) => listAttentionForAdmin(db, admin)) },
    {
      name: "outbox (notifications)",
      ...same((db) => listNotificationsForAdmin(db, admin, parseNotificationListFilters({}))),
    },
    { name: "products", ...same((db) => listProductsForAdmin(db, admin, parseProductListFilters({}))) },
    { name: "stock", ...same((db) => listStockForAdmin(db, admin)) },
    { name: "jobs", ...same((db) => listJobStatus(jobContext(db))) },
    { name: "dashboard 24h", ...same((db) => readDashboard(db, admin, "24h")) },
    { name: "dashboard 7d", ...same((db) => readDashboard(db, admin, "7d")) },
  ];
  return reads;
}

// The big tables: at scale, a read that scans one of them whole is the kind issue 15 names.
const BIG_TABLES = ["orders", "payment_events", "refunds", "payment_attempts"];

/** The plan of every statement a read runs, and which indexes they use; "seq scan" names a big table read whole. */
async function explainRead(scratch: Scratch, read: Read): Promise<{ indexes: string[]; seqScans: string[] }> {
  const statements: Array<{ query: string; params: unknown[] }> = [];
  await read.subject(scratch.logging({ logQuery: (query, params) => statements.push({ query, params }) }));
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  for (const { query, params } of statements) {
    const plan = await scratch.explain(query, params);
    for (const match of plan.matchAll(
      /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g,
    ))
      indexes.add(match[1]!);
    for (const match of plan.matchAll(/Seq Scan on (\w+)/g))
      if (BIG_TABLES.includes(match[1]!)) seqScans.add(match[1]!);
  }
  return { indexes: [...indexes].sort(), seqScans: [...seqScans].sort() };
}

async function sizeOfIndexes(scratch: Scratch): Promise<Array<{ name: string; size: string }>> {
  const rows = await scratch.run(`
    select indexrelname as name, pg_size_pretty(pg_relation_size(indexrelid)) as size
    from pg_stat_user_indexes where indexrelname in (${INDEXES_0010.map((name) => `'${name}'`).join(", ")})
    order by indexrelname`);
  return rows.map((row) => ({ name: String(row.name), size: String(row.size) }));
}

const baseline = await openScratch("baseline");
const subject = await openScratch("subject");
let errors = 0;
try {
  await baseline.run(BASELINE_SCHEMA);
  const fillSeconds: Record<string, number> = {};
  for (const [label, scratch] of [
    ["baseline (without 0010's indexes)", baseline],
    ["subject (with them)", subject],
  ] as const) {
    const started = performance.now();
    await fillShop(scratch.db, { orders: orderCount, refunds: refundCount, timeline: true });
    fillSeconds[label] = (performance.now() - started) / 1000;
    console.error(`${label}: filled in ${fillSeconds[label]!.toFixed(1)} s`);
  }
  const [counts] = await subject.run(`select (select count(*) from orders) as orders,
    (select count(*) from payment_attempts) as attempts, (select count(*) from payment_events) as events,
    (select count(*) from refunds) as refunds`);

  // The deep pages' cursors: the row before page N, found once (untimed) as the Next links would.
  const pageAt = (rows: number, wanted: number) => Math.max(2, Math.min(wanted, Math.floor(rows / 20) - 1));
  const deepPage = pageAt(Number(counts!.orders), 4000);
  const refundPage = pageAt(Number(counts!.refunds), 500);
  const cursorAt = async (table: string, page: number) => {
    const [row] = await subject.run(`select id, cast(created_at as text) as key from ${table}
      order by created_at desc, id desc offset ${(page - 1) * 20 - 1} limit 1`);
    return cursorParam({ id: String(row!.id), key: String(row!.key) })!;
  };
  const [refunded] = await subject.run(`select order_id from refunds order by created_at desc limit 1`);
  const reads = adminReads(
    { page: deepPage, after: await cursorAt("orders", deepPage) },
    { page: refundPage, after: await cursorAt("refunds", refundPage) },
    String(refunded!.order_id),
  );
  // The order page reads one order: the baseline database has its own ids; the same position is taken.
  const [baselineRefunded] = await baseline.run(`select order_id from refunds order by created_at desc limit 1`);
  const orderPage = reads.find((read) => read.name === "order page")!;
  orderPage.baseline = (db) => getOrderForAdmin(db, admin, String(baselineRefunded!.order_id));

  const results: Array<{ read: Read; before?: Timing; after?: Timing; indexes: string[]; seqScans: string[] }> = [];
  for (const read of reads) {
    try {
      for (let i = 0; i < WARM_UP; i += 1) {
        await read.baseline(baseline.db);
        await read.subject(subject.db);
      }
      const before: number[] = [];
      const after: number[] = [];
      for (let i = 0; i < repeat; i += 1) {
        before.push(await timed(() => read.baseline(baseline.db)));
        after.push(await timed(() => read.subject(subject.db)));
      }
      const plan = await explainRead(subject, read);
      results.push({ read, before: summarise(before), after: summarise(after), ...plan });
      console.error(`${read.name}: done`);
    } catch (error) {
      errors += 1;
      console.error(`${read.name}: FAILED`, error);
      results.push({ read, indexes: [], seqScans: [] });
    }
  }
  const indexSizes = await sizeOfIndexes(subject);

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const ms = (value: number | undefined) => (value === undefined ? "error" : `${value.toFixed(1)} ms`);
  console.log(
    `${serverUrl === null ? "PGlite (in memory)" : "PostgreSQL"}; ${Number(counts!.orders).toLocaleString("en-US")} orders, ` +
      `${Number(counts!.attempts).toLocaleString("en-US")} attempts, ${Number(counts!.events).toLocaleString("en-US")} ` +
      `payment events, ${Number(counts!.refunds).toLocaleString("en-US")} refunds`,
  );
  console.log(
    `Node ${process.version}, ${cpus().length} cores (${cpu}); load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")}; ${repeat} timed runs per read after ${WARM_UP} warm-up, baseline and subject alternating\n`,
  );
  console.log(
    "| Read | before median | before p95 | after median | after p95 | p95 ratio | indexes (EXPLAIN) | verdict |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---|---|");
  for (const { read, before, after, indexes, seqScans } of results) {
    const ratio = before && after ? `${(after.p95 / before.p95).toFixed(2)}×` : "—";
    const verdict =
      before === undefined
        ? "ERROR"
        : seqScans.length > 0
          ? `seq scan on ${seqScans.join(", ")}`
          : after!.p95 < 50
            ? "index, < 50 ms"
            : "index, ≥ 50 ms";
    console.log(
      `| ${read.name} | ${ms(before?.median)} | ${ms(before?.p95)} | ${ms(after?.median)} | ${ms(after?.p95)} | ${ratio} | ${indexes.join(", ") || "—"} | ${verdict} |`,
    );
  }
  console.log("\n| Index (migration 0010) | size |");
  console.log("|---|---:|");
  for (const { name, size } of indexSizes) console.log(`| ${name} | ${size} |`);
  console.log(
    `\nFill (the same SQL inserts): ${Object.entries(fillSeconds)
      .map(([label, seconds]) => `${label} ${seconds.toFixed(1)} s`)
      .join("; ")}`,
  );
} finally {
  await subject.destroy();
  await baseline.destroy();
}
if (errors > 0) {
  console.error(`${errors} read(s) failed`);
  process.exit(1);
}
