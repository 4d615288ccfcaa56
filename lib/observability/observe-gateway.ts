import type { Queryable } from "@/db";
import type { REFUND_STATUSES } from "@/db/schema";
import type { AtomCallEvent, PaymentOutcome } from "@/lib/atom";
import { errorFields, log } from "@/lib/log";
import { getMetrics, type CallbackResult, type MessageSource } from "./metrics";
import { recordGatewayCall, recordGatewayMessage, type GatewayMessageRecord } from "./record-gateway-health";

// The one place each observation becomes figures: the per-instance Prometheus counters
// (lib/observability/metrics.ts) and, for the admin's dashboard, the hour's row in the
// database. Writing the row never fails the work it describes: an error is logged.

/**
 * One attempt of one gateway call (lib/atom's onCall event). A request that was sent
 * counts as a request, answered or not, with its duration; one refused before sending
 * (our own validation) counts only as an error, and is not written to the dashboard's
 * rows, whose figures are about the gateway.
 */
export async function observeGatewayCall(db: Promise<Queryable> | Queryable, event: AtomCallEvent): Promise<void> {
  const metrics = getMetrics();
  const sent = event.attempt > 0;
  const answered = event.httpStatus !== undefined;
  if (event.outcome !== "ok") metrics.gatewayErrors.inc({ api: event.api, class: event.outcome });
  if (!sent) return;
  // Our verification of the answer failed; a gateway code (OTS0506) is instead the gateway
  // refusing our request's signature: a configuration error of ours, counted as such above.
  if (event.outcome === "signature" && event.gatewayCode === undefined) countSignatureFailure("api_response");
  metrics.gatewayRequests.inc({ api: event.api, answered: String(answered) });
  metrics.gatewayDuration.observe({ api: event.api }, event.durationMs / 1000);
  await keep("gateway call", async () =>
    recordGatewayCall(await db, { api: event.api, outcome: event.outcome, answered, durationMs: event.durationMs }),
  );
}

/** What became of a message the gateway (or the shopper's browser) posted. */
export interface MessageObservation {
  source: GatewayMessageRecord["source"];
  result: CallbackResult;
  /** Why it was rejected; "none" unless `result` is "rejected". */
  rejection: GatewayMessageRecord["rejection"];
}

/**
 * A callback or browser return, counted by result; signature failures also on their own
 * counter. One that could not be stored (`unavailable`: the database is in trouble) is
 * counted but not written.
 */
export async function observeGatewayMessage(
  db: Promise<Queryable> | Queryable,
  message: MessageObservation,
): Promise<void> {
  const metrics = getMetrics();
  metrics.callbacks.inc({ source: message.source, result: message.result });
  if (message.rejection === "signature") countSignatureFailure(message.source);
  if (message.result === "unavailable") return;
  const { result } = message;
  await keep("gateway message", async () => recordGatewayMessage(await db, { ...message, result }));
}

/** A message whose encryption or signature did not verify. */
function countSignatureFailure(source: MessageSource): void {
  getMetrics().signatureFailures.inc({ source });
}

/** A gateway result that changed a payment attempt: the success rate's numerator and denominator. */
export function countPaymentResult(outcome: PaymentOutcome): void {
  getMetrics().payments.inc({ outcome });
}

/** A refund reaching a status (counted when the change is made, in its transaction). */
export function countRefundStatus(status: (typeof REFUND_STATUSES)[number]): void {
  getMetrics().refunds.inc({ status });
}

async function keep(what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    log.warn({ ...errorFields(error) }, `dashboard figures: ${what} not recorded`);
  }
}
