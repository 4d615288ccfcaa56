/** Cache tags for Next's data cache, named once here (revalidateTag uses the same names). */
export const TAGS = {
  catalog: "catalog",
} as const;

/** How long a cached catalog read may be served before it is read again from the database. */
export const CATALOG_REVALIDATE_SECONDS = 300;

/** The most of one product a cart line may hold (the database enforces the same bound). */
export const MAX_CART_LINE_QUANTITY = 99;
