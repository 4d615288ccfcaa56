import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attentionItems, orders, type Order } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import type { SessionUser } from "@/lib/auth/session";
import { parseOrderListFilters } from "./order-list-filters";
import { cursorParam } from "./filters";
import { listOrdersForAdmin } from "./orders";
import { createOrder, createUser } from "./testing/fixtures";

let database: TestDatabase;
let admin: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
});
afterAll(async () => {
  await database?.destroy();
});

const ids = (page: { rows: Array<{ id: string }> }) => page.rows.map((row) => row.id);
const list = (params: Record<string, string>) =>
  listOrdersForAdmin(database.db, admin, parseOrderListFilters({ q: "@list.test", ...params }));

async function order(
  email: string,
  fields: { status?: Order["status"]; totalPaise: number; method?: string; needsReview?: boolean; refunded?: number },
): Promise<Order> {
  const created = await createOrder(database.db, { email, status: fields.status, totalPaise: fields.totalPaise });
  const [updated] = await database.db
    .update(orders)
    .set({
      paymentMethod: fields.method ?? null,
      needsReview: fields.needsReview ?? false,
      refundedAmount: fields.refunded ?? 0,
    })
    .where(eq(orders.id, created.id))
    .returning();
  return updated!;
}

describe(`the admin's orders list: filters and sort (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("filters by needs attention, payment method and amount, and sorts by each column both ways", async () => {
    const upi = await order("asha@list.test", { totalPaise: 50_000, method: "UP" });
    const flagged = await order("bhavna@list.test", { totalPaise: 150_000, method: "NB", needsReview: true });
    const attention = await order("chitra@list.test", { totalPaise: 250_000, method: "CC", refunded: 10_000 });
    const pending = await order("dev@list.test", { status: "pending", totalPaise: 80_000 });
    const resolved = await order("esha@list.test", { totalPaise: 99_999, method: "CC", refunded: 5_000 });
    await database.db.insert(attentionItems).values([
      { kind: "oversold", subjectKey: `oversold:${attention.id}`, orderId: attention.id, reason: "Open" },
      {
        kind: "oversold",
        subjectKey: `oversold:${resolved.id}`,
        orderId: resolved.id,
        reason: "Looked at",
        resolvedAt: new Date(),
        resolvedBy: admin.id,
        resolutionNote: "Restocked",
      },
    ]);

    // Needs attention: flagged for review, or an item still open (a resolved one no longer counts).
    expect(new Set(ids(await list({ attention: "1" })))).toEqual(new Set([flagged.id, attention.id]));
    const flags = (await list({ attention: "1", sort: "total" })).rows.map((row) => [
      row.id,
      row.needsReview,
      row.openAttention,
    ]);
    expect(flags).toEqual([
      [attention.id, false, true],
      [flagged.id, true, false],
    ]);

    expect(new Set(ids(await list({ method: "CC" })))).toEqual(new Set([attention.id, resolved.id]));
    expect(ids(await list({ method: "UP" }))).toEqual([upi.id]);
    expect(new Set(ids(await list({ min: "1,000", max: "2500" })))).toEqual(new Set([flagged.id, attention.id]));
    // Both ends included, to the paisa.
    expect(new Set(ids(await list({ min: "800", max: "999.99" })))).toEqual(new Set([pending.id, resolved.id]));
    expect(ids(await list({ min: "999.991" })).length).toBe(5);

    const byTotal = [upi, pending, resolved, flagged, attention].map((row) => row.id);
    expect(ids(await list({ sort: "total", dir: "asc" }))).toEqual(byTotal);
    expect(ids(await list({ sort: "total" }))).toEqual([...byTotal].reverse());
    const byEmail = [upi, flagged, attention, pending, resolved].map((row) => row.id);
    expect(ids(await list({ sort: "email" }))).toEqual(byEmail);
    expect(ids(await list({ sort: "email", dir: "desc" }))).toEqual([...byEmail].reverse());
    expect(ids(await list({ sort: "refunded" })).slice(0, 2)).toEqual([attention.id, resolved.id]);
    expect((await list({ sort: "status" })).rows.map((row) => row.status)).toEqual([
      "paid",
      "paid",
      "paid",
      "paid",
      "pending",
    ]);
    const newestFirst = ids(await list({}));
    expect(ids(await list({ sort: "placed", dir: "asc" }))).toEqual([...newestFirst].reverse());
  });

  it("breaks ties by id, so rows with the same key keep one order across pages", async () => {
    const made: Order[] = [];
    for (let index = 0; index < 25; index++)
      made.push(await order(`tie-${index}@tie.test`, { totalPaise: 70_000, method: "DC" }));
    // The same instant, to the microsecond, for every one.
    await database.db
      .update(orders)
      .set({ createdAt: sql`'2025-06-01 10:00:00.123456+00'` })
      .where(sql`${orders.email} like 'tie-%'`);
    const byId = made.map((row) => row.id).sort();
    for (const [sort, dir] of [
      ["total", "asc"],
      ["placed", "desc"],
    ] as const) {
      const params = { q: "@tie.test", sort, dir };
      const first = await listOrdersForAdmin(database.db, admin, parseOrderListFilters(params));
      const after = cursorParam(first.next)!;
      const second = await listOrdersForAdmin(database.db, admin, parseOrderListFilters({ ...params, after }));
      const seen = [...ids(first), ...ids(second)];
      expect(seen).toEqual(dir === "asc" ? byId : [...byId].reverse());
    }
  });
});
