import type { DatabasePing } from "@/db/ping-database";

// Readiness, apart from the work it reports on: a probe must not queue behind the shop's
// own queries (a callback burst holding every pooled connection would make a healthy
// instance look sick), and a flood of probes must not become a flood of queries.

export type Readiness = "ok" | "unavailable";

/** A probe's answer older than this is asked again; a ping slower than the timeout fails it. */
export const READINESS_CACHE_MS = 1_000;
export const READINESS_TIMEOUT_MS = 1_000;

export interface ReadinessCheckOptions {
  ping: DatabasePing;
  /** A ping slower than this counts as unavailable. */
  timeoutMs: number;
  /** How long an answer is reused: probes within it share one ping. */
  cacheMs: number;
  /** Called when a ping timed out, so a stuck connection can be dropped. */
  onTimeout?: () => void;
  now?: () => number;
}

/** A probe's answer from one ping at most per `cacheMs`, shared by every caller meanwhile. */
export function createReadinessCheck(options: ReadinessCheckOptions): () => Promise<Readiness> {
  const now = options.now ?? performance.now.bind(performance);
  let answer: { readiness: Readiness; at: number } | undefined;
  let pending: Promise<Readiness> | undefined;
  return () => {
    if (answer !== undefined && now() - answer.at < options.cacheMs) return Promise.resolve(answer.readiness);
    pending ??= pingWithin(options).then((readiness) => {
      answer = { readiness, at: now() };
      pending = undefined;
      return readiness;
    });
    return pending;
  };
}

async function pingWithin(options: ReadinessCheckOptions): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
  });
  try {
    const result = await Promise.race([options.ping().then(() => "ok" as const), timedOut]);
    if (result === "timeout") options.onTimeout?.();
    return result === "ok" ? "ok" : "unavailable";
  } catch {
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}
