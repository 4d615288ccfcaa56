import type { startupStatus } from "@/lib/startup-phase";
import type { Readiness } from "./check-readiness";

// The two health answers, for load balancers and orchestrators (README, "Start-up and
// health"): liveness from the process alone, readiness from the start-up phase and the
// readiness check's own ping of the database.

type StartupStatus = ReturnType<typeof startupStatus>;

const NO_STORE = { "Cache-Control": "no-store" };

/** Whether the server is still starting (undefined status: no server start, as in scripts and tests). */
function starting(startup: StartupStatus): startup is NonNullable<StartupStatus> {
  return startup !== undefined && startup.phase !== "ready";
}

/**
 * GET /api/health/live: 200 whenever the process answers at all, started or starting; never
 * touches the database, so a busy pool or a database outage cannot get a live instance restarted.
 */
export function answerLiveness(startup: StartupStatus): Response {
  const body = starting(startup)
    ? { status: "starting", phase: startup.phase, doing: startup.doing }
    : { status: "started" };
  return Response.json(body, { headers: NO_STORE });
}

/**
 * GET /api/health: 200 when ready (started, and the database answered the readiness check
 * within its timeout); 503 while starting (with the step) or when the database does not answer.
 */
export async function answerReadiness(
  startup: StartupStatus,
  checkReadiness: () => Promise<Readiness>,
): Promise<Response> {
  if (starting(startup)) {
    return Response.json(
      { status: "starting", phase: startup.phase, doing: startup.doing, database: "starting" },
      { status: 503, headers: { ...NO_STORE, "Retry-After": "1" } },
    );
  }
  if ((await checkReadiness()) === "ok") return Response.json({ status: "ok", database: "ok" }, { headers: NO_STORE });
  return Response.json({ status: "degraded", database: "unavailable" }, { status: 503, headers: NO_STORE });
}
