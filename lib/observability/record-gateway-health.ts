import { sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import {
  gatewayCallHours,
  gatewayMessageHours,
  type GATEWAY_APIS,
  type GATEWAY_CALL_OUTCOMES,
  type GATEWAY_MESSAGE_REJECTIONS,
  type GATEWAY_MESSAGE_RESULTS,
  type GATEWAY_MESSAGE_SOURCES,
} from "@/db/schema";

export interface GatewayCallRecord {
  api: (typeof GATEWAY_APIS)[number];
  outcome: (typeof GATEWAY_CALL_OUTCOMES)[number];
  /** False when no HTTP answer came back (network error, timeout) or nothing was sent. */
  answered: boolean;
  durationMs: number;
}

export interface GatewayMessageRecord {
  source: (typeof GATEWAY_MESSAGE_SOURCES)[number];
  result: (typeof GATEWAY_MESSAGE_RESULTS)[number];
  rejection: (typeof GATEWAY_MESSAGE_REJECTIONS)[number];
}

// The current hour on the database's clock, in whole UTC hours whatever a session's time
// zone (India's is half an hour off), so every instance adds to the same row.
const thisHour = sql`date_trunc('hour', now(), 'UTC')`;

/** Adds one gateway call to its hour's row (for the admin's dashboard). */
export async function recordGatewayCall(db: Queryable, call: GatewayCallRecord): Promise<void> {
  const durationMs = Math.max(0, Math.round(call.durationMs));
  const unanswered = call.answered ? 0 : 1;
  await db
    .insert(gatewayCallHours)
    .values({
      hour: thisHour,
      api: call.api,
      outcome: call.outcome,
      calls: 1,
      unanswered,
      durationMsTotal: durationMs,
      durationMsMax: durationMs,
    })
    .onConflictDoUpdate({
      target: [gatewayCallHours.hour, gatewayCallHours.api, gatewayCallHours.outcome],
      set: {
        calls: sql`${gatewayCallHours.calls} + 1`,
        unanswered: sql`${gatewayCallHours.unanswered} + ${unanswered}`,
        durationMsTotal: sql`${gatewayCallHours.durationMsTotal} + ${durationMs}`,
        durationMsMax: sql`greatest(${gatewayCallHours.durationMsMax}, ${durationMs})`,
      },
    });
}

/** Adds one callback or browser return to its hour's row (for the admin's dashboard). */
export async function recordGatewayMessage(db: Queryable, message: GatewayMessageRecord): Promise<void> {
  await db
    .insert(gatewayMessageHours)
    .values({ hour: thisHour, ...message, messages: 1 })
    .onConflictDoUpdate({
      target: [
        gatewayMessageHours.hour,
        gatewayMessageHours.source,
        gatewayMessageHours.result,
        gatewayMessageHours.rejection,
      ],
      set: { messages: sql`${gatewayMessageHours.messages} + 1` },
    });
}
