import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AtomSignatureError, AtomSystemError, AtomTimeoutError, verifyGatewayResult } from "@/lib/atom";
import {
  authInput,
  CARD,
  eventually,
  makePayment,
  newMerchTxnId,
  payOnPage,
  startSandbox,
  type SandboxHarness,
} from "./testing/sandbox-harness";

// Each fault switch, set through the control route (control-client.ts) as the shop's
// tests would, per payment or globally.

let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());
beforeEach(async () => {
  await sandbox.control.reset();
});

const encDataOf = (body: string) => new URLSearchParams(body).get("encData") ?? "";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** What the receiver got of these deliveries (the control routes name a body by its digest). */
const bodiesFor = (digests: string[]) =>
  sandbox.receiver.received.filter((callback) => digests.includes(sha256(callback.body)));

/** Pays on a fresh token after applying switches for that token; waits for its callbacks to finish. */
async function payWithSwitches(
  callback: Parameters<SandboxHarness["control"]["set"]>[0]["callback"],
  form: Record<string, string> = CARD.success,
) {
  const input = authInput();
  const token = await sandbox.client().auth(input);
  await sandbox.control.set({ scope: { atomTokenId: token.atomTokenId }, callback });
  const paidAt = Date.now();
  await payOnPage(sandbox.url, token.atomTokenId, form);
  const deliveries = await eventually(async () => {
    const list = await sandbox.control.deliveries({ atomTokenId: token.atomTokenId });
    return list.length > 0 && list.every((delivery) => delivery.status !== "scheduled") ? list : undefined;
  });
  return { input, token, deliveries, paidAt, received: bodiesFor(deliveries.map((delivery) => delivery.bodySha256)) };
}

describe("callback switches", () => {
  it("delay holds the first attempt back", async () => {
    const { deliveries, paidAt, received } = await payWithSwitches({ delayMs: 700 });
    expect(deliveries[0]).toMatchObject({ status: "delivered", faults: ["delay"] });
    expect(received).toHaveLength(1);
    expect((received[0]?.at ?? 0) - paidAt).toBeGreaterThanOrEqual(650);
  });

  it("drop never sends it, and says so", async () => {
    const { deliveries, received } = await payWithSwitches({ drop: true });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ status: "dropped", faults: ["drop"], attempts: [] });
    expect(received).toHaveLength(0);
  });

  it("duplicates sends N identical copies at once", async () => {
    const { deliveries, received } = await payWithSwitches({ duplicates: 3 });
    expect(deliveries).toHaveLength(3);
    expect(deliveries.every((delivery) => delivery.status === "delivered")).toBe(true);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((callback) => callback.body)).size).toBe(1);
    const times = received.map((callback) => callback.at);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(500);
  });

  it("corruptSignature makes the shop's verification fail", async () => {
    const { deliveries, received } = await payWithSwitches({ corruptSignature: true });
    expect(deliveries[0]?.faults).toEqual(["corruptSignature"]);
    await expect(verifyGatewayResult(sandbox.atom, encDataOf(received[0]?.body ?? ""))).rejects.toBeInstanceOf(
      AtomSignatureError,
    );
  });

  it("tamperAmountPaise reports another amount under a valid signature; status tells the truth", async () => {
    const { input, received } = await payWithSwitches({ tamperAmountPaise: 1 });
    const tampered = await verifyGatewayResult(sandbox.atom, encDataOf(received[0]?.body ?? ""));
    expect(tampered).toMatchObject({ amountPaise: 1, totalAmountPaise: 1, outcome: "success" });
    expect(await sandbox.client().transactionStatus(input)).toMatchObject({ totalAmountPaise: 10_000 });
  });

  it("applies per token, per merchTxnId or globally; the most specific value wins", async () => {
    await sandbox.control.set({ callback: { duplicates: 2 } });
    const global = await payWithSwitches({ corruptSignature: true });
    expect(global.deliveries).toHaveLength(2);
    expect(global.deliveries[0]?.faults.sort()).toEqual(["corruptSignature", "duplicates"]);

    const overridden = await payWithSwitches({ duplicates: 1 });
    expect(overridden.deliveries).toHaveLength(1);

    const input = authInput();
    await sandbox.control.set({ scope: { merchTxnId: input.merchTxnId }, callback: { drop: true } });
    const token = await sandbox.client().auth(input);
    await payOnPage(sandbox.url, token.atomTokenId, CARD.success);
    expect(
      (await sandbox.control.deliveries({ merchTxnId: input.merchTxnId })).map((delivery) => delivery.status),
    ).toEqual(["dropped", "dropped"]);

    await sandbox.control.reset();
    const plain = await payWithSwitches(undefined);
    expect(plain.deliveries).toHaveLength(1);
    expect(plain.deliveries[0]?.faults).toEqual([]);
  });
});

describe("API switches", () => {
  it("fail5xx: N answers 503 N times, then works (the client's retries get through)", async () => {
    await sandbox.control.set({ api: { auth: { fail5xx: 2 } } });
    const events: Array<number | undefined> = [];
    const client = sandbox.client({}, { onCall: (event) => events.push(event.httpStatus) });
    const result = await client.auth(authInput());
    expect(result.statusCode).toBe("OTS0000");
    expect(events).toEqual([503, 503, 200]);
  });

  it("fail5xx: true fails every request", async () => {
    const { input } = await makePayment(sandbox);
    await sandbox.control.set({ scope: { merchTxnId: input.merchTxnId }, api: { status: { fail5xx: true } } });
    const error = await sandbox
      .client()
      .transactionStatus(input)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AtomSystemError);
    expect(error).toMatchObject({ reason: "unavailable", httpStatus: 503 });
    // Other payments are not affected.
    const other = await makePayment(sandbox);
    expect(await sandbox.client().transactionStatus(other.input)).toMatchObject({ outcome: "success" });
  });

  it("hangMs lets a refund happen but answers too late; the retry gets the first result", async () => {
    const { input, token } = await makePayment(sandbox);
    const atomTxnId = (await sandbox.control.transaction({ atomTokenId: token.atomTokenId }))?.atomTxnId ?? "";
    await sandbox.control.set({ scope: { atomTokenId: token.atomTokenId }, api: { refund: { hangMs: 3_000 } } });
    const refund = {
      merchTxnId: input.merchTxnId,
      atomTxnId,
      lines: [{ prodRefundId: newMerchTxnId("R"), amountPaise: 5_000 }],
    };
    const impatient = sandbox.client({}, { timeoutMs: 300, retry: { REFUND: { maxAttempts: 1 } } });
    await expect(impatient.refund(refund)).rejects.toBeInstanceOf(AtomTimeoutError);
    // The shop finds out through refund status, and a retry is recognised by prodRefundId.
    const status = await sandbox.client().refundStatus({ atomTxnId });
    expect(status.products[0]?.refunds.map((entry) => entry.prodRefundId)).toEqual([refund.lines[0]?.prodRefundId]);
    await sandbox.control.reset();
    expect(await sandbox.client().refund(refund)).toMatchObject({ accepted: true, totalRefundAmountPaise: 5_000 });
    expect((await sandbox.control.transaction({ atomTokenId: token.atomTokenId }))?.refundedPaise).toBe(5_000);
  });

  it("hangMs on refund status and AUTH too", async () => {
    await sandbox.control.set({ api: { refundStatus: { hangMs: 2_000 }, auth: { hangMs: 2_000 } } });
    const impatient = sandbox.client({}, { timeoutMs: 200, maxAttempts: 1 });
    await expect(impatient.refundStatus({ atomTxnId: "11000000001" })).rejects.toBeInstanceOf(AtomTimeoutError);
    await expect(impatient.auth(authInput())).rejects.toBeInstanceOf(AtomTimeoutError);
  });
});

describe("control route", () => {
  it("refuses switches it does not know, naming the problem", async () => {
    const response = await fetch(`${sandbox.url}/atom-sandbox/control`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ callback: { dupes: 2 }, api: { auth: { fail5xx: -1 } } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: string[] };
    expect(body.issues.join("\n")).toMatch(/callback/);
    expect((await fetch(`${sandbox.url}/atom-sandbox/control`, { method: "POST", body: "{" })).status).toBe(400);
  });

  it("lists the switches set and clears them all", async () => {
    await sandbox.control.set({
      scope: { merchTxnId: "X-1" },
      callback: { delayMs: 5 },
      api: { status: { fail5xx: 3 } },
    });
    const listed = (await (await fetch(`${sandbox.url}/atom-sandbox/control`)).json()) as {
      switches: Array<{ scope: string }>;
      api: Array<{ scope: string; api: string; failRemaining: number }>;
    };
    expect(listed.switches.map((entry) => entry.scope)).toEqual(["merchTxnId:X-1"]);
    expect(listed.api).toEqual([expect.objectContaining({ scope: "merchTxnId:X-1", api: "status", failRemaining: 3 })]);
    await sandbox.control.reset();
    expect(await (await fetch(`${sandbox.url}/atom-sandbox/control`)).json()).toEqual({ switches: [], api: [] });
  });
});
