import { z } from "zod";
import { ORDER_STATUSES } from "@/db/schema";
import { SUB_CHANNELS } from "@/lib/atom/auth-payload";
import { paiseToRupeesText } from "@/lib/money";
import { cursorFields, firstValues, listFilterFields, rupeesFilterField, type SearchParams } from "./filters";

/** The orders list's sortable columns, as the URL names them (?sort=total&dir=asc). */
const ORDER_SORTS = ["placed", "total", "refunded", "status", "email"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** Which way a column sorts when first chosen: the newest and the largest first, words from A. */
const FIRST_DIRECTION: Record<OrderSort, SortDirection> = {
  placed: "desc",
  total: "desc",
  refunded: "desc",
  status: "asc",
  email: "asc",
};

const orderListFiltersSchema = z
  .object({
    status: z.enum(ORDER_STATUSES).optional().catch(undefined),
    ...listFilterFields,
    ...cursorFields,
    // The checkbox sends "1" when ticked and nothing otherwise.
    attention: z
      .literal("1")
      .optional()
      .transform((value) => value !== undefined)
      .catch(false),
    method: z.enum(SUB_CHANNELS).optional().catch(undefined),
    minPaise: rupeesFilterField,
    maxPaise: rupeesFilterField,
    sort: z.enum(ORDER_SORTS).catch("placed").default("placed"),
    dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  })
  .transform(({ dir, ...filters }) => ({ ...filters, dir: dir ?? FIRST_DIRECTION[filters.sort] }));
export type OrderListFilters = z.output<typeof orderListFiltersSchema>;

/** The orders list's filters, sort and page (a keyset cursor) from the URL; a bad value is dropped, never an error. */
export function parseOrderListFilters(params: SearchParams): OrderListFilters {
  const { min, max, ...rest } = firstValues(params);
  return orderListFiltersSchema.parse({ ...rest, minPaise: min, maxPaise: max });
}

/** How many of the list's own filters (beyond status, search and days) are set, for the folded "Filters · n set". */
export function extraFiltersSet(filters: OrderListFilters): number {
  return [filters.attention || undefined, filters.method, filters.minPaise, filters.maxPaise].filter(
    (value) => value !== undefined,
  ).length;
}

/**
 * The filters and sort as URL parameters (the page's cursor left out), the way the form and the header
 * links write them, for links that keep them: the pages, the column headers, the export.
 * The default sort is left out so the plain list keeps its plain URL.
 */
export function orderListParams(filters: OrderListFilters): Record<string, string | undefined> {
  const defaultSort = filters.sort === "placed" && filters.dir === FIRST_DIRECTION.placed;
  return {
    status: filters.status,
    q: filters.q,
    from: filters.from,
    to: filters.to,
    attention: filters.attention ? "1" : undefined,
    method: filters.method,
    min: filters.minPaise === undefined ? undefined : paiseToRupeesText(filters.minPaise),
    max: filters.maxPaise === undefined ? undefined : paiseToRupeesText(filters.maxPaise),
    sort: defaultSort ? undefined : filters.sort,
    dir: defaultSort ? undefined : filters.dir,
  };
}

/** A path with the parameters that are set. */
export function hrefWith(basePath: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  return query === "" ? basePath : `${basePath}?${query}`;
}

/**
 * A column header's link: the same filters, sorted by `column` — the other way round when
 * it is already the sort, its first direction otherwise — from the first page.
 */
export function sortHref(basePath: string, filters: OrderListFilters, column: OrderSort): string {
  const dir = filters.sort === column ? (filters.dir === "asc" ? "desc" : "asc") : FIRST_DIRECTION[column];
  return hrefWith(basePath, orderListParams({ ...filters, sort: column, dir }));
}
