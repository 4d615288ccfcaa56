import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createAtomClient, type AtomCallEvent, type AtomClientOptions } from "./client";
import {
  AtomConfigurationError,
  AtomError,
  AtomGatewayError,
  AtomSignatureError,
  AtomSystemError,
  AtomTimeoutError,
  AtomTransactionNotFoundError,
  AtomValidationError,
  AtomWrongKeyError,
} from "./errors";
import {
  buildAuthAnswer,
  buildPaymentResult,
  buildRefundAnswer,
  buildRefundStatusAnswer,
  buildStatusAnswer,
  decryptFromMerchant,
  encryptedFormBody,
  encryptForMerchant,
  readMerchantForm,
  type GatewayKeys,
} from "./gateway-side";
import { samplePayment, testAtomConfig } from "./testing/samples";

// The gateway's side of the keys (the UAT ones, as every test config here holds).
const keys: GatewayKeys = testAtomConfig();
const TOKEN_GENERATED = { statusCode: "OTS0000", message: "SUCCESS", description: "ATOM TOKEN ID HAS BEEN GENERATED" };
const sampleStatusAnswer = (gateway: GatewayKeys = keys) =>
  buildStatusAnswer(gateway, samplePayment(), { reconStatus: "RS", form: "object" });

// A real HTTP server on 127.0.0.1 (port 0): real sockets, no fetch mocks.

interface ReceivedRequest {
  path: string;
  contentType: string | undefined;
  body: string;
  at: number;
}
type Handler = (request: ReceivedRequest, response: ServerResponse, count: number) => void | Promise<void>;

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startGateway(handler: Handler) {
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request = {
        path: incoming.url ?? "",
        contentType: incoming.headers["content-type"],
        body: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
      };
      requests.push(request);
      void Promise.resolve(handler(request, response, requests.length)).catch((error: unknown) => {
        response.statusCode = 599;
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handle = {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return { url, requests, config: testAtomConfig({}, url) };
}

/** The gateway's habit: a form-encoded body labelled application/json. */
function answer(response: ServerResponse, body: string, status = 200, contentType = "application/json"): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

function clientFor(config: ReturnType<typeof testAtomConfig>, options: AtomClientOptions = {}) {
  const events: AtomCallEvent[] = [];
  const client = createAtomClient(config, {
    timeoutMs: 1_000,
    baseDelayMs: 40,
    maxDelayMs: 200,
    ...options,
    onCall: (event) => {
      events.push(event);
      options.onCall?.(event);
    },
  });
  return { client, events };
}

async function rejection(promise: Promise<unknown>): Promise<AtomError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AtomError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

const authInput = {
  merchTxnId: "ORDER-42-A1",
  merchTxnDate: new Date(Date.now() - 60_000),
  amountPaise: 33_667,
  custEmail: "shopper@example.com",
  custMobile: "9876543210",
};
const statusInput = { merchTxnId: "TEST-TXN-0001", merchTxnDate: new Date(), amountPaise: 33_667 };

describe("AtomClient against a local HTTP gateway", () => {
  it("AUTH: posts the encrypted form, reads the JSON-labelled form answer, returns the token as a string", async () => {
    const gateway = await startGateway(async (request, response) => {
      answer(response, await encryptedFormBody(keys, buildAuthAnswer(TOKEN_GENERATED, "15000000085830")));
    });
    const { client, events } = clientFor(gateway.config);

    const result = await client.auth(authInput);

    expect(result).toEqual({
      atomTokenId: "15000000085830",
      merchTxnId: "ORDER-42-A1",
      statusCode: "OTS0000",
      message: "SUCCESS",
      description: "ATOM TOKEN ID HAS BEEN GENERATED",
    });
    const [request] = gateway.requests;
    expect(request?.path).toBe("/atom-sandbox/ots/aipay/auth");
    expect(request?.contentType).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(request?.body).get("encData")).toMatch(/^[0-9A-F]+$/);
    const sent = readMerchantForm(request?.body ?? "");
    expect(sent?.merchId).toBe("317157");
    expect(await decryptFromMerchant(keys, sent?.encData ?? "")).toMatchObject({
      payInstrument: { merchDetails: { merchTxnId: "ORDER-42-A1" }, payDetails: { amount: 336.67 } },
    });
    expect(events).toEqual([
      {
        api: "AUTH",
        merchTxnId: "ORDER-42-A1",
        attempt: 1,
        durationMs: expect.any(Number),
        outcome: "ok",
        httpStatus: 200,
        willRetry: false,
      },
    ]);
  });

  it("STATUS, REFUND and REFUNDSTATUS round-trip through the same transport", async () => {
    const gateway = await startGateway(async (request, response) => {
      const payload = request.path.endsWith("/v2/payment/status")
        ? sampleStatusAnswer()
        : request.path.endsWith("/refund")
          ? buildRefundAnswer(
              { statusCode: "OTS0000", message: "SUCCESS", description: "REFUND INITIATED" },
              {
                atomTxnId: "11000000460337",
                lines: [
                  {
                    prodName: "NSE",
                    refundTxnId: "2000000100",
                    prodRefundId: "R-1",
                    prodStatusCode: "OTS0000",
                    prodDescription: "FULL REFUND INITIATED",
                    amountPaise: 500,
                  },
                ],
              },
            )
          : buildRefundStatusAnswer([
              {
                prodName: "NSE",
                refunds: [
                  {
                    refundTxnId: "2000000100",
                    prodRefundId: "R-1",
                    amountPaise: 500,
                    remarks: "Refund processed",
                    initiatedAt: "2025-01-16 11:00:00",
                  },
                ],
              },
            ]);
      answer(response, await encryptedFormBody(keys, payload), 200, "text/plain");
    });
    const { client, events } = clientFor(gateway.config);

    const status = await client.transactionStatus(statusInput);
    expect(status).toMatchObject({
      outcome: "success",
      reconStatus: "RS",
      signatureChecked: true,
      atomTxnId: "11000000460337",
    });

    const refund = await client.refund({
      merchTxnId: "TEST-TXN-0001",
      atomTxnId: status.atomTxnId,
      lines: [{ prodRefundId: "R-1", amountPaise: 500 }],
    });
    expect(refund).toMatchObject({ accepted: true, totalRefundAmountPaise: 500, lines: [{ prodRefundId: "R-1" }] });

    const refunds = await client.refundStatus({ atomTxnId: status.atomTxnId });
    expect(refunds.products[0]?.refunds[0]).toMatchObject({ prodRefundId: "R-1", amountPaise: 500 });
    expect(gateway.requests.map((request) => request.path)).toEqual([
      "/atom-sandbox/ots/v2/payment/status",
      "/atom-sandbox/ots/payment/refund",
      "/atom-sandbox/ots/payment/refund-status",
    ]);
    // Each event names the payment it is about, as its API's input does.
    expect(events.map(({ api, merchTxnId, atomTxnId }) => ({ api, merchTxnId, atomTxnId }))).toEqual([
      { api: "STATUS", merchTxnId: "TEST-TXN-0001", atomTxnId: undefined },
      { api: "REFUND", merchTxnId: "TEST-TXN-0001", atomTxnId: undefined },
      { api: "REFUNDSTATUS", merchTxnId: undefined, atomTxnId: "11000000460337" },
    ]);
  });

  it("verifyGatewayResult verifies a posted callback", async () => {
    const { client } = clientFor(testAtomConfig());
    const encData = await encryptForMerchant(keys, buildPaymentResult(keys, samplePayment({ statusCode: "OTS0551" })));
    expect((await client.verifyGatewayResult(encData)).outcome).toBe("pending");
  });

  it("'no such transaction' is an answer, not a failed call: the caller gets the error, the event says ok", async () => {
    const noData = {
      payInstrument: [{ responseDetails: { statusCode: "OTS0401", message: "NODATA", description: "No data found" } }],
    };
    const gateway = await startGateway(async (_request, response) =>
      answer(response, await encryptedFormBody(keys, noData)),
    );
    const { client, events } = clientFor(gateway.config);
    expect(await rejection(client.transactionStatus(statusInput))).toBeInstanceOf(AtomTransactionNotFoundError);
    expect(events.map(({ outcome, gatewayCode, willRetry }) => ({ outcome, gatewayCode, willRetry }))).toEqual([
      { outcome: "ok", gatewayCode: "OTS0401", willRetry: false },
    ]);
  });

  it("an empty body means the gateway could not read the request: configuration, no retry", async () => {
    const gateway = await startGateway((_request, response) => answer(response, ""));
    const { client, events } = clientFor(gateway.config);
    const error = await rejection(client.transactionStatus(statusInput));
    expect(error).toBeInstanceOf(AtomConfigurationError);
    expect(error.message).toMatch(/ATOM_REQ_ENC_KEY/);
    expect(gateway.requests).toHaveLength(1);
    expect(events.map((event) => event.outcome)).toEqual(["configuration"]);
  });

  it.each([
    ["no encData", "merchId=317157"],
    ["empty encData", "merchId=317157&encData="],
    ["null encData", "merchId=317157&encData=null"],
    ["unexpected JSON", '{"hello":"world"}'],
  ])("%s → an 'other' error for support, no retry", async (_name, body) => {
    const gateway = await startGateway((_request, response) => answer(response, body));
    const { client } = clientFor(gateway.config);
    const error = await rejection(client.transactionStatus(statusInput));
    expect(error).toBeInstanceOf(AtomGatewayError);
    expect(error.kind).toBe("other");
    expect(gateway.requests).toHaveLength(1);
  });

  it.each([
    ["OTS0451", 200, AtomConfigurationError],
    ["OTS0506", 200, AtomSignatureError],
    ["OTS0600", 200, AtomValidationError],
    ["OTS0600", 400, AtomValidationError],
    ["OTS0451", 403, AtomConfigurationError],
    ["OTS0600", 402, AtomGatewayError],
  ] as const)("plain JSON error %s with HTTP %i → %O, no retry", async (code, httpStatus, errorClass) => {
    const gateway = await startGateway((_request, response) =>
      answer(
        response,
        JSON.stringify({ txnStatusCode: code, txnMessage: "FAILED", txnDescription: "SOMETHING WAS WRONG" }),
        httpStatus,
      ),
    );
    const { client, events } = clientFor(gateway.config);
    const error = await rejection(client.auth(authInput));
    expect(error).toBeInstanceOf(errorClass);
    expect(error.httpStatus ?? 200).toBe(httpStatus);
    expect(error.message).toContain("SOMETHING WAS WRONG");
    expect(gateway.requests).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(events[0]?.willRetry).toBe(false);
  });

  it("an encrypted AUTH refusal is mapped by its code", async () => {
    const gateway = await startGateway(async (_request, response) =>
      answer(
        response,
        await encryptedFormBody(
          keys,
          buildAuthAnswer({ statusCode: "OTS0451", message: "FAILED", description: "FAILED" }),
        ),
      ),
    );
    const { client } = clientFor(gateway.config);
    const error = await rejection(client.auth(authInput));
    expect(error).toBeInstanceOf(AtomConfigurationError);
    expect(error.gatewayCode).toBe("OTS0451");
  });

  it("a hanging gateway times out; AUTH is not retried after a timeout by default", async () => {
    const gateway = await startGateway(() => undefined); // never answers
    const { client, events } = clientFor(gateway.config, { timeoutMs: 150 });
    const started = performance.now();
    const error = await rejection(client.auth(authInput));
    expect(error).toBeInstanceOf(AtomTimeoutError);
    expect(error.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(gateway.requests).toHaveLength(1);
    expect(events).toMatchObject([{ api: "AUTH", attempt: 1, outcome: "system", willRetry: false }]);
  });

  it("a hanging gateway is retried for STATUS, and for AUTH when the caller opts in", async () => {
    const gateway = await startGateway(() => undefined);
    const { client, events } = clientFor(gateway.config, {
      timeoutMs: 100,
      maxAttempts: 2,
      retry: { AUTH: { retryOn: ["network", "timeout", "unavailable"] } },
    });
    expect(await rejection(client.transactionStatus(statusInput))).toBeInstanceOf(AtomTimeoutError);
    expect(await rejection(client.auth(authInput))).toBeInstanceOf(AtomTimeoutError);
    expect(gateway.requests).toHaveLength(4);
    expect(events.map((event) => `${event.api}#${event.attempt}:${event.willRetry}`)).toEqual([
      "STATUS#1:true",
      "STATUS#2:false",
      "AUTH#1:true",
      "AUTH#2:false",
    ]);
  });

  it("503 then success: retried after a backoff delay, the same request body resent", async () => {
    const gateway = await startGateway(async (_request, response, count) => {
      if (count === 1) {
        answer(response, "Service Unavailable", 503, "text/plain");
        return;
      }
      answer(response, await encryptedFormBody(keys, sampleStatusAnswer()));
    });
    const { client, events } = clientFor(gateway.config, { baseDelayMs: 80, random: () => 0 });
    const status = await client.transactionStatus(statusInput);
    expect(status.outcome).toBe("success");
    const [first, second] = gateway.requests;
    expect(second?.body).toBe(first?.body);
    // Equal jitter with random() = 0 waits half the first step: 40 ms.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(35);
    expect(events).toMatchObject([
      { attempt: 1, outcome: "system", httpStatus: 503, willRetry: true },
      { attempt: 2, outcome: "ok", httpStatus: 200, willRetry: false },
    ]);
  });

  it("5xx every time: gives up after maxAttempts with a system error", async () => {
    const gateway = await startGateway((_request, response) => answer(response, "", 500));
    const { client } = clientFor(gateway.config, { maxAttempts: 3, baseDelayMs: 5 });
    const error = await rejection(client.refundStatus({ atomTxnId: "11000000460337" }));
    expect(error).toBeInstanceOf(AtomSystemError);
    expect((error as AtomSystemError).reason).toBe("unavailable");
    expect(gateway.requests).toHaveLength(3);
  });

  it("401: configuration error, never retried", async () => {
    const gateway = await startGateway((_request, response) => answer(response, "Unauthorized", 401, "text/plain"));
    const { client } = clientFor(gateway.config, { maxAttempts: 5 });
    const error = await rejection(
      client.refund({
        merchTxnId: "TEST-TXN-0001",
        atomTxnId: "11000000460337",
        lines: [{ prodRefundId: "R-1", amountPaise: 500 }],
      }),
    );
    expect(error).toBeInstanceOf(AtomConfigurationError);
    expect(error.httpStatus).toBe(401);
    expect(error.retryable).toBe(false);
    expect(gateway.requests).toHaveLength(1);
  });

  it("a refused connection is a retried 'unreachable' error", async () => {
    const gateway = await startGateway(() => undefined);
    const config = gateway.config;
    await servers.pop()?.close(); // nothing listens on that port any more
    const { client, events } = clientFor(config, { maxAttempts: 2, baseDelayMs: 5 });
    const error = await rejection(client.transactionStatus(statusInput));
    expect(error).toBeInstanceOf(AtomSystemError);
    expect((error as AtomSystemError).reason).toBe("unreachable");
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(events).toHaveLength(2);
  });

  it("an answer encrypted with another key is a decryption error, not retried", async () => {
    const other = testAtomConfig({ ATOM_RES_DEC_KEY: "0123456789ABCDEF0123456789ABCDEF" });
    const gateway = await startGateway(async (_request, response) =>
      answer(response, await encryptedFormBody(other, sampleStatusAnswer(other))),
    );
    const { client } = clientFor(gateway.config);
    expect(await rejection(client.transactionStatus(statusInput))).toBeInstanceOf(AtomWrongKeyError);
    expect(gateway.requests).toHaveLength(1);
  });

  it("a redirect is reported as a wrong URL", async () => {
    const gateway = await startGateway((_request, response) => {
      response.writeHead(302, { location: "/elsewhere" });
      response.end();
    });
    const { client } = clientFor(gateway.config);
    expect(await rejection(client.transactionStatus(statusInput))).toBeInstanceOf(AtomConfigurationError);
  });

  it("invalid input fails before anything is sent, and is reported as attempt 0", async () => {
    const gateway = await startGateway((_request, response) => answer(response, ""));
    const { client, events } = clientFor(gateway.config);
    expect(await rejection(client.auth({ ...authInput, custEmail: "nope" }))).toBeInstanceOf(AtomValidationError);
    expect(gateway.requests).toHaveLength(0);
    expect(events).toMatchObject([
      { api: "AUTH", merchTxnId: "ORDER-42-A1", attempt: 0, outcome: "validation", willRetry: false },
    ]);
  });

  it("a listener that throws does not break the call", async () => {
    const gateway = await startGateway(async (_request, response) =>
      answer(response, await encryptedFormBody(keys, buildAuthAnswer(TOKEN_GENERATED, "15000000085830"))),
    );
    const { client } = clientFor(gateway.config, {
      onCall: () => {
        throw new Error("metrics are down");
      },
    });
    await expect(client.auth(authInput)).resolves.toMatchObject({ statusCode: "OTS0000" });
  });
});
