import type { ProductListFilters } from "@/lib/admin/list-products";
import { LOW_STOCK_THRESHOLD } from "@/lib/catalog/stock-availability";
import { FILTER_FIELD, FilterForm } from "./list-filters";

/**
 * The products list's filters, in the shell every admin list's filters share (ListFilters'
 * status and day fields do not fit products).
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
    <FilterForm basePath="/admin/products" set={set}>
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
        <input id="filter-low" name="low" type="checkbox" value="1" defaultChecked={current.low} className="h-4 w-4" />
        <label htmlFor="filter-low" className="text-sm font-medium">
          Low stock ({LOW_STOCK_THRESHOLD} or fewer)
        </label>
      </div>
    </FilterForm>
  );
}
