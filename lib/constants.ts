/** Cache tags for Next's data cache, named once here (revalidateTag uses the same names). */
export const TAGS = {
  catalog: "catalog",
} as const;

/** How long a cached catalog read may be served before it is read again from the database. */
export const CATALOG_REVALIDATE_SECONDS = 300;

/** The most of one product a cart line may hold (the database enforces the same bound). */
export const MAX_CART_LINE_QUANTITY = 99;

/**
 * Longer searches are cut to this many characters (nobody types more; it bounds the query).
 * Here, not in lib/catalog/catalog-query.ts, because the header's search box (a client
 * component on every page) needs it, and that module builds zod schemas: zod probes for eval
 * when it builds one, which the shop's CSP refuses (a violation report on every page).
 */
export const MAX_SEARCH_LENGTH = 100;
