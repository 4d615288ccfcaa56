import "server-only";
import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import type { GatewayResultSource } from "./apply-gateway-result";
import { getAtomClient } from "./gateway";
import { receiveGatewayResult, type ReceiveOutcome } from "./receive-gateway-result";

/** Wires the process's database, gateway client and merchant into receiveGatewayResult. */
// A gateway result is a few kilobytes of hex; anything far larger is not one.
const MAX_BODY_BYTES = 256 * 1024;

export async function receiveFromGateway(request: Request, source: GatewayResultSource): Promise<ReceiveOutcome> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return reject(source, "body too large");
  const rawBody = await request.text();
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) return reject(source, "body too large");
  const outcome = await receiveGatewayResult({ db: await getDatabase(), gateway: getAtomClient(), merchId: getEnv().atom.merchId }, rawBody, source);
  if (outcome.kind === "rejected") {
    log.warn({ source, reason: outcome.reason, orderId: outcome.orderId }, "gateway result rejected");
  }
  return outcome;
}

function reject(source: GatewayResultSource, reason: string): ReceiveOutcome {
  log.warn({ source, reason }, "gateway result rejected");
  return { kind: "rejected", reason };
}
