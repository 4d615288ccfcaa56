import type { App } from "./connect-app";
import { sleep } from "../start-next-server";
import type { Instance } from "./start-instances";

// The soak's own HTTP calls (switches, the payment page, the browser's return) are safe to
// repeat, so a call that meets a killed or restarting instance is tried again elsewhere.

const ATTEMPTS = 6;

/** Runs `call` on the next live instance; on any failure, again on another, up to six times. */
export async function onSomeInstance<T>(app: App, what: string, call: (instance: Instance) => Promise<T>): Promise<T> {
  let instance = await app.fleet.next();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call(instance);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      app.tally.add(`retry:${what}`);
      await sleep(250 * attempt);
      instance = await app.fleet.other(instance);
    }
  }
}

/** fetch with a bound, whose 5xx answers count as failures of the instance. */
export async function fetchFrom(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000), ...init });
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new Error(`${init.method ?? "GET"} ${new URL(url).pathname} answered ${response.status}`);
  }
  return response;
}
