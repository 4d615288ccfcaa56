import Link from "next/link";
import type { ReactNode } from "react";
import { formatFilterDay } from "@/lib/admin/filters";
import { humanize } from "./format";

interface ListFiltersProps {
  basePath: string;
  statuses: readonly string[];
  current: { status?: string; from?: string; to?: string; q?: string };
  searchLabel: string;
  searchHint: string;
  /** How many filters beyond these are set, for the folded summary ("Filters · 3 set"). */
  extraActive?: number;
  /** A list's own filters (payment method, amounts…), placed after the shared ones. */
  children?: ReactNode;
}

export const FILTER_FIELD = "rounded-lg border border-stone-300 bg-white px-3 py-2";

/**
 * A plain GET form: the filters live in the URL, so they survive reloads and can be shared.
 * Days are typed the Indian way (dd/mm/yyyy) whatever the browser's language. On a phone
 * the form folds into "Filters" (a <details>), so the list is on the first screen; from
 * the lg breakpoint it is always open (globals.css, .admin-filters).
 */
export function ListFilters({
  basePath,
  statuses,
  current,
  searchLabel,
  searchHint,
  extraActive = 0,
  children,
}: ListFiltersProps) {
  const active = [current.status, current.q, current.from, current.to].filter((value) => value !== undefined).length;
  return (
    <FilterForm basePath={basePath} set={active + extraActive}>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-status" className="text-sm font-medium">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={current.status ?? ""} className={FILTER_FIELD}>
          <option value="">Any</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {humanize(status)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1 sm:col-span-2 lg:col-span-1">
        <label htmlFor="filter-q" className="text-sm font-medium">
          {searchLabel}
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={current.q ?? ""}
          aria-describedby="filter-q-hint"
          className={FILTER_FIELD}
        />
        <p id="filter-q-hint" className="text-xs text-stone-600">
          {searchHint}
        </p>
      </div>
      <DayField id="filter-from" name="from" label="From" value={current.from} />
      <DayField id="filter-to" name="to" label="To" value={current.to} />
      {children}
    </FilterForm>
  );
}

/**
 * The shell of every admin list's filters: a plain GET form to the list's own path (the
 * filters live in the URL, so they survive reloads and can be shared), with Apply and
 * Clear; on a phone it folds into "Filters · N set" (a <details>), and from the lg
 * breakpoint it is always open (globals.css, .admin-filters).
 */
export function FilterForm({ basePath, set, children }: { basePath: string; set: number; children: ReactNode }) {
  return (
    <details className="admin-filters rounded-2xl bg-white shadow-sm" data-testid="admin-filters">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium lg:hidden">
        Filters{set > 0 ? ` · ${set} set` : ""}
      </summary>
      <form
        method="get"
        action={basePath}
        role="search"
        className="grid gap-3 p-4 pt-0 sm:grid-cols-2 lg:grid-cols-4 lg:items-start lg:pt-4"
      >
        {children}
        <div className="flex gap-2 sm:col-span-2 lg:col-span-4">
          <button
            type="submit"
            className="rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
          >
            Apply
          </button>
          <Link
            href={basePath}
            className="rounded-full border border-stone-300 px-4 py-2 text-stone-700 hover:border-brand-600"
          >
            Clear
          </Link>
        </div>
      </form>
    </details>
  );
}

/** A day typed as dd/mm/yyyy: a text field, since a date input shows the browser's own format (mm/dd/yyyy in en-US). */
function DayField({ id, name, label, value }: { id: string; name: string; label: string; value?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        pattern="\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2}"
        title="A day as dd/mm/yyyy, e.g. 25/12/2026"
        aria-describedby={`${id}-hint`}
        defaultValue={value === undefined ? "" : formatFilterDay(value)}
        className={FILTER_FIELD}
      />
      <span id={`${id}-hint`} className="sr-only">
        Day, month, year: dd/mm/yyyy
      </span>
    </div>
  );
}
