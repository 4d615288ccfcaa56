import "server-only";
import { getDatabase, type Database } from "@/db";
import type { AdminUser } from "@/lib/auth/authorize";
import { getCurrentUser } from "@/lib/auth/session";
import { csvResponse, type CsvValue } from "@/lib/csv";
import { withRequestLogContext } from "@/lib/log-context";
import type { SearchParams } from "./filters";

/** What one admin list exports: its name in the file and the message, its header, and its rows in batches. */
export interface CsvExport<Filters> {
  /** "orders" → orders-2026-12-02.csv, "Sign in as an admin to export orders." */
  noun: string;
  header: readonly string[];
  /** The list's own reading of its URL (the page's filters and sort). */
  parse: (params: SearchParams) => Filters;
  rows: (db: Database, admin: AdminUser, filters: Filters) => AsyncIterable<readonly (readonly CsvValue[])[]>;
}

/**
 * The one shape of an admin list's CSV download: an admin's session only (signed out → 401,
 * as /api/metrics answers; a customer → 404, as the admin pages answer them), the list's
 * query parameters read as its page reads them (a repeated one counts by its first value),
 * and the rows streamed.
 */
export function csvExportRoute<Filters>(list: CsvExport<Filters>): (request: Request) => Promise<Response> {
  return (request) =>
    withRequestLogContext(request.headers, async () => {
      const user = await getCurrentUser();
      if (user === null)
        return Response.json(
          { error: `Sign in as an admin to export ${list.noun}.` },
          { status: 401, headers: { "Cache-Control": "no-store" } },
        );
      if (user.role !== "admin")
        return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
      const filters = list.parse(searchParamsOf(new URL(request.url)));
      const day = new Date().toISOString().slice(0, 10);
      return csvResponse(
        `${list.noun}-${day}.csv`,
        list.header,
        list.rows(await getDatabase(), { ...user, role: "admin" }, filters),
      );
    });
}

function searchParamsOf(url: URL): SearchParams {
  const params: SearchParams = {};
  for (const key of new Set(url.searchParams.keys())) params[key] = url.searchParams.getAll(key);
  return params;
}
