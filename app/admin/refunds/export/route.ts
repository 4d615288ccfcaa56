import { csvExportRoute } from "@/lib/admin/csv-export-route";
import { exportRefundsForAdmin, parseRefundListFilters, REFUND_CSV_HEADER } from "@/lib/admin/refunds";

export const dynamic = "force-dynamic";

/** The refunds list as CSV: every refund its filters match (the query parameters of /admin/refunds), newest first. */
export const GET = csvExportRoute({
  noun: "refunds",
  header: REFUND_CSV_HEADER,
  parse: parseRefundListFilters,
  rows: exportRefundsForAdmin,
});
