import { answerLiveness } from "@/lib/health/answer-health";
import { startupStatus } from "@/lib/startup-phase";

export const dynamic = "force-dynamic";

/** Liveness, for restart decisions: 200 while the process answers, without touching the database. */
export function GET() {
  return answerLiveness(startupStatus());
}
