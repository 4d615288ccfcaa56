import { readFileSync } from "node:fs";
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { getMetrics } from "@/lib/observability/metrics";
import { FLAG_EVENT_TYPES, PAYMENT_EVENT_TYPES, type PaymentEventType } from "./events";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README text between `<!-- name:start -->` and `<!-- name:end -->`. */
function section(name: string): string {
  const start = readme.indexOf(`<!-- ${name}:start -->`);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`README.md has no ${name} table`);
  return readme.slice(start, end);
}

/** The README text between the event table's markers. */
function eventTable(): string {
  return section("payment-event-types");
}

const backticked = (text: string) => [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
const SNAKE_CASE = /^[a-z]+(?:_[a-z0-9]+)+$/;

// The SQL names of the schema's tables and columns: README names those in backticks too.
const SCHEMA_NAMES = new Set(
  Object.values(schema as Record<string, unknown>)
    .filter((value): value is PgTable => is(value, PgTable))
    .flatMap((table) => [getTableName(table), ...Object.values(getTableColumns(table)).map((column) => column.name)]),
);
// The status values its CHECK constraints allow (`user_payment`): README names them too.
const STATUS_NAMES = new Set<string>([
  ...schema.PAYMENT_ATTEMPT_STATUSES,
  ...schema.ORDER_STATUSES,
  ...schema.REFUND_STATUSES,
]);

// The Prometheus metrics' names (`shop_attention_open`), with a histogram's series.
const METRIC_NAMES = new Set(
  getMetrics()
    .registry.getMetricsAsArray()
    .flatMap((metric) => ["", "_bucket", "_sum", "_count"].map((suffix) => `${metric.name}${suffix}`)),
);

describe("payment event types", () => {
  it("derives the flag events from the table of types", () => {
    expect([...FLAG_EVENT_TYPES].sort()).toEqual([
      "duplicate_payment",
      "failure_after_success",
      "paid_after_cancel",
      "result_mismatch",
    ]);
  });

  it("README's event table lists exactly the event types", () => {
    const listed = backticked(eventTable()).filter((name) => SNAKE_CASE.test(name) && !SCHEMA_NAMES.has(name));
    expect([...new Set(listed)].sort()).toEqual(Object.keys(PAYMENT_EVENT_TYPES).sort());
  });

  /** The event names in rows whose `column`-th cell (after the name and its meaning) says yes. */
  const markedIn = (column: "flags" | "notifies") =>
    eventTable()
      .split("\n")
      .filter((row) => row.split("|")[column === "flags" ? 3 : 4]?.trim() === "yes")
      .flatMap((row) => backticked(row.split("|")[1] ?? ""))
      .sort();

  it("README's event table marks exactly the flag events", () => {
    expect(markedIn("flags")).toEqual([...FLAG_EVENT_TYPES].sort());
  });

  it("README's event table marks exactly the events that notify the admins", () => {
    const notifying = (Object.keys(PAYMENT_EVENT_TYPES) as PaymentEventType[]).filter(
      (type) => "notifies" in PAYMENT_EVENT_TYPES[type],
    );
    expect(markedIn("notifies")).toEqual(notifying.sort());
    expect(notifying).toEqual(expect.arrayContaining([...FLAG_EVENT_TYPES, "refund_failed", "inconsistency_repaired"]));
  });

  // Everywhere in README, a snake_case name in backticks is an event type unless it is a
  // table, column or status of db/schema.ts (e.g. `payment_events`, `surcharge_amount`) or
  // a metric's name.
  it("every event name README mentions is an event type", () => {
    // The refunds API's error codes are listed in one table; a code named elsewhere must be in it.
    const errorCodes = new Set(backticked(section("api-error-codes")));
    const names = backticked(readme).filter(
      (name) =>
        SNAKE_CASE.test(name) &&
        !SCHEMA_NAMES.has(name) &&
        !STATUS_NAMES.has(name) &&
        !METRIC_NAMES.has(name) &&
        !errorCodes.has(name),
    );
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => !Object.hasOwn(PAYMENT_EVENT_TYPES, name))).toEqual([]);
  });
});
