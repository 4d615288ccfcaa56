import { createAtomClient, type AtomCallEvent, type AtomClient } from "@/lib/atom";
import { getEnv } from "@/lib/env";

const cache = globalThis as unknown as { __shopAtomClient?: AtomClient };

/** The process-wide gateway client for the configured merchant (keys derived once, on first use). */
export function getAtomClient(): AtomClient {
  cache.__shopAtomClient ??= createAtomClient(getEnv().atom, { onCall: logGatewayCall });
  return cache.__shopAtomClient;
}

// Every gateway call is observable; the event holds no payload and no secret.
function logGatewayCall(event: AtomCallEvent): void {
  const line = JSON.stringify({ msg: "atom call", ...event, durationMs: Math.round(event.durationMs) });
  if (event.outcome === "ok") console.info(line);
  else console.warn(line);
}
