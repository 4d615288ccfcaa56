import "server-only";
import { getDatabase } from "@/db";
import { getEnv } from "@/lib/env";
import type { GatewayResultSource } from "./apply-gateway-result";
import { getAtomClient } from "./gateway";
import { receiveGatewayResult, type ReceiveOutcome } from "./receive-gateway-result";
import { log } from "@/lib/log";

/** Wires the process's database, gateway client and merchant into receiveGatewayResult. */
export async function receiveFromGateway(request: Request, source: GatewayResultSource): Promise<ReceiveOutcome> {
  const rawBody = await request.text();
  const outcome = await receiveGatewayResult({ db: await getDatabase(), gateway: getAtomClient(), merchId: getEnv().atom.merchId }, rawBody, source);
  if (outcome.kind === "rejected") {
    log.warn({ source, reason: outcome.reason, orderId: outcome.orderId }, "gateway result rejected");
  }
  return outcome;
}
