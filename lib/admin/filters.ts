import { z } from "zod";
import { rupeesTextToPaise } from "@/lib/money";
import { startOfShopDay } from "@/lib/shop-time";
import type { KeysetCursor } from "./keyset-batches";

/** Admin lists show a fixed number of rows per page. */
export const ADMIN_PAGE_SIZE = 20;

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A calendar day as typed in a filter, the Indian way ("25/12/2026", also with - or .) or
 * as ISO ("2026-12-25", what older links carry), to ISO; null for anything else, including
 * days that do not exist (31/02/2026).
 */
export function parseFilterDay(text: string): string | null {
  const trimmed = text.trim();
  const indian = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [year, month, day] = indian ? [indian[3]!, indian[2]!, indian[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  const isoDay = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const date = new Date(`${isoDay}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(isoDay) ? isoDay : null;
}

/** An ISO calendar day as the filters show it: "2026-12-25" → "25/12/2026". */
export function formatFilterDay(isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return `${day}/${month}/${year}`;
}

/** Dates in filters are the shop's calendar days, India Standard Time. */
const calendarDay = z.string().transform((text, ctx) => {
  const day = parseFilterDay(text);
  if (day === null) {
    ctx.addIssue({ code: "custom", message: "Not a day" });
    return z.NEVER;
  }
  return day;
});

/** Filters come from the URL, so a bad value is dropped rather than shown as an error. */
export const listFilterFields = {
  from: calendarDay.optional().catch(undefined),
  to: calendarDay.optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .catch(undefined),
};

/** A page number, for the short lists that still page by number (products). */
export const pageField = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/**
 * A keyset cursor in the URL: the row's id, a dot, then its sort key as text
 * ("…-4f0c.2026-12-02 10:15:00.123456+00"); anything else is dropped like any bad filter.
 */
const keysetCursorField = z
  .string()
  .max(400)
  .transform((text, ctx): KeysetCursor => {
    const id = text.slice(0, 36);
    if (!UUID.test(id) || text[36] !== ".") {
      ctx.addIssue({ code: "custom", message: "Not a cursor" });
      return z.NEVER;
    }
    return { id: id.toLowerCase(), key: text.slice(37) };
  })
  .optional()
  .catch(undefined);

/** The lists paged by keyset: the rows after one row (Next), or before one (Previous). */
export const cursorFields = { after: keysetCursorField, before: keysetCursorField };

/** A cursor as the URL carries it. */
export function cursorParam(cursor: KeysetCursor | undefined): string | undefined {
  return cursor === undefined ? undefined : `${cursor.id}.${cursor.key}`;
}

/** The first value of each search parameter (a repeated ?page=1&page=2 keeps the first). */
export function firstValues(params: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
}

/** [start, end) of the filter's days as instants. */
export function dayRange(from: string | undefined, to: string | undefined): { start?: Date; end?: Date } {
  return {
    start: from === undefined ? undefined : startOfShopDay(from),
    end: to === undefined ? undefined : new Date(startOfShopDay(to).getTime() + 24 * 60 * 60 * 1000),
  };
}

export interface Page<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** A keyset page: its rows, the cursors to the pages beside it, and the matching rows counted up to COUNT_LIMIT. */
export interface KeysetPage<Row> {
  rows: Row[];
  /** How many rows match, exact up to COUNT_LIMIT; more than that is COUNT_LIMIT + 1 ("10,000+"). */
  total: number;
  previous?: KeysetCursor;
  next?: KeysetCursor;
}

/**
 * A list's count stops here: counting every one of a hundred thousand orders on each page
 * costs more than the page, and "10,000+" tells an admin enough. Read as
 * `count(*) from (… limit COUNT_LIMIT + 1)`.
 */
export const COUNT_LIMIT = 10_000;

export function pageOf<Row>(rows: Row[], total: number, page: number): Page<Row> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)), pageSize: ADMIN_PAGE_SIZE };
}

/** `%`, `_` and `\` typed by an admin match themselves in ILIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The largest value of a PostgreSQL integer column. */
const MAX_INT4 = 2_147_483_647;

/** An amount filter typed in rupees ("1,499.50"), read as paise; anything else is dropped like any bad URL filter. */
export const rupeesFilterField = z
  .string()
  .transform((text, ctx) => {
    const paise = rupeesTextToPaise(text);
    // Amounts are int4 paise in the database: a bound beyond what a column can hold is no bound.
    if (paise === null || paise > MAX_INT4) {
      ctx.addIssue({ code: "custom", message: "Not an amount" });
      return z.NEVER;
    }
    return paise;
  })
  .optional()
  .catch(undefined);
