import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  gatewayCallHours,
  gatewayMessageHours,
  orders,
  paymentAttempts,
  refunds,
  type PaymentAttemptStatus,
} from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { openAttention } from "@/lib/attention/open-attention";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { recordGatewayCall, recordGatewayMessage } from "@/lib/observability/record-gateway-health";
import { ABANDONED_CODE } from "@/lib/payments/requery-payment";
import { parseDashboardWindow, readDashboard, type Dashboard, type DashboardPoint } from "./read-dashboard";
import { createUser } from "./testing/fixtures";

const HOUR = 3_600_000;

let database: TestDatabase;
let admin: SessionUser;
let customer: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
  customer = await createUser(database.db, "customer");
});
afterAll(async () => {
  await database?.destroy();
});

/** The database's current hour; waits for the next one when this one ends within a minute, so a test stays inside one hour. */
async function currentHourWithRoomToWork(): Promise<Date> {
  const read = async () => {
    const [row] = await database.db
      .select({
        hour: sql`date_trunc('hour', now())`.mapWith(gatewayCallHours.hour),
        now: sql`now()`.mapWith(gatewayCallHours.hour),
      })
      .from(sql`(values (1)) as clock (one)`);
    return row!;
  };
  const { hour, now } = await read();
  const left = hour.getTime() + HOUR - now.getTime();
  if (left > 60_000) return hour;
  await new Promise((resolve) => setTimeout(resolve, left + 1_000));
  return (await read()).hour;
}

async function addOrder(): Promise<string> {
  const [order] = await database.db
    .insert(orders)
    .values({ email: `dash-${randomUUID()}@example.test`, mobile: "9876543210", totalAmount: 49_900 })
    .returning({ id: orders.id });
  return order!.id;
}

async function addAttempt(
  orderId: string,
  at: Date,
  status: PaymentAttemptStatus,
  statusCode: string | null = null,
): Promise<string> {
  const [attempt] = await database.db
    .insert(paymentAttempts)
    .values({
      orderId,
      merchTxnId: `T${randomUUID().replace(/-/g, "").slice(0, 20)}`,
      merchTxnDate: at,
      amount: 49_900,
      status,
      statusCode,
      statusMessage: statusCode === null ? null : `status ${statusCode}`,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: paymentAttempts.id });
  return attempt!.id;
}

const rates = (points: DashboardPoint[]) => points.map((point) => point.figures.successRate);

describe(`the admin's dashboard (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("says 'no data' for every figure of a fresh shop, with every point of both windows there", async () => {
    for (const window of ["24h", "7d"] as const) {
      const dashboard = await readDashboard(database.db, admin, window);
      expect(dashboard.points).toHaveLength(window === "24h" ? 24 : 28);
      expect(dashboard.totals.figures).toEqual({
        successRate: null,
        averageResponseMs: null,
        errorRate: null,
        availability: null,
        signatureFailureRate: null,
      });
      expect(dashboard.totals.averageResponseMsByApi).toEqual({
        AUTH: null,
        STATUS: null,
        REFUND: null,
        REFUNDSTATUS: null,
      });
      expect(dashboard.points.every((point) => Object.values(point.figures).every((value) => value === null))).toBe(
        true,
      );
      expect(dashboard.recentFailures).toEqual([]);
      expect(dashboard.gatewayTrouble).toEqual([]);
      expect(dashboard.attention).toEqual({ open: [], openTotal: 0 });
    }
  });

  it("refuses anyone but an admin, and reads the window from the URL", async () => {
    await expect(readDashboard(database.db, customer, "24h")).rejects.toThrow(AuthorizationError);
    await expect(readDashboard(database.db, null, "24h")).rejects.toThrow(AuthorizationError);
    expect(parseDashboardWindow({ window: "7d" })).toBe("7d");
    expect(parseDashboardWindow({ window: ["7d", "24h"] })).toBe("7d");
    expect(parseDashboardWindow({ window: "30d" })).toBe("24h");
    expect(parseDashboardWindow({})).toBe("24h");
  });

  it("computes the five figures hour by hour, counting the window's first hour and nothing before or after it", async () => {
    const now = await currentHourWithRoomToWork();
    const at = (hoursFromNow: number, ms = 0) => new Date(now.getTime() + hoursFromNow * HOUR + ms);
    const dayStart = at(-23);
    const weekStart = at(-167);
    const db = database.db;

    // Payments, by the hour each started.
    const order = await addOrder();
    await addAttempt(order, dayStart, "completed"); // the 24 h window's first instant: in
    await addAttempt(order, at(-23, -1), "completed"); // a millisecond earlier: in 7 d only
    const declinedBeforeDay = await addAttempt(order, at(-23, -1), "payment_failed", "OTS0600");
    await addAttempt(order, at(-10, 30 * 60_000), "completed");
    await addAttempt(order, at(-10, 31 * 60_000), "completed");
    const declined = await addAttempt(order, at(-10, 32 * 60_000), "payment_failed", "OTS0600");
    await addAttempt(order, at(-10, 33 * 60_000), "payment_failed", ABANDONED_CODE);
    await addAttempt(order, now, "completed");
    await addAttempt(order, at(0, 5_000), "token_generated");
    await addAttempt(order, at(1), "completed"); // the next hour: in neither
    const declinedAtWeekStart = await addAttempt(order, weekStart, "payment_failed", "OTS0600");
    await addAttempt(order, at(-167, -1), "completed"); // before the week: in neither

    // A refund the gateway refused two hours ago, and one refused before the week.
    const refused = async (when: Date) => {
      const [refund] = await db
        .insert(refunds)
        .values({
          orderId: order,
          attemptId: declined,
          refundAmount: 10_000,
          prodRefundId: `RF${randomUUID()}`,
          status: "failed",
          reason: "Dented tin",
          gatewayStatusCode: "OTS0951",
          gatewayMessage: "Refund refused",
          createdAt: when,
          updatedAt: when,
        })
        .returning({ id: refunds.id });
      return refund!.id;
    };
    const refundRefused = await refused(at(-2));
    await refused(at(-200));

    // Gateway calls: chosen hours written directly, the current hour through the real upsert.
    await db.insert(gatewayCallHours).values([
      { hour: dayStart, api: "AUTH", outcome: "ok", calls: 10, durationMsTotal: 2_000, durationMsMax: 500 },
      {
        hour: dayStart,
        api: "AUTH",
        outcome: "system",
        calls: 2,
        unanswered: 2,
        durationMsTotal: 30_000,
        durationMsMax: 15_000,
      },
      { hour: at(-24), api: "STATUS", outcome: "ok", calls: 5, durationMsTotal: 1_000, durationMsMax: 400 },
      { hour: now, api: "STATUS", outcome: "signature", calls: 1, durationMsTotal: 300, durationMsMax: 300 },
      { hour: at(1), api: "AUTH", outcome: "ok", calls: 100, durationMsTotal: 100_000, durationMsMax: 1_000 },
      { hour: at(-168), api: "AUTH", outcome: "system", calls: 7, unanswered: 7, durationMsTotal: 7_000 },
    ]);
    await recordGatewayCall(db, { api: "REFUND", outcome: "ok", answered: true, durationMs: 250 });
    await recordGatewayCall(db, { api: "REFUND", outcome: "ok", answered: true, durationMs: 350.4 });

    // Callbacks and returns.
    await db.insert(gatewayMessageHours).values([
      { hour: dayStart, source: "callback", result: "applied", rejection: "none", messages: 4 },
      { hour: dayStart, source: "return", result: "duplicate", rejection: "none", messages: 3 },
      { hour: dayStart, source: "callback", result: "rejected", rejection: "signature", messages: 1 },
      { hour: at(-5), source: "return", result: "rejected", rejection: "malformed", messages: 2 },
      { hour: at(-30), source: "callback", result: "applied", rejection: "none", messages: 10 },
      { hour: at(-168), source: "callback", result: "rejected", rejection: "signature", messages: 50 },
    ]);
    await recordGatewayMessage(db, { source: "callback", result: "rejected", rejection: "signature" });
    await recordGatewayMessage(db, { source: "callback", result: "applied", rejection: "none" });

    await db.transaction((tx) =>
      openAttention(tx, { kind: "order_not_expired", subject: order, orderId: order, reason: "Still unpaid." }),
    );

    const day: Dashboard = await readDashboard(db, admin, "24h");
    expect(day.start).toEqual(dayStart);
    expect(day.end).toEqual(at(1));
    expect(day.points.map((point) => point.start)).toEqual(Array.from({ length: 24 }, (_, index) => at(index - 23)));

    expect(day.totals.payments).toEqual({ succeeded: 4, failed: 1, abandoned: 1, pending: 1 });
    expect(day.totals.calls).toEqual({
      calls: 15,
      unanswered: 2,
      durationMsTotal: 32_900,
      durationMsMax: 15_000,
      errors: { configuration: 0, signature: 1, validation: 0, system: 2, other: 0 },
    });
    expect(day.totals.messages).toEqual({
      received: 12,
      callbacks: 7,
      returns: 5,
      applied: 5,
      duplicate: 3,
      rejected: 4,
      signatureFailures: 2,
    });
    expect(day.totals.figures).toEqual({
      successRate: 4 / 5,
      averageResponseMs: 32_900 / 15,
      errorRate: 3 / 15,
      availability: 13 / 15,
      signatureFailureRate: 2 / 12,
    });
    expect(day.totals.averageResponseMsByApi).toEqual({
      AUTH: 32_000 / 12,
      STATUS: 300,
      REFUND: 300,
      REFUNDSTATUS: null,
    });
    expect(day.totals.errorRateByClass).toEqual({
      configuration: 0,
      signature: 1 / 15,
      validation: 0,
      system: 2 / 15,
      other: 0,
    });
    expect(day.totals.callsByApi.REFUND).toMatchObject({ calls: 2, durationMsTotal: 600, durationMsMax: 350 });

    // Hour by hour: the first hour, ten hours ago, five hours ago and this one hold data; the rest are empty.
    const expectedRates: Array<number | null> = Array.from({ length: 24 }, () => null);
    expectedRates[0] = 1;
    expectedRates[13] = 2 / 3;
    expectedRates[23] = 1;
    expect(rates(day.points)).toEqual(expectedRates);
    expect(day.points[13]!.payments).toEqual({ succeeded: 2, failed: 1, abandoned: 1, pending: 0 });
    expect(day.points[0]!.figures).toEqual({
      successRate: 1,
      averageResponseMs: 32_000 / 12,
      errorRate: 2 / 12,
      availability: 10 / 12,
      signatureFailureRate: 1 / 8,
    });
    expect(day.points[18]!.figures).toEqual({
      successRate: null,
      averageResponseMs: null,
      errorRate: null,
      availability: null,
      signatureFailureRate: 0,
    });
    expect(day.points[23]!.figures).toEqual({
      successRate: 1,
      averageResponseMs: 900 / 3,
      errorRate: 1 / 3,
      availability: 1,
      signatureFailureRate: 1 / 2,
    });
    expect(day.points[12]!.figures.successRate).toBeNull();
    expect(day.points[12]!.calls.calls).toBe(0);

    expect(day.recentFailures.map((failure) => [failure.kind, failure.id])).toEqual([
      ["refund", refundRefused],
      ["payment", declined],
    ]);
    expect(day.recentFailures[1]).toMatchObject({
      orderId: order,
      amountPaise: 49_900,
      code: "OTS0600",
      message: "status OTS0600",
    });
    expect(day.gatewayTrouble).toEqual([
      { hour: now, kind: "call", subject: "STATUS", reason: "signature", count: 1 },
      { hour: now, kind: "message", subject: "callback", reason: "signature", count: 1 },
      { hour: at(-5), kind: "message", subject: "return", reason: "malformed", count: 2 },
      { hour: dayStart, kind: "call", subject: "AUTH", reason: "system", count: 2 },
      { hour: dayStart, kind: "message", subject: "callback", reason: "signature", count: 1 },
    ]);
    expect(day.attention.openTotal).toBe(1);
    expect(day.attention.open.map((item) => item.orderId)).toEqual([order]);

    // Seven days in 6-hour points: the week's first instant is in, the hour before it is not.
    const week = await readDashboard(db, admin, "7d");
    expect(week.start).toEqual(weekStart);
    expect(week.end).toEqual(at(1));
    expect(week.points.map((point) => point.start)).toEqual(
      Array.from({ length: 28 }, (_, index) => at(index * 6 - 167)),
    );
    expect(week.totals.payments).toEqual({ succeeded: 5, failed: 3, abandoned: 1, pending: 1 });
    expect(week.totals.figures).toEqual({
      successRate: 5 / 8,
      averageResponseMs: 33_900 / 20,
      errorRate: 3 / 20,
      availability: 18 / 20,
      signatureFailureRate: 2 / 22,
    });
    const expectedWeekRates: Array<number | null> = Array.from({ length: 28 }, () => null);
    expectedWeekRates[0] = 0; // the declined payment at the week's first instant
    expectedWeekRates[23] = 1 / 2; // [now-29h, now-23h): the two a millisecond before the day
    expectedWeekRates[24] = 1; // [now-23h, now-17h)
    expectedWeekRates[26] = 2 / 3; // [now-11h, now-5h)
    expectedWeekRates[27] = 1; // [now-5h, now+1h)
    expect(rates(week.points)).toEqual(expectedWeekRates);
    expect(week.points[22]!.messages.received).toBe(10);
    expect(week.points[23]!.callsByApi.STATUS.calls).toBe(5);
    expect(week.recentFailures.map((failure) => failure.id)).toEqual([
      refundRefused,
      declined,
      declinedBeforeDay,
      declinedAtWeekStart,
    ]);
  });
});
