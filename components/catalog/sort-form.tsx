import Form from "next/form";
import { catalogHref, SORT_LABELS, sortsFor, type CatalogQuery } from "@/lib/catalog/catalog-query";

/**
 * The listing's sort: a GET form that keeps the search and the category, so it works without
 * JavaScript. It waits for "Sort" rather than reloading when the choice changes, so moving
 * through the options with a keyboard or screen reader does not navigate away.
 */
export function SortForm({ query }: { query: CatalogQuery }) {
  return (
    // Keyed by the listing, so going back to another listing shows its own sort.
    <Form key={catalogHref(query)} action="/" className="flex items-center gap-2 text-sm">
      {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
      {query.category ? <input type="hidden" name="category" value={query.category} /> : null}
      <label htmlFor="catalog-sort" className="font-medium text-stone-700">
        Sort by
      </label>
      <select
        id="catalog-sort"
        name="sort"
        defaultValue={query.sort}
        className="rounded-lg border border-stone-300 bg-white px-3 py-1.5"
      >
        {sortsFor(query).map((sort) => (
          <option key={sort} value={sort}>
            {SORT_LABELS[sort]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="rounded-full border border-stone-300 bg-white px-4 py-1.5 font-medium text-stone-800 hover:border-brand-600 hover:text-brand-700"
      >
        Sort
      </button>
    </Form>
  );
}
