import "server-only";
import type { AtomClient } from "@/lib/atom";
import { clientAddress } from "@/lib/client-address";
import { getEnv } from "@/lib/env";
import { orderPath } from "@/lib/order-link";
import { readCapped } from "@/lib/read-capped";
import { getRateLimits } from "@/lib/rate-limits/process-rate-limits";
import { getAtomClient } from "./gateway";
import {
  parseGatewayBody,
  receiveGatewayResult,
  type GatewayBody,
  type ReceiveOutcome,
  type Rejection,
} from "./receive-gateway-result";

// The callback and return routes read: receivePostedResult (the body → receiveGatewayResult) → answer.

// A gateway result is a few kilobytes of hex; anything far larger is not one.
const MAX_BODY_BYTES = 256 * 1024;

/** What a posted result came to: received (see receiveGatewayResult), or refused unread for its sender's failures. */
export type PostedOutcome = ReceiveOutcome | { kind: "limited"; retryAfterSeconds: number };

// What no key holder would send: counted against the sender. A signed result is the
// gateway's (or, in sandbox and uat, anyone's who has the public keys) and never is.
const UNVERIFIABLE: ReadonlySet<Rejection> = new Set(["malformed", "signature"]);

/**
 * A result posted to the callback or return route. Posts that fail verification (not
 * decryptable, not signed) count against the sender's address; past its limit, the
 * address's posts that still fail verification are refused with nothing else done — no
 * log line, no database write — while one that verifies goes through as always. So the
 * gateway's genuine results are never refused, whoever shares its address or floods the
 * routes, and a flood costs the shop a decryption per post and nothing more.
 */
export async function receivePostedResult(request: Request, source: "callback" | "return"): Promise<PostedOutcome> {
  const sender = clientAddress(request.headers, getEnv().trustProxyHops);
  const body = parseGatewayBody(await readCapped(request, MAX_BODY_BYTES));
  // Without its database the limits are skipped: receiving then answers "unavailable" (503) as always.
  const limits = await getRateLimits().then(
    (all) => all.gateway,
    () => undefined,
  );
  const wait = (await limits?.wait(sender)) ?? null;
  if (wait !== null && !(await verifies(body, getAtomClient())))
    return { kind: "limited", retryAfterSeconds: Math.ceil(wait) };
  const outcome = await receiveGatewayResult(body, source);
  if (outcome.kind === "rejected" && UNVERIFIABLE.has(outcome.rejection)) await limits?.failed(sender);
  return outcome;
}

/** Whether the body decrypts and carries the gateway's signature. */
async function verifies(body: GatewayBody, gateway: Pick<AtomClient, "verifyGatewayResult">): Promise<boolean> {
  if (!body.ok) return false;
  return gateway.verifyGatewayResult(body.encData).then(
    () => true,
    () => false,
  );
}

/** 429: the sender's posts are refused for `retryAfterSeconds`. */
function tooManyRequests(retryAfterSeconds: number): Response {
  return new Response("Too many requests that could not be verified; retry later", {
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}

/**
 * The gateway's server-to-server call: 200 only once the result is stored (or was
 * already); 400 for anything that cannot be trusted or matched; 503 when it could not be
 * stored, so the gateway retries.
 */
export function answerCallback(outcome: PostedOutcome): Response {
  if (outcome.kind === "limited") return tooManyRequests(outcome.retryAfterSeconds);
  if (outcome.kind === "rejected") return new Response("Rejected", { status: 400 });
  if (outcome.kind === "unavailable") return new Response("Could not store the result; please retry", { status: 503 });
  return new Response("OK", { status: 200 });
}

/**
 * The shopper's browser: a result applied goes to the order page (its private link), which
 * shows the verified state. Anything else goes to a page that names no order: a result
 * that was refused proves nothing about who posted it (in sandbox and uat anyone can sign
 * one), so it must not lead to an order's private link.
 */
export function answerReturn(outcome: PostedOutcome): Response {
  const env = getEnv();
  switch (outcome.kind) {
    case "applied":
      return Response.redirect(`${env.appUrl}${orderPath(env.authSecret, outcome.result.orderId)}`, 303);
    case "unavailable":
      return Response.redirect(`${env.appUrl}/payment-problem?reason=unavailable`, 303);
    case "rejected":
      return Response.redirect(`${env.appUrl}/payment-problem`, 303);
    case "limited":
      return tooManyRequests(outcome.retryAfterSeconds);
  }
}
