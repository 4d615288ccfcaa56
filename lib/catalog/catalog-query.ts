import { z } from "zod";
import { MAX_SEARCH_LENGTH } from "@/lib/constants";

// What a catalog listing shows, as it travels in the URL's query (`/?q=chai&category=tea&sort=price-asc`):
// parsed here, once, from whatever the address bar holds, and written back into links by catalogHref.

/** Lower-case words joined by hyphens: how products and categories are named in URLs. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const CATALOG_SORTS = ["relevance", "featured", "price-asc", "price-desc", "newest", "name"] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/** What each sort is called in the sort control. "Best match" is offered only for a search. */
export const SORT_LABELS: Record<CatalogSort, string> = {
  relevance: "Best match",
  featured: "Featured",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
  newest: "Newest",
  name: "Name: A to Z",
};

/** Words of a search after the first this many are ignored. */
const MAX_SEARCH_TERMS = 8;

export interface CatalogQuery {
  /** The search as the shopper typed it, trimmed and with runs of spaces made one; null for none. */
  q: string | null;
  /** A category's slug, well-formed but not yet known to exist; null for every category. */
  category: string | null;
  sort: CatalogSort;
}

type SearchParams = Record<string, string | string[] | undefined>;

// A repeated parameter (`?q=a&q=b`) counts by its first value, as a form would send it.
const firstValue = z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().optional());

const searchSchema = firstValue.transform((value) => {
  const text = (value ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_SEARCH_LENGTH).trim();
  return text === "" ? null : text;
});

// False for a value no slug can be.
const categorySchema = firstValue.transform((value) => {
  if (!value) return null;
  return value.length <= 100 && SLUG_PATTERN.test(value) ? value : false;
});

const sortSchema = firstValue.pipe(z.enum(CATALOG_SORTS).optional().catch(undefined));

const catalogQuerySchema = z.object({ q: searchSchema, category: categorySchema, sort: sortSchema });

/**
 * The listing a URL's query asks for. Undefined when it names a category in a form no category
 * can have (the page answers 404, as for an unknown one). A missing or unknown sort is the
 * default: "Best match" for a search, "Featured" otherwise; "Best match" without a search is
 * "Featured". Empty parameters (`?category=&q=`, what a form sends for blank fields) mean none.
 */
export function parseCatalogQuery(searchParams: SearchParams): CatalogQuery | undefined {
  const parsed = catalogQuerySchema.parse({
    q: searchParams.q,
    category: searchParams.category,
    sort: searchParams.sort,
  });
  if (parsed.category === false) return undefined;
  const defaultSort: CatalogSort = parsed.q ? "relevance" : "featured";
  const sort = parsed.sort === undefined || (parsed.sort === "relevance" && !parsed.q) ? defaultSort : parsed.sort;
  return { q: parsed.q, category: parsed.category, sort };
}

/** The sorts a listing offers: "Best match" only when there is a search to match. */
export function sortsFor(query: Pick<CatalogQuery, "q">): CatalogSort[] {
  return CATALOG_SORTS.filter((sort) => sort !== "relevance" || query.q !== null);
}

/**
 * The URL of a listing, leaving out what is the default, so `/` is every product, featured first.
 * parseCatalogQuery(catalogHref(query)'s parameters) gives the query back.
 */
export function catalogHref(query: Partial<CatalogQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.category) params.set("category", query.category);
  if (query.sort && query.sort !== (query.q ? "relevance" : "featured")) params.set("sort", query.sort);
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

/**
 * PostgreSQL `to_tsquery` text for a shopper's search: every word must match, each also as the
 * start of a longer word ("cardam" finds cardamom, "sandal" sandalwood). Words are letters,
 * digits and combining marks (so Hindi words stay whole); everything else separates them, so
 * nothing the shopper types can be read as a tsquery operator. Null when no word is left.
 */
export function searchTsQuery(search: string): string | null {
  const words =
    search
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu)
      ?.slice(0, MAX_SEARCH_TERMS) ?? [];
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(" & ");
}
