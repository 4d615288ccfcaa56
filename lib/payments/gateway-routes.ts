import "server-only";
import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import type { GatewayResultSource } from "./apply-gateway-result";
import { getAtomClient } from "./gateway";
import { receiveGatewayResult, type ReceiveOutcome } from "./receive-gateway-result";

/** Wires the process's database, gateway client and merchant into receiveGatewayResult. */
// A gateway result is a few kilobytes of hex; anything far larger is not one.
const MAX_BODY_BYTES = 256 * 1024;

export async function receiveFromGateway(request: Request, source: GatewayResultSource): Promise<ReceiveOutcome> {
  const rawBody = await readCapped(request, MAX_BODY_BYTES);
  if (rawBody === undefined) return reject(source, "body too large");
  let outcome: ReceiveOutcome;
  try {
    outcome = await receiveGatewayResult({ db: await getDatabase(), gateway: getAtomClient(), merchId: getEnv().atom.merchId }, rawBody, source);
  } catch (error) {
    // Logged here, without the query parameters (they carry the shopper's details), rather
    // than thrown to Next, which would log the whole error.
    log.error({ source, ...errorFields(error) }, "gateway result could not be stored");
    return { kind: "unavailable" };
  }
  if (outcome.kind === "rejected") {
    log.warn({ source, reason: outcome.reason, orderId: outcome.orderId }, "gateway result rejected");
  }
  return outcome;
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

function reject(source: GatewayResultSource, reason: string): ReceiveOutcome {
  log.warn({ source, reason }, "gateway result rejected");
  return { kind: "rejected", reason };
}
