import { getDatabase } from "@/db";
import { createAtomClient, type AtomCallEvent, type AtomClient } from "@/lib/atom";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { observeGatewayCall } from "@/lib/observability/observe-gateway";

// Deliberately per module instance, not on globalThis: Next loads this module once per
// route bundle, each with its own lib/atom classes, and a client shared across bundles
// would throw errors that fail the other bundles' `instanceof` checks. The client is
// cheap; the derived cipher keys behind it are shared process-wide by lib/atom.
let client: AtomClient | undefined;

/** The gateway client for the configured merchant (keys derived once per process, on first use). */
export function getAtomClient(): AtomClient {
  client ??= createAtomClient(getEnv().atom, {
    onCall: (event) => {
      logGatewayCall(event);
      void observeGatewayCall(getDatabase(), event);
    },
  });
  return client;
}

// Every gateway call is observable; the event holds no payload and no secret.
function logGatewayCall(event: AtomCallEvent): void {
  const fields = { ...event, durationMs: Math.round(event.durationMs) };
  if (event.outcome === "ok") log.info(fields, "atom call");
  else log.warn(fields, "atom call failed");
}
