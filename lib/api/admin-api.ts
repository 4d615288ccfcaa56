import "server-only";
import type { z } from "zod";
import type { Database } from "@/db";
import type { AdminUser } from "@/lib/auth/authorize";
import { getRequestUser } from "@/lib/auth/session";
import { bearerToken } from "@/lib/bearer-token";
import { clientAddress } from "@/lib/client-address";
import { isDomainError, RateLimitedError } from "@/lib/domain-error";
import { getEnv } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { getRateLimits } from "@/lib/rate-limits/process-rate-limits";
import { readCapped } from "@/lib/read-capped";
import { RefundRuleError } from "@/lib/refunds";
import { findApiTokenUser } from "./api-tokens";

// The admin API's HTTP plumbing, shared by its route handlers: who is calling (an admin's
// session or an API token), the JSON body, and errors as `{ error: { code, message, … } }`.
// The routes stay a few lines: authenticate, parse, call one service, answer.

/** A refund request is a few hundred bytes; anything far larger is not one. */
export const MAX_BODY_BYTES = 16 * 1024;

const NO_STORE = { "Cache-Control": "no-store" };
const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="admin-api"' };

export interface ApiErrorBody {
  /** Stable, for programs: README's table lists them. */
  code: string;
  /** For the person reading the log; never a secret or a stack trace. */
  message: string;
  /** The body field (or header) the error is about. */
  field?: string;
  /** The order line an item rule refused (item_not_found, units_exceed_refundable). */
  orderItemId?: string;
  /** Every problem with the body, when it is invalid. */
  issues?: Array<{ field: string; message: string }>;
}

/** An answer of the admin API (never cached). */
export function apiJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function apiError(status: number, error: ApiErrorBody, headers: Record<string, string> = {}): Response {
  return apiJson(status, { error }, headers);
}

/**
 * The admin making this request, or the refusal to answer with. `Authorization: Bearer <token>`
 * is an API token (acting as its user); otherwise the session cookie counts. A session's
 * request that changes something (`unsafe`) must come from the shop's own origin when the
 * browser names one: with the JSON content type a cross-site page cannot send without a
 * CORS preflight (which this API never grants), that keeps forms and scripts on other
 * sites from using an admin's cookie.
 */
export async function authenticateAdmin(
  request: Request,
  db: Database,
  options: { unsafe: boolean },
): Promise<AdminUser | Response> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return tokenAdmin(request, db, authorization);
  const user = await getRequestUser(request);
  if (user === null)
    return apiError(
      401,
      {
        code: "unauthenticated",
        message: "Sign in as an admin, or send Authorization: Bearer <API token> (npm run admin:token -- create).",
      },
      CHALLENGE,
    );
  if (options.unsafe) {
    const origin = request.headers.get("origin");
    if (origin !== null && origin !== new URL(getEnv().appUrl).origin)
      return apiError(403, {
        code: "cross_origin",
        message: "A session's request must come from the shop's own pages.",
      });
  }
  return asAdmin(user);
}

/**
 * An API token's admin. A known token is answered at once; unknown and revoked ones count
 * against the caller's address, as failed sign-ins do, and past the limit they get 429 until
 * the block ends. Looking the token up first keeps a noisy neighbour behind the same address
 * (a shared NAT) from locking out a valid token.
 */
async function tokenAdmin(request: Request, db: Database, authorization: string): Promise<AdminUser | Response> {
  const token = bearerToken(authorization);
  const user = token === undefined ? null : await findApiTokenUser(db, token);
  if (user !== null) return asAdmin(user);
  const address = clientAddress(request.headers, getEnv().trustProxyHops);
  // A limit store that cannot be reached lets the request through (as every limit does).
  const limits = await getRateLimits().then(
    (all) => all.apiToken,
    () => undefined,
  );
  const wait = (await limits?.wait(address)) ?? null;
  if (wait !== null) {
    const seconds = Math.ceil(wait);
    return apiError(
      429,
      { code: "rate_limited", message: `Too many requests with unknown or revoked API tokens. Retry in ${seconds} s.` },
      { "Retry-After": String(seconds) },
    );
  }
  await limits?.failed(address);
  return apiError(
    401,
    { code: "invalid_token", message: "The API token is unknown or revoked." },
    { "WWW-Authenticate": 'Bearer realm="admin-api", error="invalid_token"' },
  );
}

function asAdmin(user: { role: string } & Omit<AdminUser, "role">): AdminUser | Response {
  if (user.role !== "admin")
    return apiError(403, { code: "forbidden", message: "Only admins (and their API tokens) may use the admin API." });
  return { ...user, role: "admin" };
}

/** The request's JSON body, or the refusal: not JSON (415), too large (413), unreadable (400). */
export async function readJsonBody(request: Request): Promise<unknown> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json")
    return apiError(415, {
      code: "unsupported_media_type",
      message: "Send the body as Content-Type: application/json.",
    });
  const text = await readCapped(request, MAX_BODY_BYTES);
  if (text === undefined)
    return apiError(413, { code: "body_too_large", message: `The body is over ${MAX_BODY_BYTES / 1024} KiB.` });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return apiError(400, { code: "invalid_json", message: "The body is not valid JSON." });
  }
}

/** 400 with every zod issue, each named by its field (`headerOf` renames fields that came from headers). */
export function invalidRequest(issues: z.core.$ZodIssue[], headerOf: Record<string, string> = {}): Response {
  const listed = issues.map((issue) => {
    const field = issue.path.join(".");
    return { field: headerOf[field] ?? field, message: issue.message };
  });
  return apiError(400, {
    code: "invalid_request",
    message: listed.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join(" "),
    ...(listed[0]?.field ? { field: listed[0].field } : {}),
    issues: listed,
  });
}

/** Statuses of the domain's refusals that are not 422 (a rule refusing a well-formed request). */
const STATUS_OF_CODE: Record<string, number> = {
  order_not_found: 404,
  refund_not_found: 404,
  idempotency_key_reused: 409,
  // The order or refund moved on meanwhile (another admin, a callback): a conflict, not a bad request.
  illegal_transition: 409,
  unauthorized: 403,
};

/**
 * A thrown error as the API's answer: a DomainError's code and message as they are (they are
 * written for people and name no secret), `messageOf` replacing a message where the API
 * says it better; anything else is logged and answered 500 with nothing of it.
 */
export function errorAnswer(error: unknown, messageOf: Record<string, string> = {}): Response {
  if (error instanceof RateLimitedError)
    return apiError(
      429,
      { code: error.code, message: error.message },
      { "Retry-After": String(error.retryAfterSeconds) },
    );
  if (isDomainError(error))
    return apiError(STATUS_OF_CODE[error.code] ?? 422, {
      code: error.code,
      message: messageOf[error.code] ?? error.message,
      ...(error.field ? { field: error.field === "amount" ? "amountPaise" : error.field } : {}),
      ...(error instanceof RefundRuleError && error.orderItemId ? { orderItemId: error.orderItemId } : {}),
    });
  log.error({ ...errorFields(error) }, "admin API request failed");
  return apiError(500, {
    code: "internal_error",
    message:
      "Something failed on the server; the server log has the details. Retrying with the same Idempotency-Key is safe.",
  });
}
