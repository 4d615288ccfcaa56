"use client";

import { useActionState } from "react";
import { runAllJobs, type RunJobsState } from "./actions";

const initialState: RunJobsState = {};

/** "Run all jobs now", then what each job did. */
export function RunJobsButton() {
  const [state, formAction, pending] = useActionState(runAllJobs, initialState);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2">
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="rounded-full bg-brand-600 px-5 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? "Running the jobs…" : "Run all jobs now"}
      </button>
      <div aria-live="polite" role="status" className="text-sm" data-testid="run-jobs-result">
        {state.error || state.message ? (
          <p className={state.error ? "text-red-700" : "text-emerald-800"}>{state.error ?? state.message}</p>
        ) : null}
        {state.summaries ? (
          <ul className="mt-1 list-disc pl-5 text-stone-700">
            {state.summaries.map((summary) => (
              <li key={summary.name} data-testid="run-jobs-summary">
                <span className="font-mono">{summary.name}</span>:{" "}
                {summary.error !== undefined
                  ? `failed: ${summary.error}`
                  : summary.ran
                    ? `handled ${summary.items} ${summary.items === 1 ? "item" : "items"}`
                    : "skipped (another instance is running it)"}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  );
}
