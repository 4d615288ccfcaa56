import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import {
  createAtomClient,
  deriveCipherKey,
  encryptJson,
  formatGatewayDateTime,
  UAT_CREDENTIALS,
  type AtomClientOptions,
  type AtomConfig,
} from "@/lib/atom";
import { testAtomConfig } from "@/lib/atom/testing/samples";
import { installPeerAddressHook } from "@/lib/client-address";
import { sandboxControl } from "../control-client";
import { createSandboxService, type SandboxService } from "../service";

// Integration-test plumbing: the sandbox served over real HTTP (the same handle() the
// Next route calls), lib/atom's real client pointed at it, and a local callback receiver.

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shut(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Serves a fetch-style handler on a Node HTTP server. */
async function serve(
  handler: (request: Request) => Promise<Response>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      try {
        const body = await readBody(incoming);
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (typeof value === "string") headers.set(name, value);
        }
        const method = incoming.method ?? "GET";
        const request = new Request(new URL(incoming.url ?? "/", "http://127.0.0.1"), {
          method,
          headers,
          body: method === "GET" || method === "HEAD" ? undefined : new Uint8Array(body),
        });
        const response = await handler(request);
        outgoing.statusCode = response.status;
        response.headers.forEach((value, name) => outgoing.setHeader(name, value));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        console.error("sandbox test server:", error);
        if (!outgoing.headersSent) outgoing.statusCode = 500;
        outgoing.end();
      }
    })();
  });
  const url = await listen(server);
  return { url, close: () => shut(server) };
}

/** A URL nothing listens on (a port that was just free; fetch refuses "bad ports" like 9 outright). */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await shut(server);
  return url;
}

export interface ReceivedCallback {
  body: string;
  contentType: string | undefined;
  at: number;
  /** The status this receiver answered with. */
  answered: number;
}

/**
 * Stands in for the shop's /api/atom/callback: records each POST and answers with the
 * next status from `answers` (then 200 for good).
 */
async function startCallbackReceiver() {
  const received: ReceivedCallback[] = [];
  const answers: number[] = [];
  const server = createServer((incoming, outgoing) => {
    void readBody(incoming).then((body) => {
      const answered = answers.shift() ?? 200;
      received.push({
        body: body.toString("utf8"),
        contentType: incoming.headers["content-type"],
        at: Date.now(),
        answered,
      });
      outgoing.statusCode = answered;
      outgoing.end(answered < 300 ? "OK" : "error");
    });
  });
  const url = await listen(server);
  return {
    url,
    callbackUrl: `${url}/api/atom/callback`,
    received,
    /** Statuses for the next callbacks, in order. */
    answerWith(...statuses: number[]) {
      answers.push(...statuses);
    },
    close: () => shut(server),
  };
}
export type CallbackReceiver = Awaited<ReturnType<typeof startCallbackReceiver>>;

export interface SandboxHarness {
  url: string;
  /** Where callbacks go unless startSandbox was given another callbackUrl. */
  receiver: CallbackReceiver;
  database: TestDatabase;
  service: SandboxService;
  /** The shop's configuration, pointing at this sandbox. */
  atom: AtomConfig;
  control: ReturnType<typeof sandboxControl>;
  /** lib/atom's client against the sandbox; env overrides make a misconfigured shop. */
  client(env?: Record<string, string>, options?: AtomClientOptions): ReturnType<typeof createAtomClient>;
  /** Swaps the service for a new one on the same database, as after a restart. */
  restart(): Promise<void>;
  /** Another app instance on the same database, with its own HTTP server: a client for it. */
  secondInstance(): Promise<ReturnType<typeof createAtomClient>>;
  close(): Promise<void>;
}

/** A sandbox on a fresh test database, served over HTTP, sending callbacks to its own receiver. */
export async function startSandbox(options: { callbackUrl?: string } = {}): Promise<SandboxHarness> {
  // As in the app (instrumentation.ts): the control routes read the caller's address from it.
  installPeerAddressHook();
  const receiver = await startCallbackReceiver();
  const callbackUrl = options.callbackUrl ?? receiver.callbackUrl;
  const database = await createTestDatabase();
  let service: SandboxService | undefined;
  const server = await serve((request) => {
    if (service === undefined) throw new Error("sandbox not ready");
    return service.handle(request);
  });
  const atom = testAtomConfig({}, server.url);
  const start = () =>
    createSandboxService({
      db: database.db,
      atom,
      callbackUrl,
      controlAccess: { token: undefined, trustProxyHops: 0 },
    });
  service = start();
  const others: Array<{ service: SandboxService; close(): Promise<void> }> = [];
  const harness: SandboxHarness = {
    url: server.url,
    receiver,
    database,
    get service() {
      return service as SandboxService;
    },
    atom,
    control: sandboxControl(server.url),
    client: (env = {}, clientOptions = {}) =>
      createAtomClient(testAtomConfig(env, server.url), { timeoutMs: 5_000, baseDelayMs: 20, ...clientOptions }),
    async restart() {
      await service?.close();
      service = start();
    },
    async secondInstance() {
      const other = start();
      const otherServer = await serve((request) => other.handle(request));
      others.push({ service: other, close: otherServer.close });
      return createAtomClient(testAtomConfig({}, otherServer.url), { timeoutMs: 5_000, baseDelayMs: 20 });
    },
    async close() {
      for (const other of others) {
        await other.service.close();
        await other.close();
      }
      await service?.close();
      await server.close();
      await receiver.close();
      await database.destroy();
    },
  };
  return harness;
}

let sequence = 0;

/** A merchTxnId unique across test files and runs. */
export function newMerchTxnId(prefix = "SBX"): string {
  sequence += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid}-${sequence}`;
}

/** AUTH input for a small test payment made a second ago. */
export function authInput(
  overrides: { merchTxnId?: string; amountPaise?: number; subChannel?: "CC" | "DC" | "NB" | "UP" } = {},
) {
  return {
    merchTxnId: overrides.merchTxnId ?? newMerchTxnId(),
    merchTxnDate: new Date(Date.now() - 1_000),
    amountPaise: overrides.amountPaise ?? 10_000,
    custEmail: "shopper@example.com",
    custMobile: "9876543210",
    udf: { udf1: "order-42" },
    ...(overrides.subChannel === undefined ? {} : { subChannel: overrides.subChannel }),
  };
}

export const TEST_RETURN_URL = "http://127.0.0.1:9/shop/return";

/** The shopper opens the overlay's page and submits a form on it; returns the HTML answer. */
export async function payOnPage(
  sandboxUrl: string,
  atomTokenId: string,
  form: Record<string, string>,
): Promise<{ status: number; html: string }> {
  const query = new URLSearchParams({
    merchId: UAT_CREDENTIALS.merchId,
    custEmail: "shopper@example.com",
    custMobile: "9876543210",
    returnUrl: TEST_RETURN_URL,
  });
  const opened = await fetch(`${sandboxUrl}/atom-sandbox/pay/${atomTokenId}?${query}`);
  if (opened.status !== 200) throw new Error(`payment page answered ${opened.status}`);
  await opened.text();
  const response = await fetch(`${sandboxUrl}/atom-sandbox/pay/${atomTokenId}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, html: await response.text() };
}

export const CARD = {
  success: {
    method: "card",
    cardNumber: "4111 1111 1111 1111",
    cardExpiry: "12/30",
    cardCvv: "123",
    cardName: "Test Shopper",
  },
  surcharge: {
    method: "card",
    cardNumber: "5555555555554444",
    cardExpiry: "12/30",
    cardCvv: "123",
    cardName: "Test Shopper",
  },
  declined: {
    method: "card",
    cardNumber: "4000000000000002",
    cardExpiry: "12/30",
    cardCvv: "123",
    cardName: "Test Shopper",
  },
  pending: {
    method: "card",
    cardNumber: "4000000000000077",
    cardExpiry: "12/30",
    cardCvv: "123",
    cardName: "Test Shopper",
  },
} as const;

/** The encData the return page posts to returnUrl. */
export function returnedEncData(html: string): string {
  const match = /name="encData" value="([0-9A-F]+)"/.exec(html);
  if (match?.[1] === undefined) throw new Error("no encData in the return page");
  return match[1];
}

/** AUTH, then pay on the page: the usual way to a paid sandbox transaction. */
export async function makePayment(
  harness: SandboxHarness,
  form: Record<string, string> = CARD.success,
  amountPaise = 10_000,
) {
  const input = authInput({ amountPaise });
  const token = await harness.client().auth(input);
  const page = await payOnPage(harness.url, token.atomTokenId, form);
  return { input, token, page };
}

/** A request the client would never send (to test the gateway's own validation): encrypt and POST as is. */
export async function postRawRequest(
  url: string,
  atom: AtomConfig,
  payload: unknown,
  merchId = atom.merchId,
): Promise<{ status: number; contentType: string | null; text: string }> {
  const key = await deriveCipherKey(atom.requestEncryption.key, atom.requestEncryption.salt);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ merchId, encData: encryptJson(key, payload) }).toString(),
  });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

/** A valid AUTH payload as JSON, for tests to break one field at a time. */
export function rawAuthPayload(atom: AtomConfig, merchTxnId = newMerchTxnId()) {
  return {
    payInstrument: {
      headDetails: { version: "OTSv1.1", api: "AUTH", platform: "FLASH" },
      merchDetails: {
        merchId: Number(atom.merchId),
        password: atom.password.reveal(),
        merchTxnId,
        merchTxnDate: formatGatewayDateTime(new Date(Date.now() - 60_000)),
      },
      payDetails: { amount: 100, product: atom.productId, txnCurrency: "INR" },
      custDetails: { custEmail: "shopper@example.com", custMobile: "9876543210" },
    },
  };
}

/** Polls until check() returns a value (not undefined), or fails after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
