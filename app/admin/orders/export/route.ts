import { csvExportRoute } from "@/lib/admin/csv-export-route";
import { exportOrdersForAdmin, ORDER_CSV_HEADER } from "@/lib/admin/export-orders";
import { parseOrderListFilters } from "@/lib/admin/order-list-filters";

export const dynamic = "force-dynamic";

/** The orders list as CSV: every order its filters match (the query parameters of /admin/orders), in its sort. */
export const GET = csvExportRoute({
  noun: "orders",
  header: ORDER_CSV_HEADER,
  parse: parseOrderListFilters,
  rows: exportOrdersForAdmin,
});
