import { getDatabase } from "@/db";
import { exportOrdersForAdmin, ORDER_CSV_HEADER } from "@/lib/admin/export-orders";
import type { SearchParams } from "@/lib/admin/filters";
import { parseOrderListFilters } from "@/lib/admin/order-list-filters";
import { getCurrentUser } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { withRequestLogContext } from "@/lib/log-context";

export const dynamic = "force-dynamic";

/**
 * The orders list as CSV: every order its filters match (the same query parameters as
 * /admin/orders), in its sort, streamed. An admin's session only: signed out → 401, as
 * /api/metrics answers; a customer → 404, as the admin pages answer them.
 */
export async function GET(request: Request) {
  return withRequestLogContext(request.headers, () => answer(request));
}

async function answer(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (user === null)
    return Response.json(
      { error: "Sign in as an admin to export orders." },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  if (user.role !== "admin")
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const filters = parseOrderListFilters(searchParamsOf(new URL(request.url)));
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(`orders-${day}.csv`, ORDER_CSV_HEADER, exportOrdersForAdmin(await getDatabase(), user, filters));
}

function searchParamsOf(url: URL): SearchParams {
  const params: SearchParams = {};
  for (const key of new Set(url.searchParams.keys())) params[key] = url.searchParams.getAll(key);
  return params;
}
