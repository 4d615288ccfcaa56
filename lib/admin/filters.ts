import { z } from "zod";
import { startOfShopDay } from "@/lib/shop-time";

/** Admin lists show a fixed number of rows per page, chosen by page number in the URL. */
export const ADMIN_PAGE_SIZE = 20;

export type SearchParams = Record<string, string | string[] | undefined>;

/** Dates in filters are the shop's calendar days, India Standard Time. */
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (day) => !Number.isNaN(startOfShopDay(day).getTime()) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
  );

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
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
};

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

export function pageOf<Row>(rows: Row[], total: number, page: number): Page<Row> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)), pageSize: ADMIN_PAGE_SIZE };
}

/** `%`, `_` and `\` typed by an admin match themselves in ILIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
