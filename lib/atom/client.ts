import { authResponseSchema, buildAuthRequest, type AuthInput, type AuthResult } from "./auth-payload";
import { decryptJson, deriveCipherKey, encryptJson, type CipherKey } from "./cipher";
import type { AtomConfig } from "./config";
import {
  AtomConfigurationError,
  AtomError,
  AtomGatewayError,
  AtomSystemError,
  AtomTimeoutError,
  AtomTransactionNotFoundError,
  type AtomApi,
  type AtomErrorKind,
} from "./errors";
import { errorForGatewayStatus, errorForHttpStatus, type GatewayStatus } from "./gateway-errors";
import { verifyGatewayResult } from "./gateway-result";
import { parseOrThrow } from "./payload-fields";
import type { VerifiedPayment } from "./payment-payload";
import {
  buildRefundRequest,
  refundResponseSchema,
  toRefundResult,
  type RefundInput,
  type RefundResult,
} from "./refund-payload";
import {
  buildRefundStatusRequest,
  refundStatusResponseSchema,
  toRefundStatusResult,
  type RefundStatusInput,
  type RefundStatusResult,
} from "./refund-status-payload";
import { backoffDelayMs, DEFAULT_RETRY_ON, type RetryPolicy } from "./retry-policy";
import {
  buildStatusRequest,
  readStatusResponse,
  type TransactionStatusInput,
  type VerifiedTransactionStatus,
} from "./status-payload";

export type AtomCallOutcome = "ok" | AtomErrorKind;

/** One attempt of one API call, for metrics and logs. Holds no payload and no secret. */
export interface AtomCallEvent {
  api: AtomApi;
  /** The payment the call is about, by the merchant's reference (AUTH, STATUS, REFUND)... */
  merchTxnId?: string;
  /** ...or by the gateway's (REFUNDSTATUS names only that). */
  atomTxnId?: string;
  /** 1 for the first request sent; 0 when the call failed before anything was sent (validation). */
  attempt: number;
  durationMs: number;
  outcome: AtomCallOutcome;
  httpStatus?: number;
  gatewayCode?: string;
  /** Whether the client will try again after this attempt. */
  willRetry: boolean;
}

export interface AtomClientOptions {
  /** Per attempt, covering connect, headers and body. Default 15 s. */
  timeoutMs?: number;
  /** Attempts per call for every API unless `retry` says otherwise. Default 3. */
  maxAttempts?: number;
  /** First backoff step; doubles per retry up to maxDelayMs. Defaults 250 ms / 4 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-API overrides of attempts and of which system errors are retried (see DEFAULT_RETRY_ON). */
  retry?: Partial<Record<AtomApi, Partial<RetryPolicy>>>;
  onCall?: (event: AtomCallEvent) => void;
  /** Jitter source, replaceable in tests. */
  random?: () => number;
}

export interface AtomClient {
  /** AUTH: returns the atomTokenId for the checkout script; throws for any refusal. */
  auth(input: AuthInput): Promise<AuthResult>;
  /** Requery one payment; the result is verified like a callback. */
  transactionStatus(input: TransactionStatusInput): Promise<VerifiedTransactionStatus>;
  /** REFUNDINIT; `accepted` and each line's code say what the gateway did. */
  refund(input: RefundInput): Promise<RefundResult>;
  refundStatus(input: RefundStatusInput): Promise<RefundStatusResult>;
  /** Decrypt and verify the encData posted to the callback or return URL. */
  verifyGatewayResult(encData: string): Promise<VerifiedPayment>;
}

// Codes that mean "your setup is wrong" whichever API answers them.
const REFUSALS = new Set(["OTS0451", "OTS0506"]);

export function createAtomClient(config: AtomConfig, options: AtomClientOptions = {}): AtomClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 4_000,
    random: options.random ?? Math.random,
  };
  const policyFor = (api: AtomApi): RetryPolicy => ({
    maxAttempts: Math.max(1, options.retry?.[api]?.maxAttempts ?? options.maxAttempts ?? 3),
    retryOn: options.retry?.[api]?.retryOn ?? DEFAULT_RETRY_ON[api],
  });
  const urlFor: Record<AtomApi, string> = {
    AUTH: config.urls.auth,
    STATUS: config.urls.status,
    REFUND: config.urls.refund,
    REFUNDSTATUS: config.urls.refundStatus,
  };

  const report = (event: AtomCallEvent): void => {
    try {
      options.onCall?.(event);
    } catch {
      // A broken listener must not turn a payment call into a failure.
    }
  };

  const keys = (): Promise<[CipherKey, CipherKey]> =>
    Promise.all([
      deriveCipherKey(config.requestEncryption.key, config.requestEncryption.salt),
      deriveCipherKey(config.responseEncryption.key, config.responseEncryption.salt),
    ]);

  /** build → encrypt → POST (with retries) → decrypt → read. `payment` names the payment in each event. */
  async function call<T>(
    api: AtomApi,
    payment: Pick<AtomCallEvent, "merchTxnId" | "atomTxnId">,
    build: () => unknown,
    read: (decrypted: unknown) => T,
  ): Promise<T> {
    const started = performance.now();
    let payload: unknown;
    try {
      payload = build();
    } catch (error) {
      report({
        api,
        ...payment,
        attempt: 0,
        durationMs: performance.now() - started,
        outcome: outcomeOf(error),
        willRetry: false,
      });
      throw error;
    }
    const [requestKey, responseKey] = await keys();
    const body = new URLSearchParams({ merchId: config.merchId, encData: encryptJson(requestKey, payload) }).toString();
    const policy = policyFor(api);

    for (let attempt = 1; ; attempt += 1) {
      const attemptStarted = performance.now();
      let httpStatus: number | undefined;
      try {
        const response = await post(api, urlFor[api], body, timeoutMs);
        httpStatus = response.status;
        const result = read(decryptJson(responseKey, encDataOf(api, response.status, response.text)));
        report({
          api,
          ...payment,
          attempt,
          durationMs: performance.now() - attemptStarted,
          outcome: "ok",
          httpStatus,
          willRetry: false,
        });
        return result;
      } catch (error) {
        const willRetry =
          error instanceof AtomSystemError && attempt < policy.maxAttempts && policy.retryOn.includes(error.reason);
        report({
          api,
          ...payment,
          attempt,
          durationMs: performance.now() - attemptStarted,
          outcome: outcomeOf(error),
          httpStatus: error instanceof AtomError ? (error.httpStatus ?? httpStatus) : httpStatus,
          gatewayCode: error instanceof AtomError ? error.gatewayCode : undefined,
          willRetry,
        });
        if (!willRetry) throw error;
        await sleep(backoffDelayMs(attempt, backoff));
      }
    }
  }

  const check = { merchId: config.merchId, responseHashKey: config.responseHashKey };

  return {
    auth: (input) =>
      call(
        "AUTH",
        { merchTxnId: input.merchTxnId },
        () => buildAuthRequest(config, input),
        (decrypted) => {
          const response = parseOrThrow(authResponseSchema, decrypted, "AUTH response", { api: "AUTH" });
          const { txnStatusCode, txnMessage, txnDescription } = response.responseDetails;
          const status = { statusCode: txnStatusCode, message: txnMessage, description: txnDescription };
          if (txnStatusCode !== "OTS0000") throw errorForGatewayStatus(status, "AUTH");
          if (response.atomTokenId === undefined) {
            throw new AtomGatewayError(
              "AUTH: the gateway reported success but sent no atomTokenId: report it to support",
              {
                api: "AUTH",
                gatewayCode: txnStatusCode,
              },
            );
          }
          return { atomTokenId: response.atomTokenId, merchTxnId: input.merchTxnId, ...status };
        },
      ),

    transactionStatus: (input) =>
      call(
        "STATUS",
        { merchTxnId: input.merchTxnId },
        () => buildStatusRequest(config, input),
        (decrypted) => readStatusResponse(decrypted, check),
      ),

    refund: (input) =>
      call(
        "REFUND",
        { merchTxnId: input.merchTxnId },
        () => buildRefundRequest(config, input),
        (decrypted) => {
          const response = parseOrThrow(refundResponseSchema, decrypted, "Refund response", { api: "REFUND" });
          throwOnRefusal(response.payInstrument.responseDetails, "REFUND");
          return toRefundResult(response);
        },
      ),

    refundStatus: (input) =>
      call(
        "REFUNDSTATUS",
        { atomTxnId: input.atomTxnId },
        () => buildRefundStatusRequest(config, input),
        (decrypted) => {
          const response = parseOrThrow(refundStatusResponseSchema, decrypted, "Refund status response", {
            api: "REFUNDSTATUS",
          });
          const result = toRefundStatusResult(response);
          if (result.statusCode !== null) throwOnRefusal({ statusCode: result.statusCode }, "REFUNDSTATUS");
          return result;
        },
      ),

    verifyGatewayResult: (encData) => verifyGatewayResult(config, encData),
  };
}

function throwOnRefusal(status: GatewayStatus, api: AtomApi): void {
  if (REFUSALS.has(status.statusCode)) throw errorForGatewayStatus(status, api);
}

// "No such transaction" (OTS0401) is the gateway's answer about an unpaid attempt, not a
// failure of the call: reported "ok", though the caller receives it as an error to act on.
function outcomeOf(error: unknown): AtomCallOutcome {
  if (error instanceof AtomTransactionNotFoundError) return "ok";
  return error instanceof AtomError ? error.kind : "other";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface RawResponse {
  status: number;
  text: string;
}

/** One POST with a deadline covering connect, headers and body. */
async function post(api: AtomApi, url: string, body: string, timeoutMs: number): Promise<RawResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "*/*" },
      body,
      signal: controller.signal,
      // A POST that is redirected turns into a GET: report it as a wrong URL instead.
      redirect: "manual",
    });
    return { status: response.status, text: await response.text() };
  } catch (cause) {
    if (controller.signal.aborted) {
      throw new AtomTimeoutError(`${api}: no complete answer from the gateway within ${timeoutMs} ms`, { api, cause });
    }
    const code = networkCode(cause);
    throw new AtomSystemError(
      `${api}: could not reach the gateway (${code}): check the network and the URL's host`,
      NEVER_CONNECTED.has(code) ? "unreachable" : "network",
      { api, cause },
    );
  } finally {
    clearTimeout(timer);
  }
}

// Socket errors after which the request certainly never reached the gateway.
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

// undici puts the socket error (ECONNREFUSED, ECONNRESET, ...) in `cause`.
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === "string" ? cause.code : "network error";
}

/**
 * The answer's encData, whatever the Content-Type says (the gateway labels its
 * form-encoded body application/json), or the error the answer amounts to.
 */
function encDataOf(api: AtomApi, httpStatus: number, text: string): string {
  const trimmed = text.trim();
  const jsonBody = trimmed.startsWith("{") ? parseJsonObject(trimmed) : null;
  const fields: Record<string, unknown> = jsonBody ?? Object.fromEntries(new URLSearchParams(trimmed));
  const status = gatewayStatusIn(fields);

  if (httpStatus >= 300 && httpStatus < 400) {
    throw new AtomConfigurationError(
      `${api}: the gateway URL redirects (HTTP ${httpStatus}): configure the final URL`,
      {
        api,
        httpStatus,
      },
    );
  }
  if (httpStatus >= 400) throw errorForHttpStatus(httpStatus, api, status ?? undefined);
  if (trimmed === "") {
    throw new AtomConfigurationError(
      `${api}: the gateway answered with an empty body, which means it could not decrypt or read the request: check ATOM_REQ_ENC_KEY, ATOM_REQ_SALT and ATOM_MERCH_ID`,
      { api, httpStatus },
    );
  }
  const encData = fields.encData;
  if (typeof encData === "string" && encData.trim() !== "" && encData.trim() !== "null") return encData.trim();
  if (status !== null) throw errorForGatewayStatus(status, api, httpStatus);
  throw new AtomGatewayError(
    `${api}: the gateway's answer has no encData and no status (fields: ${Object.keys(fields).join(", ") || "none"}): report it to support`,
    { api, httpStatus },
  );
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A plain error answer: { txnStatusCode, txnMessage, txnDescription } (or statusCode/message/description). */
function gatewayStatusIn(fields: Record<string, unknown>): GatewayStatus | null {
  const nested = fields.responseDetails;
  const source =
    typeof nested === "object" && nested !== null ? { ...fields, ...(nested as Record<string, unknown>) } : fields;
  const code = source.txnStatusCode ?? source.statusCode;
  if (typeof code !== "string" || code === "") return null;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    statusCode: code,
    message: text(source.txnMessage ?? source.message),
    description: text(source.txnDescription ?? source.description),
  };
}
