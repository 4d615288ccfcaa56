import { and, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { orders, type Order } from "@/db/schema";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import type { CsvValue } from "@/lib/csv";
import { paiseToRupeesText } from "@/lib/money";
import { paymentMethodLabel } from "@/lib/payments/method-names";
import { formatShopDateTime } from "@/lib/shop-time";
import type { OrderListFilters } from "./order-list-filters";
import { beyondCursor, EXPORT_BATCH_SIZE, keysetBatches, keysetOrder } from "./keyset-batches";
import { orderConditions, orderKeyset } from "./orders";

/** The orders CSV's columns, in order. Amounts are rupees with two decimals. */
export const ORDER_CSV_HEADER = [
  "Order id",
  "Placed (UTC)",
  "Placed (India time)",
  "Status",
  "Email",
  "Mobile",
  "Total (INR)",
  "Refunded (INR)",
  "Surcharge (INR)",
  "Payment method",
  "merchTxnId",
  "atomTxnId",
  "Needs review",
  "Delivery city",
  "Delivery state",
  "Delivery PIN code",
  "Carrier",
  "Tracking number",
] as const;

const exportColumns = {
  id: orders.id,
  createdAt: orders.createdAt,
  status: orders.status,
  email: orders.email,
  mobile: orders.mobile,
  totalAmount: orders.totalAmount,
  refundedAmount: orders.refundedAmount,
  surchargeAmount: orders.surchargeAmount,
  paymentMethod: orders.paymentMethod,
  merchTxnId: orders.merchTxnId,
  atomTxnId: orders.atomTxnId,
  needsReview: orders.needsReview,
  deliveryCity: orders.deliveryCity,
  deliveryState: orders.deliveryState,
  deliveryPinCode: orders.deliveryPinCode,
  shippingCarrier: orders.shippingCarrier,
  trackingNumber: orders.trackingNumber,
};

/**
 * Every order the list's filters match (not only the page shown), in the list's sort, as
 * CSV rows in batches. Read by keyset — each batch starts after the last row's (sort key,
 * id) — so a hundred thousand orders are never held at once and no offset is rescanned.
 * The sort key travels as text and is cast back, keeping a timestamp's microseconds.
 */
export function exportOrdersForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  filters: OrderListFilters,
  batchSize: number = EXPORT_BATCH_SIZE,
): AsyncIterable<CsvValue[][]> {
  assertAdmin(actor);
  const conditions = orderConditions(db, filters);
  const sort = orderKeyset(filters);
  return keysetBatches({
    batchSize,
    read: (cursor) =>
      db
        .select({ ...exportColumns, sortKey: sql<string>`cast(${sort.column} as text)` })
        .from(orders)
        .where(and(...conditions, cursor === undefined ? undefined : beyondCursor(sort, cursor)))
        .orderBy(...keysetOrder(sort))
        .limit(batchSize),
    keyOf: (row) => row.sortKey,
    toRow: orderCsvRow,
  });
}

function orderCsvRow(order: Pick<Order, keyof typeof exportColumns>): CsvValue[] {
  return [
    order.id,
    order.createdAt.toISOString(),
    formatShopDateTime(order.createdAt),
    order.status,
    order.email,
    order.mobile,
    paiseToRupeesText(order.totalAmount),
    paiseToRupeesText(order.refundedAmount),
    paiseToRupeesText(order.surchargeAmount),
    order.paymentMethod === null ? null : paymentMethodLabel(order.paymentMethod),
    order.merchTxnId,
    order.atomTxnId,
    order.needsReview ? "yes" : "no",
    order.deliveryCity,
    order.deliveryState,
    order.deliveryPinCode,
    order.shippingCarrier,
    order.trackingNumber,
  ];
}
