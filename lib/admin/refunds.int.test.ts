import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import type { SessionUser } from "@/lib/auth/session";
import { csvResponse, csvRow, type CsvValue } from "@/lib/csv";
import { requestRefund } from "@/lib/refunds";
import {
  startRefundGateway,
  type RefundGatewayMode,
  type RefundGatewayStub,
} from "@/lib/refunds/testing/refund-gateway";
import {
  exportRefundsForAdmin,
  listRefundsForAdmin,
  parseRefundListFilters,
  REFUND_CSV_HEADER,
  refundListParams,
} from "./refunds";
import { cursorParam } from "./filters";
import { addPaymentAttempt, createOrder, createUser, idempotencyKey } from "./testing/fixtures";

let database: TestDatabase;
let admin: SessionUser;
let atom: RefundGatewayStub;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
  atom = await startRefundGateway("accept");
});
afterAll(async () => {
  await atom?.close();
  await database?.destroy();
});

/** A refund of `amountPaise` of the order's own payment (or of `attemptId`'s), the gateway answering as `mode` says. */
async function refund(
  orderId: string,
  amountPaise: number,
  mode: RefundGatewayMode,
  options: { attemptId?: string; reason?: string } = {},
) {
  atom.mode = mode;
  try {
    return (
      await requestRefund(database.db, atom.client, admin, {
        orderId,
        attemptId: options.attemptId,
        amountPaise,
        reason: options.reason ?? "Returned",
        idempotencyKey: idempotencyKey(),
      })
    ).refund;
  } finally {
    atom.mode = "accept";
  }
}

/**
 * One shopper's refunds: ₹10 and ₹20 completed, ₹40 failed, ₹80 still processing (the
 * gateway hung), and ₹5 completed of an extra payment (paid twice).
 */
async function shopperWithRefunds() {
  const email = `refunds-${randomUUID()}@example.test`;
  const order = await createOrder(database.db, { totalPaise: 50_000, email });
  const completedSmall = await refund(order.id, 1_000, "accept");
  const completedLarge = await refund(order.id, 2_000, "accept", { reason: 'Dented, "badly", lid' });
  const failed = await refund(order.id, 4_000, "decline");
  const processing = await refund(order.id, 8_000, "hang");
  const extra = await addPaymentAttempt(database.db, order, { amountPaise: 50_000 });
  const ofExtra = await refund(order.id, 500, "accept", { attemptId: extra.id });
  return { email, order, completedSmall, completedLarge, failed, processing, ofExtra };
}

describe(`the admin's refunds list and its export (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("totals the whole filtered list per state, and filters by amount and by extra payment", async () => {
    const { email, failed, processing, ofExtra, completedLarge } = await shopperWithRefunds();
    const list = (params: Record<string, string>) =>
      listRefundsForAdmin(database.db, admin, parseRefundListFilters({ q: email, ...params }));

    const all = await list({});
    expect(all.total).toBe(5);
    expect(all.totals).toEqual({
      completed: { count: 3, paise: 3_500 },
      inProgress: { count: 1, paise: 8_000 },
      failed: { count: 1, paise: 4_000 },
    });
    expect(all.rows.find((row) => row.id === ofExtra.id)?.extraPayment).toBe(true);
    expect(all.rows.filter((row) => row.extraPayment)).toHaveLength(1);

    // Amounts are typed in rupees; both ends are included.
    const middle = await list({ min: "20", max: "₹40.00" });
    expect(middle.rows.map((row) => row.id).sort()).toEqual([completedLarge.id, failed.id].sort());
    expect(middle.totals).toEqual({
      completed: { count: 1, paise: 2_000 },
      inProgress: { count: 0, paise: 0 },
      failed: { count: 1, paise: 4_000 },
    });
    expect((await list({ min: "50" })).rows.map((row) => row.id)).toEqual([processing.id]);
    expect((await list({ extra: "1" })).rows.map((row) => row.id)).toEqual([ofExtra.id]);
    expect((await list({ status: "completed", extra: "1" })).totals.completed).toEqual({ count: 1, paise: 500 });
    // A bad amount is dropped, as any bad filter in a URL.
    expect((await list({ min: "lots" })).total).toBe(5);
  });

  it("pages by keyset, refunds requested at the same instant each once, forwards and back", async () => {
    const { email, completedSmall } = await shopperWithRefunds();
    await database.db.execute(sql`
      insert into refunds (order_id, attempt_id, refund_amount, prod_refund_id, status, reason)
      select ${completedSmall.orderId}, ${completedSmall.attemptId}, 100, 'TIE-' || gen_random_uuid(), 'failed', 'Tie'
      from generate_series(1, 20)`);
    // The same instant, to the microsecond, for every one: only the id orders them.
    await database.db.execute(
      sql`update refunds set created_at = '2025-06-01 10:00:00.123456+00' where order_id = ${completedSmall.orderId}`,
    );
    const list = (params: Record<string, string>) =>
      listRefundsForAdmin(database.db, admin, parseRefundListFilters({ q: email, ...params }));
    const first = await list({});
    expect(first).toMatchObject({ total: 25, previous: undefined });
    const second = await list({ after: cursorParam(first.next)! });
    expect(second.rows).toHaveLength(5);
    expect(second.next).toBeUndefined();
    const seen = [...first.rows, ...second.rows].map((row) => row.id);
    expect(seen).toEqual([...new Set(seen)].sort().reverse());
    const back = await list({ before: cursorParam(second.previous)! });
    expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(back.previous).toBeUndefined();
  });

  it("keeps the filters in the URL as typed: the pages and the export link carry them", () => {
    const after = "0e7f3f6c-9f1c-4a55-a4a8-3b2d1c0f9e11.2026-12-02 10:15:00.123456+00";
    const filters = parseRefundListFilters({ status: "failed", min: "1,499.5", extra: "1", after });
    expect(filters).toMatchObject({
      status: "failed",
      minPaise: 149_950,
      extra: true,
      after: { id: "0e7f3f6c-9f1c-4a55-a4a8-3b2d1c0f9e11", key: "2026-12-02 10:15:00.123456+00" },
    });
    expect(refundListParams(filters)).toEqual({
      status: "failed",
      q: undefined,
      from: undefined,
      to: undefined,
      min: "1499.50",
      max: undefined,
      extra: "1",
    });
  });

  it("exports every refund the filters match, newest first, in keyset batches, as CSV", async () => {
    const { email, order, completedSmall, completedLarge, failed, processing, ofExtra } = await shopperWithRefunds();
    const filters = parseRefundListFilters({ q: email });

    const batches: CsvValue[][][] = [];
    for await (const batch of exportRefundsForAdmin(database.db, admin, filters, 2)) batches.push(batch);

    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
    const rows = batches.flat();
    expect(rows.map((row) => row[0])).toEqual(
      [ofExtra, processing, failed, completedLarge, completedSmall].map((refund) => refund.id),
    );
    const byId = new Map(
      rows.map((row) => [row[0], Object.fromEntries(REFUND_CSV_HEADER.map((name, i) => [name, row[i]]))]),
    );
    expect(byId.get(failed.id)).toMatchObject({
      "Order id": order.id,
      "Shopper email": email,
      Status: "failed",
      "Amount (INR)": "40.00",
      Reason: "Returned",
      "Requested by": admin.email,
      "Of an extra payment": "no",
      prodRefundId: failed.prodRefundId,
      refundTxnId: null,
      "Gateway message": failed.gatewayMessage,
    });
    expect(byId.get(failed.id)?.["Gateway code"]).toBe(failed.gatewayStatusCode);
    expect(byId.get(ofExtra.id)).toMatchObject({ "Of an extra payment": "yes", "Amount (INR)": "5.00" });
    expect(byId.get(completedSmall.id)).toMatchObject({ refundTxnId: completedSmall.refundTxnId });

    // Streamed as a download: the header, then the rows, quoted where they need it.
    const response = csvResponse("refunds.csv", REFUND_CSV_HEADER, exportRefundsForAdmin(database.db, admin, filters));
    const text = await response.text();
    const lines = text.split("\r\n");
    // (Response.text() drops the byte-order mark.)
    expect(`${lines[0]}\r\n`).toBe(csvRow(REFUND_CSV_HEADER));
    expect(lines).toHaveLength(7);
    expect(text).toContain('"Dented, ""badly"", lid"');

    // Only what the filters match.
    const failedOnly = [];
    for await (const batch of exportRefundsForAdmin(database.db, admin, { ...filters, status: "failed" }))
      failedOnly.push(...batch);
    expect(failedOnly.map((row) => row[0])).toEqual([failed.id]);
  });

  it("exports for admins only", () => {
    expect(() => exportRefundsForAdmin(database.db, null, parseRefundListFilters({}))).toThrow();
  });
});
