import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayCallHours, gatewayMessageHours } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import type { AtomCallEvent } from "@/lib/atom";
import { getMetrics } from "./metrics";
import { observeGatewayCall, observeGatewayMessage } from "./observe-gateway";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const call = (event: Partial<AtomCallEvent>): AtomCallEvent => ({
  api: "STATUS",
  attempt: 1,
  durationMs: 100,
  outcome: "ok",
  httpStatus: 200,
  willRetry: false,
  ...event,
});

/** A counter's value for one label set (0 when it was never counted). */
async function counted(name: string, labels: Record<string, string>): Promise<number> {
  const metric = getMetrics().registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`${name} is not registered`);
  const { values } = await metric.get();
  const sample = values.find(
    (value) =>
      Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted) &&
      Object.keys(value.labels).length === Object.keys(labels).length,
  );
  return sample?.value ?? 0;
}

describe(`gateway health, observed (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("adds calls to their hour's row per API and outcome, and counts them per instance", async () => {
    const before = {
      answered: await counted("atom_gateway_requests_total", { api: "STATUS", answered: "true" }),
      unanswered: await counted("atom_gateway_requests_total", { api: "STATUS", answered: "false" }),
      system: await counted("atom_gateway_errors_total", { api: "STATUS", class: "system" }),
      validation: await counted("atom_gateway_errors_total", { api: "REFUND", class: "validation" }),
      signature: await counted("atom_signature_failures_total", { source: "api_response" }),
    };

    await observeGatewayCall(database.db, call({ durationMs: 100 }));
    await observeGatewayCall(Promise.resolve(database.db), call({ durationMs: 300.4 }));
    await observeGatewayCall(database.db, call({ outcome: "system", httpStatus: undefined, durationMs: 15_000 }));
    await observeGatewayCall(database.db, call({ outcome: "signature", durationMs: 50 }));
    // The gateway refusing our request's signature is our configuration, not a forged message.
    await observeGatewayCall(database.db, call({ outcome: "signature", gatewayCode: "OTS0506", durationMs: 50 }));
    // Refused by our own validation before anything was sent: an error, not a request.
    await observeGatewayCall(database.db, call({ api: "REFUND", attempt: 0, outcome: "validation", durationMs: 1 }));

    const rows = await database.db.select().from(gatewayCallHours);
    const byOutcome = Object.fromEntries(rows.map((row) => [`${row.api}/${row.outcome}`, row]));
    expect(Object.keys(byOutcome).sort()).toEqual(["STATUS/ok", "STATUS/signature", "STATUS/system"]);
    expect(byOutcome["STATUS/ok"]).toMatchObject({ calls: 2, unanswered: 0, durationMsTotal: 400, durationMsMax: 300 });
    expect(byOutcome["STATUS/signature"]).toMatchObject({ calls: 2 });
    expect(byOutcome["STATUS/system"]).toMatchObject({ calls: 1, unanswered: 1, durationMsTotal: 15_000 });
    // The row's hour is the database's current hour.
    const [{ hour } = { hour: new Date(0) }] = rows;
    expect(Math.abs(Date.now() - hour.getTime())).toBeLessThan(3_600_000 + 60_000);
    expect(hour.getUTCMinutes()).toBe(0);

    expect(await counted("atom_gateway_requests_total", { api: "STATUS", answered: "true" })).toBe(before.answered + 4);
    expect(await counted("atom_gateway_requests_total", { api: "STATUS", answered: "false" })).toBe(
      before.unanswered + 1,
    );
    expect(await counted("atom_gateway_errors_total", { api: "STATUS", class: "system" })).toBe(before.system + 1);
    expect(await counted("atom_gateway_errors_total", { api: "REFUND", class: "validation" })).toBe(
      before.validation + 1,
    );
    expect(await counted("atom_signature_failures_total", { source: "api_response" })).toBe(before.signature + 1);
  });

  it("adds messages per source, result and rejection; one that could not be stored is only counted", async () => {
    const before = await counted("atom_callbacks_total", { source: "callback", result: "unavailable" });
    const signature = await counted("atom_signature_failures_total", { source: "return" });
    await observeGatewayMessage(database.db, { source: "callback", result: "applied", rejection: "none" });
    await observeGatewayMessage(database.db, { source: "callback", result: "applied", rejection: "none" });
    await observeGatewayMessage(database.db, { source: "return", result: "rejected", rejection: "signature" });
    await observeGatewayMessage(database.db, { source: "callback", result: "unavailable", rejection: "none" });

    const rows = await database.db.select().from(gatewayMessageHours);
    expect(rows.map(({ source, result, rejection, messages }) => ({ source, result, rejection, messages }))).toEqual(
      expect.arrayContaining([
        { source: "callback", result: "applied", rejection: "none", messages: 2 },
        { source: "return", result: "rejected", rejection: "signature", messages: 1 },
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(await counted("atom_callbacks_total", { source: "callback", result: "unavailable" })).toBe(before + 1);
    expect(await counted("atom_signature_failures_total", { source: "return" })).toBe(signature + 1);
  });

  it("never fails the work it describes when the row cannot be written", async () => {
    const broken = Promise.reject(new Error("database unavailable"));
    await expect(observeGatewayCall(broken, call({}))).resolves.toBeUndefined();
  });
  it("counts every message of a burst (written together while a write is under way), each caller returning once its message is in the row", async () => {
    const returns = { source: "return", result: "applied", rejection: "none" } as const;
    const rowTotal = async () =>
      (await database.db.select().from(gatewayMessageHours))
        .filter((row) => row.source === "return" && row.result === "applied")
        .reduce((total, row) => total + row.messages, 0);
    const before = await rowTotal();
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, () =>
        observeGatewayMessage(database.db, returns).then(async () => {
          seen.push(await rowTotal());
        }),
      ),
    );
    expect(await rowTotal()).toBe(before + 25);
    // Every caller found at least its own batch written when it returned.
    expect(Math.min(...seen)).toBeGreaterThan(before);
    await observeGatewayMessage(database.db, returns);
    expect(await rowTotal()).toBe(before + 26);
  });
});
