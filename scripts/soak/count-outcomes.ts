import type postgres from "postgres";

// What the run left in the database, for the report. The background jobs' tables may
// not exist yet (they are being written beside this soak): each is read only if present,
// and shown as "n/a" otherwise.

/** "status n, status n" of one column's values. */
async function countBy(sql: postgres.Sql, table: string, column: string): Promise<string> {
  const rows = await sql<Array<{ value: string; count: number }>>`
    select ${sql(column)}::text as value, count(*)::int as count from ${sql(table)} group by 1 order by 2 desc`;
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return `${total} (${rows.map((row) => `${row.value} ${row.count}`).join(", ") || "none"})`;
}

async function tableExists(sql: postgres.Sql, table: string): Promise<boolean> {
  const [row] = await sql<Array<{ present: boolean }>>`select to_regclass(${`public.${table}`}) is not null as present`;
  return row?.present === true;
}

/** A count from a table that may not exist yet, or whose columns may differ: "n/a" then. */
async function optionalCount(sql: postgres.Sql, table: string, describe: () => Promise<string>): Promise<string> {
  if (!(await tableExists(sql, table))) return "n/a";
  try {
    return await describe();
  } catch {
    const [row] = await sql<Array<{ count: number }>>`select count(*)::int as count from ${sql(table)}`;
    return `${row!.count} rows`;
  }
}

const BACKGROUND_EVENTS = ["payment_abandoned", "order_expired", "refund_resent", "inconsistency_repaired"] as const;

export async function countOutcomes(sql: postgres.Sql): Promise<Array<[label: string, line: string]>> {
  const events = await sql<Array<{ type: string; count: number }>>`
    select type, count(*)::int as count from payment_events where type in ${sql(BACKGROUND_EVENTS)} group by type`;
  const eventCount = (type: (typeof BACKGROUND_EVENTS)[number]) => events.find((row) => row.type === type)?.count ?? 0;
  const [flags] = await sql<Array<{ mismatch: number; duplicate: number; afterCancel: number; review: number }>>`
    select count(*) filter (where type = 'result_mismatch')::int as mismatch,
           count(*) filter (where type = 'duplicate_payment')::int as duplicate,
           count(*) filter (where type = 'paid_after_cancel')::int as "afterCancel",
           (select count(*) from orders where needs_review)::int as review
    from payment_events`;

  const jobRuns = await optionalCount(sql, "job_runs", async () => {
    const rows = await sql<Array<{ name: string; items: number; failed: boolean }>>`
      select name, coalesce(items, 0)::int as items, last_error is not null as failed from job_runs order by name`;
    return rows.map((row) => `${row.name} ${row.items} items${row.failed ? " (last run failed)" : ""}`).join(", ");
  });
  const attention = await optionalCount(sql, "attention_items", async () => {
    const rows = await sql<Array<{ kind: string; open: number; resolved: number }>>`
      select kind, count(*) filter (where resolved_at is null)::int as open,
             count(*) filter (where resolved_at is not null)::int as resolved
      from attention_items group by kind order by kind`;
    return rows.map((row) => `${row.kind} ${row.open} open/${row.resolved} resolved`).join(", ") || "none";
  });
  const notifications = await optionalCount(sql, "notifications", async () => {
    const [row] = await sql<Array<{ count: number }>>`select count(*)::int as count from notifications`;
    return String(row!.count);
  });

  return [
    ["orders", await countBy(sql, "orders", "status")],
    ["attempts", await countBy(sql, "payment_attempts", "status")],
    ["gateway payments", await countBy(sql, "sandbox_transactions", "status")],
    ["callback copies", await countBy(sql, "sandbox_callback_deliveries", "status")],
    ["shop refunds", await countBy(sql, "refunds", "status")],
    [
      "gateway refunds",
      String((await sql<Array<{ count: number }>>`select count(*)::int as count from sandbox_refunds`)[0]!.count),
    ],
    [
      "flags",
      `result_mismatch ${flags!.mismatch}, duplicate_payment ${flags!.duplicate}, paid_after_cancel ${flags!.afterCancel}; ${flags!.review} orders need review`,
    ],
    [
      "repairs",
      `inconsistency_repaired ${eventCount("inconsistency_repaired")}, payment_abandoned ${eventCount("payment_abandoned")}, order_expired ${eventCount("order_expired")}, refund_resent ${eventCount("refund_resent")}`,
    ],
    ["notifications", notifications],
    ["attention items", attention],
    ["job runs", jobRuns],
  ];
}
