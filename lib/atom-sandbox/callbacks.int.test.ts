import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyGatewayResult } from "@/lib/atom";
import {
  authInput,
  CARD,
  eventually,
  makePayment,
  payOnPage,
  returnedEncData,
  startSandbox,
  TEST_RETURN_URL,
  unreachableUrl,
  type SandboxHarness,
} from "./testing/sandbox-harness";

// Completion like the gateway: the server-to-server callback to a real local receiver
// (retried while it answers 5xx or cannot be reached, final on 4xx), the browser's
// return post, and pending payments that settle later, also across a restart.

let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());
beforeEach(async () => {
  // Short backoff so retries finish within a test; each test names its own payments.
  await sandbox.control.reset();
  await sandbox.control.set({ callback: { retryBaseMs: 50 } });
});

// Read each received callback once, through the shop's own verification.
async function decode(callback: { body: string }) {
  return verifyGatewayResult(sandbox.atom, new URLSearchParams(callback.body).get("encData") ?? "");
}

async function receivedFor(merchTxnId: string) {
  const matching = [];
  for (const callback of sandbox.receiver.received) {
    const payment = await decode(callback).catch(() => null);
    if (payment?.merchTxnId === merchTxnId) matching.push({ callback, payment });
  }
  return matching;
}

const finalDeliveries = (merchTxnId: string) =>
  eventually(
    async () => {
      const deliveries = await sandbox.control.deliveries({ merchTxnId });
      return deliveries.length > 0 && deliveries.every((delivery) => delivery.status !== "scheduled")
        ? deliveries
        : undefined;
    },
    15_000,
    `callbacks for ${merchTxnId} to finish`,
  );

describe("callback delivery", () => {
  it("posts the encrypted, signed result as a form once the payment ends", async () => {
    const { input, token } = await makePayment(sandbox, CARD.success);
    const [delivery] = await finalDeliveries(input.merchTxnId);
    expect(delivery).toMatchObject({
      status: "delivered",
      lastHttpStatus: 200,
      faults: [],
      targetUrl: sandbox.receiver.callbackUrl,
    });
    expect(delivery?.attempts).toHaveLength(1);

    const [received] = await receivedFor(input.merchTxnId);
    expect(received?.callback.contentType).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(received?.callback.body).get("merchId")).toBe("317157");
    expect(received?.payment).toMatchObject({
      outcome: "success",
      statusCode: "OTS0000",
      totalAmountPaise: 10_000,
      subChannel: "CC",
    });
    const raw = delivery?.payload as {
      payInstrument: { payModeSpecificData: { subChannel: unknown }; extras: unknown; custDetails: unknown };
    };
    expect(raw.payInstrument.payModeSpecificData.subChannel).toEqual(["CC"]);
    expect(raw.payInstrument.extras).toEqual({ udf1: "order-42" });
    // The control route names the body by its digest and masks the shopper's details.
    expect(delivery?.bodySha256).toBe(createHash("sha256").update(received!.callback.body).digest("hex"));
    expect(raw.payInstrument.custDetails).toEqual({ custEmail: "s***@example.com", custMobile: "******3210" });
    expect(JSON.stringify(delivery)).not.toMatch(/shopper@example\.com|9876543210/);
    expect((await sandbox.control.transaction({ atomTokenId: token.atomTokenId }))?.status).toBe("success");
  });

  it("carries the surcharge: totalAmount = amount + surchargeAmount", async () => {
    const { input } = await makePayment(sandbox, CARD.surcharge, 25_000);
    await finalDeliveries(input.merchTxnId);
    const [received] = await receivedFor(input.merchTxnId);
    expect(received?.payment).toMatchObject({
      amountPaise: 25_000,
      surchargePaise: 1_180,
      totalAmountPaise: 26_180,
      subChannel: "DC",
    });
  });

  it("retries with growing waits while the shop answers 5xx, then stops at 2xx", async () => {
    sandbox.receiver.answerWith(500, 503);
    const { input } = await makePayment(sandbox, CARD.success);
    const [delivery] = await finalDeliveries(input.merchTxnId);
    expect(delivery?.status).toBe("delivered");
    expect(delivery?.attempts.map((attempt) => attempt.httpStatus)).toEqual([500, 503, 200]);
    const times = (delivery?.attempts ?? []).map((attempt) => Date.parse(attempt.startedAt));
    const waits = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    expect(waits[0]).toBeGreaterThanOrEqual(45); // 50 ms, then 100 ms
    expect(waits[1]).toBeGreaterThanOrEqual(95);
  });

  it("treats a 4xx as final and records it", async () => {
    sandbox.receiver.answerWith(400);
    const { input } = await makePayment(sandbox, CARD.success);
    const [delivery] = await finalDeliveries(input.merchTxnId);
    expect(delivery).toMatchObject({ status: "failed", lastHttpStatus: 400 });
    expect(delivery?.attempts).toHaveLength(1);
  });

  it("gives up after the last attempt when the shop cannot be reached", async () => {
    const down = await startSandbox({ callbackUrl: `${await unreachableUrl()}/api/atom/callback` });
    try {
      await down.control.set({ callback: { retryBaseMs: 20, maxAttempts: 3 } });
      const { input } = await makePayment(down, CARD.success);
      const deliveries = await eventually(async () => {
        const list = await down.control.deliveries({ merchTxnId: input.merchTxnId });
        return list[0]?.status === "failed" ? list : undefined;
      });
      expect(deliveries[0]?.attempts.map((attempt) => attempt.httpStatus)).toEqual([null, null, null]);
      expect(deliveries[0]?.lastError).toBe("ECONNREFUSED");
    } finally {
      await down.close();
    }
  });

  it("reports a cancelled payment (OTS0101) and a declined one", async () => {
    const cancelled = await makePayment(sandbox, { action: "cancel" });
    const declined = await makePayment(sandbox, CARD.declined);
    await finalDeliveries(cancelled.input.merchTxnId);
    await finalDeliveries(declined.input.merchTxnId);
    expect((await receivedFor(cancelled.input.merchTxnId))[0]?.payment).toMatchObject({
      outcome: "failed",
      statusCode: "OTS0101",
    });
    expect((await receivedFor(declined.input.merchTxnId))[0]?.payment).toMatchObject({
      outcome: "failed",
      statusCode: "OTS0600",
    });
  });
});

describe("browser return", () => {
  it("posts encData and merchId to returnUrl in the top window, verifiable by the shop", async () => {
    const { input, page } = await makePayment(sandbox, CARD.success);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`action="${TEST_RETURN_URL}"`);
    expect(page.html).toContain('target="_top"');
    expect(page.html).toContain('name="merchId" value="317157"');
    expect(page.html).toContain('document.getElementById("return-form").submit()');
    const payment = await verifyGatewayResult(sandbox.atom, returnedEncData(page.html));
    expect(payment).toMatchObject({ merchTxnId: input.merchTxnId, outcome: "success" });
  });

  it("takes one payment per token: a second submission shows the first result", async () => {
    const { token, input } = await makePayment(sandbox, CARD.success);
    const again = await payOnPage(sandbox.url, token.atomTokenId, CARD.declined);
    expect(again.html).toContain("Payment successful");
    expect(again.html).not.toContain('return-form").submit()');
    await finalDeliveries(input.merchTxnId);
    expect(await sandbox.control.deliveries({ merchTxnId: input.merchTxnId })).toHaveLength(1);
  });
});

describe("pending payments", () => {
  it("stay pending (OTS0551, no callback) until they settle, then send the callback", async () => {
    const input = authInput();
    await sandbox.control.set({ scope: { merchTxnId: input.merchTxnId }, pending: { settleAfterMs: 1_500 } });
    const token = await sandbox.client().auth(input);
    const page = await payOnPage(sandbox.url, token.atomTokenId, { method: "upi", vpa: "pending@upi" });
    expect((await verifyGatewayResult(sandbox.atom, returnedEncData(page.html))).statusCode).toBe("OTS0551");

    const before = await sandbox.client().transactionStatus(input);
    expect(before).toMatchObject({ outcome: "pending", statusCode: "OTS0551", subChannel: "UP" });
    expect(await sandbox.control.deliveries({ merchTxnId: input.merchTxnId })).toEqual([]);

    const [delivery] = await finalDeliveries(input.merchTxnId);
    expect(delivery?.status).toBe("delivered");
    expect((await receivedFor(input.merchTxnId))[0]?.payment).toMatchObject({
      outcome: "success",
      statusCode: "OTS0000",
    });
    expect(await sandbox.client().transactionStatus(input)).toMatchObject({
      outcome: "success",
      bankTxnId: before.bankTxnId,
    });
  });

  it("can settle as failed", async () => {
    const input = authInput();
    await sandbox.control.set({
      scope: { merchTxnId: input.merchTxnId },
      pending: { settleAfterMs: 200, settleAs: "failed" },
    });
    const token = await sandbox.client().auth(input);
    await payOnPage(sandbox.url, token.atomTokenId, CARD.pending);
    await finalDeliveries(input.merchTxnId);
    expect((await receivedFor(input.merchTxnId))[0]?.payment).toMatchObject({
      outcome: "failed",
      statusCode: "OTS0600",
    });
  });

  it("are sent after a restart with no request reaching the sandbox", async () => {
    const input = authInput();
    await sandbox.control.set({ scope: { merchTxnId: input.merchTxnId }, callback: { delayMs: 1_000 } });
    const token = await sandbox.client().auth(input);
    await payOnPage(sandbox.url, token.atomTokenId, CARD.success);
    // The process "dies" before the delivery is due; its timer dies with it, and the new
    // instance's first catch-up finds nothing due yet. From here on nothing asks the sandbox.
    await sandbox.restart();
    const [delivered] = await eventually(
      async () => {
        const received = await receivedFor(input.merchTxnId);
        return received.length > 0 ? received : undefined;
      },
      15_000,
      "the callback",
    );
    expect(delivered?.payment).toMatchObject({ merchTxnId: input.merchTxnId, outcome: "success" });
  });

  it("settle after a restart: on the status read, or by the catch-up", async () => {
    const [readInput, quietInput] = [authInput(), authInput()];
    for (const input of [readInput, quietInput]) {
      await sandbox.control.set({ scope: { merchTxnId: input.merchTxnId }, pending: { settleAfterMs: 300 } });
      const token = await sandbox.client().auth(input);
      await payOnPage(sandbox.url, token.atomTokenId, CARD.pending);
    }
    // The process "dies" before its timers fire.
    await sandbox.restart();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await sandbox.client().transactionStatus(readInput)).toMatchObject({ outcome: "success" });
    await finalDeliveries(readInput.merchTxnId);
    // Nobody asks about the other one: the catch-up a starting instance runs settles it,
    // before the periodic one (4–6 s later) could.
    await sandbox.restart();
    await sandbox.service.context.background.idle();
    expect((await sandbox.control.transaction({ merchTxnId: quietInput.merchTxnId }))?.status).toBe("success");
    await finalDeliveries(quietInput.merchTxnId);
  });
});
