import { log } from "./log";

/**
 * What a starting server is doing, in order. The server logs each step as it begins, and
 * /api/health answers 503 with the current one until the shop is ready.
 */
const STARTUP_PHASES = {
  starting: "starting",
  database: "opening the database",
  migrating: "applying the database migrations",
  seeding: "creating the admin (and seeding the catalog where configured)",
  sandbox: "starting the sandbox gateway",
  jobs: "starting the background jobs",
  ready: "ready",
} as const;
export type StartupPhase = keyof typeof STARTUP_PHASES;

interface StartupState {
  phase: StartupPhase;
  startedAt: number;
  phaseStartedAt: number;
}

// On globalThis: the instrumentation hook and every route bundle have their own copy of
// this module, and all of them must see the one server start.
const cache = globalThis as unknown as { __shopStartup?: StartupState };

/** A server start begins (instrumentation's register()): /api/health reports its phase until it is ready. */
export function beginStartup(): void {
  const now = performance.now();
  cache.__shopStartup = { phase: "starting", startedAt: now, phaseStartedAt: now };
}

/**
 * The start moves on to `phase`: logged as `Start-up: <what>` with how long the step before
 * it took (`ready` is announced by the server itself, once it answers). Does nothing where
 * no server is starting (scripts, tests).
 */
export function enterStartupPhase(
  phase: Exclude<StartupPhase, "starting">,
  detail: Record<string, unknown> = {},
): void {
  const state = cache.__shopStartup;
  if (state === undefined) return;
  const now = performance.now();
  if (phase !== "ready") {
    log.info(
      { phase, previousPhase: state.phase, previousPhaseMs: Math.round(now - state.phaseStartedAt), ...detail },
      `Start-up: ${STARTUP_PHASES[phase]}`,
    );
  }
  cache.__shopStartup = { ...state, phase, phaseStartedAt: now };
}

/** The server start's phase and its description; undefined where no server is starting (scripts, tests). */
export function startupStatus(): { phase: StartupPhase; doing: string; elapsedMs: number } | undefined {
  const state = cache.__shopStartup;
  if (state === undefined) return undefined;
  return {
    phase: state.phase,
    doing: STARTUP_PHASES[state.phase],
    elapsedMs: Math.round(performance.now() - state.startedAt),
  };
}
