import { answerReadiness } from "@/lib/health/answer-health";
import { checkReadiness } from "@/lib/health/process-readiness";
import { withRequestLogContext } from "@/lib/log-context";
import { startupStatus } from "@/lib/startup-phase";

export const dynamic = "force-dynamic";

/** Readiness, for load balancers: 200 once started and the database answers (lib/health/answer-health.ts). */
export async function GET(request: Request) {
  return withRequestLogContext(request.headers, () => answerReadiness(startupStatus(), checkReadiness));
}
