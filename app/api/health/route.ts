import { sql } from "drizzle-orm";
import { getDatabase } from "@/db";
import { withRequestLogContext } from "@/lib/log-context";
import { startupStatus } from "@/lib/startup-phase";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Liveness and readiness, for load balancers and operators: any answer means the process
 * lives; 200 means the shop is ready (started, and its database answers). While starting:
 * 503 with what it is doing (migrating, seeding, …).
 */
export async function GET(request: Request) {
  return withRequestLogContext(request.headers, async () => {
    const starting = startupStatus();
    if (starting !== undefined && starting.phase !== "ready") {
      return Response.json(
        { status: "starting", phase: starting.phase, doing: starting.doing, database: "starting" },
        { status: 503, headers: { ...NO_STORE, "Retry-After": "1" } },
      );
    }
    try {
      const db = await getDatabase();
      await db.execute(sql`select 1`);
      return Response.json({ status: "ok", database: "ok" }, { headers: NO_STORE });
    } catch {
      return Response.json({ status: "degraded", database: "unavailable" }, { status: 503, headers: NO_STORE });
    }
  });
}
