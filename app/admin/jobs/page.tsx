import type { Metadata } from "next";
import { RunJobsButton } from "@/components/admin/run-jobs-button";
import { TimeAgo } from "@/components/admin/time-ago";
import { requireAdminPage } from "@/lib/auth/authorize";
import { processJobContext } from "@/lib/jobs/job-context";
import { listJobStatus } from "@/lib/jobs/run-jobs";

export const metadata: Metadata = { title: "Jobs" };

export default async function AdminJobsPage() {
  await requireAdminPage("/admin/jobs");
  const context = await processJobContext();
  const jobs = await listJobStatus(context);

  return (
    <section aria-labelledby="jobs-heading" className="flex flex-col gap-4">
      <h1 id="jobs-heading" className="font-display text-3xl font-bold text-brand-900">
        Jobs
      </h1>
      <p className="text-sm text-stone-600">
        {context.jobs.enabled
          ? `This instance runs every job about every ${Math.round(context.jobs.intervalMs / 1000)} s.`
          : "This instance runs no jobs (JOBS=off): another instance must."}{" "}
        Times are each job&apos;s last run on any instance; a periodic job runs at most once a period across instances
        (“Run all jobs now” runs it regardless).
      </p>
      <RunJobsButton />
      <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm">
        <table className="w-full min-w-[56rem] text-sm" data-testid="admin-jobs">
          <caption className="sr-only">Background jobs</caption>
          <thead className="border-b border-stone-200 text-left text-stone-500">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Job
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Last started
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Last finished
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Items last run
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Runs
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Waiting
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Last error
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {jobs.map((job) => (
              <tr key={job.name} data-testid="admin-job-row" data-job={job.name}>
                <th scope="row" className="max-w-72 px-4 py-3 text-left font-normal">
                  <span className="block font-mono font-medium">{job.name}</span>
                  <span className="block text-xs text-stone-600">
                    {job.description}
                    {job.periodicSeconds === null ? "" : ` (every ${job.periodicSeconds} s)`}
                  </span>
                </th>
                <td className="px-4 py-3">
                  <TimeAgo date={job.lastStartedAt} />
                </td>
                <td className="px-4 py-3">
                  <TimeAgo date={job.lastFinishedAt} />
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{job.lastItems}</td>
                <td className="px-4 py-3 text-right tabular-nums">{job.runs}</td>
                <td className="px-4 py-3 text-right tabular-nums" data-testid="admin-job-waiting">
                  {job.waiting}
                </td>
                <td
                  className={`max-w-64 px-4 py-3 text-xs break-words ${job.lastError ? "text-red-800" : "text-stone-500"}`}
                >
                  {job.lastError ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
