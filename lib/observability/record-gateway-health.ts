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

/**
 * Adds one callback or browser return to its hour's row (for the admin's dashboard), and
 * returns once it is there.
 *
 * Every concurrent callback adds to the same row, and one write holds the row's lock until
 * it commits: written one by one, each message would wait for the write of the one before.
 * So the messages that arrive while a write of their row is under way are added together
 * by the next write, one update for all of them (each caller still returns only once that
 * write has its message in the row, or with its error).
 */
export function recordGatewayMessage(db: Queryable, message: GatewayMessageRecord): Promise<void> {
  let lanes = messageLanes.get(db);
  if (!lanes) messageLanes.set(db, (lanes = new Map()));
  const key = `${message.source}/${message.result}/${message.rejection}`;
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, (lane = { writing: Promise.resolve(), next: undefined }));
  if (lane.next) {
    lane.next.messages += 1;
    return lane.next.written;
  }
  const open = lane;
  const batch: MessageBatch = { messages: 1, written: Promise.resolve() };
  open.next = batch;
  batch.written = open.writing.then(() => {
    // From here on, arrivals start the next batch.
    open.next = undefined;
    return addMessages(db, message, batch.messages);
  });
  open.writing = batch.written.catch(() => {});
  return batch.written;
}

interface MessageBatch {
  messages: number;
  written: Promise<void>;
}

/** Per database and row kind (source/result/rejection): the write under way, and the batch waiting for it. */
const messageLanes = new WeakMap<Queryable, Map<string, { writing: Promise<void>; next: MessageBatch | undefined }>>();

async function addMessages(db: Queryable, message: GatewayMessageRecord, messages: number): Promise<void> {
  await db
    .insert(gatewayMessageHours)
    .values({ hour: thisHour, ...message, messages })
    .onConflictDoUpdate({
      target: [
        gatewayMessageHours.hour,
        gatewayMessageHours.source,
        gatewayMessageHours.result,
        gatewayMessageHours.rejection,
      ],
      set: { messages: sql`${gatewayMessageHours.messages} + ${messages}` },
    });
}
