import Link from "next/link";
import { humanize } from "./format";

interface ListFiltersProps {
  basePath: string;
  statuses: readonly string[];
  current: { status?: string; from?: string; to?: string; q?: string };
  searchLabel: string;
  searchHint: string;
}

/** A plain GET form: the filters live in the URL, so they survive reloads and can be shared. */
export function ListFilters({ basePath, statuses, current, searchLabel, searchHint }: ListFiltersProps) {
  const field = "rounded-lg border border-stone-300 bg-white px-3 py-2";
  return (
    <form
      method="get"
      action={basePath}
      role="search"
      className="grid gap-3 rounded-2xl bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[1fr_2fr_auto_auto_auto] lg:items-end"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-status" className="text-sm font-medium">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={current.status ?? ""} className={field}>
          <option value="">Any</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {humanize(status)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-q" className="text-sm font-medium">
          {searchLabel}
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={current.q ?? ""}
          aria-describedby="filter-q-hint"
          className={field}
        />
        <p id="filter-q-hint" className="text-xs text-stone-600">
          {searchHint}
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-from" className="text-sm font-medium">
          From
        </label>
        <input id="filter-from" name="from" type="date" defaultValue={current.from ?? ""} className={field} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-to" className="text-sm font-medium">
          To
        </label>
        <input id="filter-to" name="to" type="date" defaultValue={current.to ?? ""} className={field} />
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-1">
        <button type="submit" className="rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700">
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
  );
}
