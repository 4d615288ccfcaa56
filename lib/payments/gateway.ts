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

/**
 * Every gateway call is logged, with the payment it concerns (the event's merchTxnId or
 * atomTxnId; the orderId comes from the log context set around the call). An answer
 * (lib/atom counts the gateway's "no such transaction" as one) is `atom call` (info). A failure is `API call
 * failed` with `error` (its class, HTTP status and gateway code) and `retryCount` (the
 * retries made before this attempt): warn when the client will try again, error when the
 * call has finally failed. The event holds no payload and no secret.
 */
export function logGatewayCall(event: AtomCallEvent): void {
  const fields = { ...event, durationMs: Math.round(event.durationMs) };
  if (event.outcome === "ok") {
    log.info(fields, "atom call");
    return;
  }
  const failure = {
    ...fields,
    error: [event.outcome, event.httpStatus && `HTTP ${event.httpStatus}`, event.gatewayCode].filter(Boolean).join(" "),
    retryCount: Math.max(0, event.attempt - 1),
  };
  if (event.willRetry) log.warn(failure, "API call failed");
  else log.error(failure, "API call failed");
}
