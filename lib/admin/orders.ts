import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  getTableColumns,
  gte,
  ilike,
  isNull,
  lt,
  lte,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from "drizzle-orm";
import type { Queryable } from "@/db";
import {
  attentionItems,
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
import { ADMIN_PAGE_SIZE, dayRange, likePattern, pageOf, UUID, type Page } from "./filters";
import type { OrderListFilters, OrderSort, SortDirection } from "./order-list-filters";
import { describeOrderMoney, type OrderMoney } from "./describe-money";
import { orderActions, type OrderActions } from "./order-actions";

export type AdminOrderRow = Pick<
  Order,
  | "id"
  | "email"
  | "status"
  | "totalAmount"
  | "refundedAmount"
  | "merchTxnId"
  | "atomTxnId"
  | "paymentMethod"
  | "needsReview"
  | "createdAt"
> & {
  /** An item about the order is open on the needs-attention list. */
  openAttention: boolean;
};

/**
 * Orders filtered by status, creation day, needs attention, payment method and amount,
 * searched by merchTxnId (any attempt's), atomTxnId, order id (exact) or email (contains),
 * and sorted by the chosen column (newest first by default), a page at a time.
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
        paymentMethod: orders.paymentMethod,
        needsReview: orders.needsReview,
        createdAt: orders.createdAt,
        openAttention: sql<boolean>`${exists(openAttentionOf(db))}`,
      })
      .from(orders)
      .where(where)
      .orderBy(...orderSorting(filters))
      .limit(ADMIN_PAGE_SIZE)
      .offset((filters.page - 1) * ADMIN_PAGE_SIZE),
    db.select({ total: count() }).from(orders).where(where),
  ]);
  return pageOf(rows, counted?.total ?? 0, filters.page);
}

/** Each sortable column, and the SQL type its keyset value is cast back to (the export reads it as text). */
export const SORT_COLUMNS: Record<OrderSort, { column: AnyColumn; type: "timestamptz" | "integer" | "text" }> = {
  placed: { column: orders.createdAt, type: "timestamptz" },
  total: { column: orders.totalAmount, type: "integer" },
  refunded: { column: orders.refundedAmount, type: "integer" },
  status: { column: orders.status, type: "text" },
  email: { column: orders.email, type: "text" },
};

/** The chosen column, then the id the same way round: rows that tie keep one order, page after page. */
export function orderSorting(filters: { sort: OrderSort; dir: SortDirection }): SQL[] {
  const by = filters.dir === "asc" ? asc : desc;
  return [by(SORT_COLUMNS[filters.sort].column), by(orders.id)];
}

/** The open needs-attention items about the order in the outer query. */
function openAttentionOf(db: Queryable) {
  return db
    .select({ one: sql`1` })
    .from(attentionItems)
    .where(and(eq(attentionItems.orderId, orders.id), isNull(attentionItems.resolvedAt)));
}

export function orderConditions(db: Queryable, filters: OrderListFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status !== undefined) conditions.push(eq(orders.status, filters.status));
  const { start, end } = dayRange(filters.from, filters.to);
  if (start !== undefined) conditions.push(gte(orders.createdAt, start));
  if (end !== undefined) conditions.push(lt(orders.createdAt, end));
  // "Needs attention" is both signs that an admin must look: the order's needs-review flag
  // (a reversal, a second payment) or an open item about it on the needs-attention list
  // (attention_items, lib/attention/open-attention.ts: oversold, over-refunded…).
  if (filters.attention) conditions.push(or(eq(orders.needsReview, true), exists(openAttentionOf(db)))!);
  if (filters.method !== undefined) conditions.push(eq(orders.paymentMethod, filters.method));
  // The amount range is on the order's total (the goods), both ends included.
  if (filters.minPaise !== undefined) conditions.push(gte(orders.totalAmount, filters.minPaise));
  if (filters.maxPaise !== undefined) conditions.push(lte(orders.totalAmount, filters.maxPaise));
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
  /** What the money panel says for the order's state. */
  money: OrderMoney;
  /** Which actions the page offers, from the rules the services refuse with. */
  actions: OrderActions;
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
    money: describeOrderMoney(order, refundable),
    actions: orderActions(order, own),
    refundableLines: lines,
  };
}
