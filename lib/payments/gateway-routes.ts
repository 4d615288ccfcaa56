import "server-only";
import { getEnv } from "@/lib/env";
import { orderPath } from "@/lib/orders/order-link";
import { parseGatewayBody, type GatewayBody, type ReceiveOutcome } from "./receive-gateway-result";

// The callback and return routes read: readGatewayBody → receiveGatewayResult → answer.

// A gateway result is a few kilobytes of hex; anything far larger is not one.
const MAX_BODY_BYTES = 256 * 1024;

export async function readGatewayBody(request: Request): Promise<GatewayBody> {
  return parseGatewayBody(await readCapped(request, MAX_BODY_BYTES));
}

/**
 * The gateway's server-to-server call: 200 only once the result is stored (or was
 * already); 400 for anything that cannot be trusted or matched; 503 when it could not be
 * stored, so the gateway retries.
 */
export function answerCallback(outcome: ReceiveOutcome): Response {
  if (outcome.kind === "rejected") return new Response("Rejected", { status: 400 });
  if (outcome.kind === "unavailable") return new Response("Could not store the result; please retry", { status: 503 });
  return new Response("OK", { status: 200 });
}

/** The shopper's browser: to the order page, which shows the verified state, or to a page that says what went wrong. */
export function answerReturn(outcome: ReceiveOutcome): Response {
  const env = getEnv();
  if (outcome.kind === "unavailable") return Response.redirect(`${env.appUrl}/payment-problem?reason=unavailable`, 303);
  if (outcome.kind === "rejected") {
    const target = outcome.orderId
      ? `${orderPath(env.authSecret, outcome.orderId)}&problem=verification`
      : "/payment-problem";
    return Response.redirect(`${env.appUrl}${target}`, 303);
  }
  return Response.redirect(`${env.appUrl}${orderPath(env.authSecret, outcome.result.orderId)}`, 303);
}

/** The body as text, reading no more than `limit` bytes whatever Content-Length says (or omits). */
async function readCapped(request: Request, limit: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
