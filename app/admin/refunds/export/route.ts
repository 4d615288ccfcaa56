import { getDatabase } from "@/db";
import type { SearchParams } from "@/lib/admin/filters";
import { exportRefundsForAdmin, parseRefundListFilters, REFUND_CSV_HEADER } from "@/lib/admin/refunds";
import { getCurrentUser } from "@/lib/auth/session";
import { csvResponse } from "@/lib/csv";
import { withRequestLogContext } from "@/lib/log-context";

export const dynamic = "force-dynamic";

/**
 * The refunds list as CSV: every refund its filters match (the same query parameters as
 * /admin/refunds), newest first, streamed. An admin's session only: signed out → 401, a
 * customer → 404, as the admin pages answer them.
 */
export async function GET(request: Request) {
  return withRequestLogContext(request.headers, () => answer(request));
}

async function answer(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (user === null)
    return Response.json(
      { error: "Sign in as an admin to export refunds." },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  if (user.role !== "admin")
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const params: SearchParams = Object.fromEntries(new URL(request.url).searchParams);
  const filters = parseRefundListFilters(params);
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(
    `refunds-${day}.csv`,
    REFUND_CSV_HEADER,
    exportRefundsForAdmin(await getDatabase(), user, filters),
  );
}
