import { AsyncLocalStorage } from "node:async_hooks";
import { requestIdOf } from "./request-id";

/**
 * What every log line written inside a piece of work carries (lib/log.ts's mixin reads it):
 * the request or the job round it belongs to, and the order, payment or refund it concerns.
 * Ids only: never a payload, an email or a secret.
 */
export interface LogContext {
  /** The request's id (proxy.ts accepts or makes it; answered as `x-request-id`). */
  requestId?: string;
  /** The background job and the round it runs in. */
  job?: string;
  runId?: string;
  orderId?: string;
  merchTxnId?: string;
  refundId?: string;
}

// On globalThis: Next loads this module once per route bundle, and every copy must read
// the one store the request or job was started in.
const cache = globalThis as unknown as { __shopLogContext?: AsyncLocalStorage<LogContext> };
const storage = (cache.__shopLogContext ??= new AsyncLocalStorage<LogContext>());

/** Runs `work` with `fields` added to the current context (an inner value replaces an outer one). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The context of the work now running; empty outside any. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}

/** A route handler's or server action's work, in the context of its request (the id proxy.ts gave it). */
export function withRequestLogContext<T>(headers: Pick<Headers, "get">, work: () => T): T {
  return withLogContext({ requestId: requestIdOf(headers) }, work);
}
