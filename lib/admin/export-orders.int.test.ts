import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { exportOrdersForAdmin, ORDER_CSV_HEADER } from "./export-orders";
import { parseOrderListFilters } from "./order-list-filters";
import { cursorParam } from "./filters";
import { listOrdersForAdmin } from "./orders";
import { createOrder, createUser } from "./testing/fixtures";

let database: TestDatabase;
let admin: SessionUser;
const onPostgres = testServerUrl() !== undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
});
afterAll(async () => {
  await database?.destroy();
});

/** The CSV file's text, as the route streams it, for the list's query parameters. */
async function exportText(params: Record<string, string>, batchSize?: number): Promise<string> {
  const batches = exportOrdersForAdmin(database.db, admin, parseOrderListFilters(params), batchSize);
  const response = csvResponse("orders.csv", ORDER_CSV_HEADER, batches);
  // Kept as sent, byte-order mark included (Response.text() would drop it).
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

/** The file's records, cells unquoted (none of these fields holds a line break). */
const records = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) =>
      line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replace(/^"(.*)"$/, "$1").replace(/""/g, '"')),
    );

describe(`orders CSV export (${onPostgres ? "postgres" : "pglite"})`, () => {
  it("writes one row per order the filters match, with every column", async () => {
    const order = await createOrder(database.db, {
      email: "meera@export.test",
      totalPaise: 123_450,
      surchargePaise: 1_180,
      createdAt: new Date("2025-01-05T10:20:00Z"),
    });
    await database.db
      .update(orders)
      .set({
        status: "shipped",
        paymentMethod: "UP",
        refundedAmount: 5_000,
        needsReview: true,
        deliveryCity: "Bengaluru",
        deliveryState: "Karnataka",
        deliveryPinCode: "560003",
        shippingCarrier: "India Post",
        trackingNumber: "EE123456789IN",
      })
      .where(eq(orders.id, order.id));
    await createOrder(database.db, { email: "ravi@export.test", totalPaise: 50_000 });

    const text = await exportText({ q: "meera@export" });
    expect(text.startsWith("\uFEFFOrder id,Placed (UTC),")).toBe(true);
    const [header, ...rows] = records(text);
    expect(header).toEqual([...ORDER_CSV_HEADER]);
    expect(rows).toEqual([
      [
        order.id,
        "2025-01-05T10:20:00.000Z",
        "5 Jan 2025, 3:50 pm",
        "shipped",
        "meera@export.test",
        "9876543210",
        "1234.50",
        "50.00",
        "11.80",
        "UPI",
        order.merchTxnId!,
        order.atomTxnId!,
        "yes",
        "Bengaluru",
        "Karnataka",
        "560003",
        "India Post",
        "EE123456789IN",
      ],
    ]);

    // The list's filters apply: the method, the amount, the status.
    expect(records(await exportText({ q: "@export.test", method: "UP" })).length).toBe(2);
    expect(records(await exportText({ q: "@export.test", method: "NB" })).length).toBe(1);
    expect(records(await exportText({ q: "@export.test", max: "500" })).map((row) => row[4])).toEqual([
      "Email",
      "ravi@export.test",
    ]);
    expect(records(await exportText({ q: "@export.test", attention: "1" })).map((row) => row[0])).toEqual([
      "Order id",
      order.id,
    ]);
    // Sorted as the list is: by total, smallest first.
    expect(
      records(await exportText({ q: "@export.test", sort: "total", dir: "asc" }))
        .slice(1)
        .map((row) => row[4]),
    ).toEqual(["ravi@export.test", "meera@export.test"]);
  });

  it("only for an admin", async () => {
    const customer = await createUser(database.db, "customer");
    expect(() => exportOrdersForAdmin(database.db, customer, parseOrderListFilters({}))).toThrow(AuthorizationError);
    expect(() => exportOrdersForAdmin(database.db, null, parseOrderListFilters({}))).toThrow(AuthorizationError);
  });

  it("reads batch after batch in the list's order, ties and microseconds included, each order once", async () => {
    for (let index = 0; index < 23; index++)
      await createOrder(database.db, {
        email: `batch-${String(index).padStart(2, "0")}@batch.test`,
        totalPaise: 40_000,
      });
    // Every one placed within the same millisecond (JavaScript's Date would see one instant), a few at the same microsecond.
    await database.db.execute(sql`
      update orders set created_at = '2025-02-01 09:00:00.123000+00'::timestamptz
        + (cast(substring(email from 7 for 2) as integer) % 7) * interval '1 microsecond'
      where email like 'batch-%'`);
    for (const sort of ["placed", "total", "email", "status"] as const)
      for (const dir of ["asc", "desc"] as const) {
        const params = { q: "@batch.test", sort, dir };
        const first = await listOrdersForAdmin(database.db, admin, parseOrderListFilters(params));
        const after = cursorParam(first.next)!;
        const second = await listOrdersForAdmin(database.db, admin, parseOrderListFilters({ ...params, after }));
        const listed = [...first.rows, ...second.rows].map((row) => row.id);
        const exported = records(await exportText(params, 4))
          .slice(1)
          .map((row) => row[0]);
        expect(exported, `${sort} ${dir}`).toEqual(listed);
        expect(new Set(exported).size).toBe(23);
      }
  });

  // 100,000 orders made by one INSERT … SELECT, then the whole export streamed and counted.
  // PostgreSQL only: on PGlite (in-process, one connection) it took 30–70 s here, too much of
  // the suite's time; the batching itself is proved above on both.
  it.skipIf(!onPostgres)(
    "streams 100,000 orders in batches",
    async () => {
      await database.db.execute(sql`
        insert into orders (email, mobile, total_amount, status, payment_method, created_at)
        select 'bulk-' || g || '@bulk.test', '9876543210', 100 + g, 'paid', 'UP',
               now() - g * interval '1 second'
        from generate_series(1, 100000) as g`);
      // The whole list, unfiltered: the bulk orders and those the tests above made.
      const [{ total } = { total: 0 }] = await database.db.select({ total: count() }).from(orders);
      const batches = exportOrdersForAdmin(database.db, admin, parseOrderListFilters({}));
      const response = csvResponse("orders.csv", ORDER_CSV_HEADER, batches);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let lines = 0;
      let largestChunk = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        lines += value.split("\r\n").length - 1;
        largestChunk = Math.max(largestChunk, value.length);
      }
      // The header, then every order.
      expect(total).toBeGreaterThanOrEqual(100_000);
      expect(lines).toBe(1 + total);
      // Streamed in batches: no chunk holds more than one batch (1000 rows of ~250 characters).
      expect(largestChunk).toBeLessThan(400_000);
    },
    180_000,
  );
});
