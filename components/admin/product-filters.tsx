import Link from "next/link";
import type { ProductListFilters } from "@/lib/admin/list-products";
import { LOW_STOCK_THRESHOLD } from "@/lib/catalog/stock-availability";
import { FILTER_FIELD } from "./list-filters";

/**
 * The products list's filters: a plain GET form like the other lists' (ListFilters, whose
 * status and day fields do not fit products), folding into "Filters" on a phone.
 */
export function ProductFilters({
  current,
  categories,
}: {
  current: ProductListFilters;
  categories: readonly { slug: string; name: string }[];
}) {
  const set = [current.q, current.category, current.status, current.low ? "low" : undefined].filter(
    (value) => value !== undefined,
  ).length;
  return (
    <details className="admin-filters rounded-2xl bg-white shadow-sm" data-testid="admin-filters">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium lg:hidden">
        Filters{set > 0 ? ` · ${set} set` : ""}
      </summary>
      <form
        method="get"
        action="/admin/products"
        role="search"
        className="grid gap-3 p-4 pt-0 sm:grid-cols-2 lg:grid-cols-4 lg:items-end lg:pt-4"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-q" className="text-sm font-medium">
            Name
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={current.q ?? ""} className={FILTER_FIELD} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-category" className="text-sm font-medium">
            Category
          </label>
          <select id="filter-category" name="category" defaultValue={current.category ?? ""} className={FILTER_FIELD}>
            <option value="">Any</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-status" className="text-sm font-medium">
            For sale
          </label>
          <select id="filter-status" name="status" defaultValue={current.status ?? ""} className={FILTER_FIELD}>
            <option value="">Any</option>
            <option value="active">For sale</option>
            <option value="inactive">Not for sale</option>
          </select>
        </div>
        <div className="flex items-center gap-2 lg:pb-2">
          <input
            id="filter-low"
            name="low"
            type="checkbox"
            value="1"
            defaultChecked={current.low}
            className="h-4 w-4"
          />
          <label htmlFor="filter-low" className="text-sm font-medium">
            Low stock ({LOW_STOCK_THRESHOLD} or fewer)
          </label>
        </div>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-4">
          <button
            type="submit"
            className="rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
          >
            Apply
          </button>
          <Link
            href="/admin/products"
            className="rounded-full border border-stone-300 px-4 py-2 text-stone-700 hover:border-brand-600"
          >
            Clear
          </Link>
        </div>
      </form>
    </details>
  );
}
