import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import type { JobContext } from "./job-context";
import { runJobsOnce, type JobRunSummary } from "./run-jobs";

/**
 * The admin's "Run all jobs now": one round of every job in this instance, periodic ones
 * included whether or not they are due. Queue jobs claim their items as always, so a
 * round running elsewhere at the same moment does not handle an item twice.
 */
export async function runJobsNow(context: JobContext, actor: SessionUser | null): Promise<JobRunSummary[]> {
  assertAdmin(actor);
  return runJobsOnce(context, { force: true });
}
