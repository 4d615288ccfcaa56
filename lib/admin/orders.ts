import { and, asc, count, desc, eq, exists, getTableColumns, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import {
  ORDER_STATUSES,
  orderItems,
  orders,
  paymentAttempts,
  paymentEvents,
  refunds,
  users,
  type Order,
  type OrderItem,
  type PaymentAttempt,
  type PaymentEvent,
  type Refund,
} from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import {
  orderRefundability,
  refundableLines,
  refundTotalsByAttempt,
  type ExtraPaymentRefundability,
  type RefundableLine,
  type RefundableSummary,
  type RefundClosed,
} from "@/lib/refunds/refundable";
import { assertAdmin } from "@/lib/auth/authorize";
import {
  ADMIN_PAGE_SIZE,
  dayRange,
  firstValues,
  likePattern,
  listFilterFields,
  pageOf,
  UUID,
  type Page,
  type SearchParams,
} from "./filters";

const orderListFiltersSchema = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  ...listFilterFields,
});
export type OrderListFilters = z.infer<typeof orderListFiltersSchema>;

export function parseOrderListFilters(params: SearchParams): OrderListFilters {
  return orderListFiltersSchema.parse(firstValues(params));
}

export type AdminOrderRow = Pick<
  Order,
  | "id"
  | "email"
  | "status"
  | "totalAmount"
  | "refundedAmount"
  | "merchTxnId"
  | "atomTxnId"
  | "needsReview"
  | "createdAt"
>;

/**
 * Orders, newest first, filtered by status and creation day, and searched by
 * merchTxnId (any attempt's), atomTxnId, order id (exact) or email (contains).
 */
export async function listOrdersForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  filters: OrderListFilters,
): Promise<Page<AdminOrderRow>> {
  assertAdmin(actor);
  const where = and(...orderConditions(db, filters));
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: orders.id,
        email: orders.email,
        status: orders.status,
        totalAmount: orders.totalAmount,
        refundedAmount: orders.refundedAmount,
        merchTxnId: orders.merchTxnId,
        atomTxnId: orders.atomTxnId,
        needsReview: orders.needsReview,
        createdAt: orders.createdAt,
      })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((filters.page - 1) * ADMIN_PAGE_SIZE),
    db.select({ total: count() }).from(orders).where(where),
  ]);
  return pageOf(rows, counted?.total ?? 0, filters.page);
}

function orderConditions(db: Queryable, filters: OrderListFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status !== undefined) conditions.push(eq(orders.status, filters.status));
  const { start, end } = dayRange(filters.from, filters.to);
  if (start !== undefined) conditions.push(gte(orders.createdAt, start));
  if (end !== undefined) conditions.push(lt(orders.createdAt, end));
  const q = filters.q;
  if (q !== undefined) {
    if (UUID.test(q)) {
      conditions.push(eq(orders.id, q.toLowerCase()));
    } else {
      // Earlier attempts keep their own merchTxnId; orders.merch_txn_id holds only the latest.
      const anyAttempt = db
        .select({ one: sql`1` })
        .from(paymentAttempts)
        .where(
          and(
            eq(paymentAttempts.orderId, orders.id),
            or(eq(paymentAttempts.merchTxnId, q), eq(paymentAttempts.atomTxnId, q)),
          ),
        );
      conditions.push(
        or(ilike(orders.email, likePattern(q)), eq(orders.merchTxnId, q), eq(orders.atomTxnId, q), exists(anyAttempt))!,
      );
    }
  }
  return conditions;
}

export type AdminRefund = Refund & { requestedByEmail: string | null };
export type AdminPaymentEvent = Pick<
  PaymentEvent,
  "id" | "type" | "source" | "actorEmail" | "detail" | "createdAt" | "refundId" | "attemptId"
>;
export type AdminPaymentAttempt = Omit<PaymentAttempt, "gatewayPayload">;

export interface AdminOrderDetail {
  order: Order;
  items: OrderItem[];
  attempts: AdminPaymentAttempt[];
  events: AdminPaymentEvent[];
  refunds: AdminRefund[];
  /** The order's own payment: the attempt that paid it (null before it is paid) and what is left to refund of it. */
  payingAttemptId: string | null;
  refundable: RefundableSummary;
  /** Why the order's own payment cannot be refunded now, when it cannot. */
  refundClosed?: RefundClosed;
  /** Further completed payments (paid twice, or after cancelling), oldest first: money to give back. */
  extraPayments: ExtraPaymentRefundability[];
  /** Each line's units still refundable, for the refund form's "by item". */
  refundableLines: RefundableLine[];
}

// Everything but the verified gateway payload, which is kept for support, not shown.
const ATTEMPT_COLUMNS = Object.fromEntries(
  Object.entries(getTableColumns(paymentAttempts)).filter(([key]) => key !== "gatewayPayload"),
) as Omit<ReturnType<typeof getTableColumns<typeof paymentAttempts>>, "gatewayPayload">;

/** Everything the admin's order page shows, or null for an unknown order. */
export async function getOrderForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  orderId: string,
): Promise<AdminOrderDetail | null> {
  assertAdmin(actor);
  if (!UUID.test(orderId)) return null;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (order === undefined) return null;

  const [items, attempts, events, orderRefunds, refundTotalsOf, lines] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.name)),
    db
      .select(ATTEMPT_COLUMNS)
      .from(paymentAttempts)
      .where(eq(paymentAttempts.orderId, orderId))
      .orderBy(asc(paymentAttempts.createdAt)),
    db
      .select({
        id: paymentEvents.id,
        type: paymentEvents.type,
        source: paymentEvents.source,
        actorEmail: paymentEvents.actorEmail,
        detail: paymentEvents.detail,
        createdAt: paymentEvents.createdAt,
        refundId: paymentEvents.refundId,
        attemptId: paymentEvents.attemptId,
      })
      .from(paymentEvents)
      .where(eq(paymentEvents.orderId, orderId))
      .orderBy(asc(paymentEvents.id)),
    db
      .select({ refund: refunds, requestedByEmail: users.email })
      .from(refunds)
      .leftJoin(users, eq(users.id, refunds.requestedBy))
      .where(eq(refunds.orderId, orderId))
      .orderBy(asc(refunds.createdAt), asc(refunds.id)),
    refundTotalsByAttempt(db, orderId),
    refundableLines(db, orderId),
  ]);
  const { own, extraPayments } = orderRefundability(order, attempts, refundTotalsOf);
  const { attempt: paying, closed: refundClosed, ...refundable } = own;
  return {
    order,
    items,
    attempts,
    events,
    refunds: orderRefunds.map((row) => ({ ...row.refund, requestedByEmail: row.requestedByEmail })),
    payingAttemptId: paying?.id ?? null,
    refundable,
    refundClosed,
    extraPayments,
    refundableLines: lines,
  };
}
