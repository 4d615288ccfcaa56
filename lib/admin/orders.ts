import {
  and,
  asc,
  count,
  eq,
  exists,
  getTableColumns,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { alias, unionAll } from "drizzle-orm/pg-core";
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
import { ADMIN_PAGE_SIZE, COUNT_LIMIT, dayRange, likePattern, UUID, type KeysetPage } from "./filters";
import { beyondCursor, keysetOrder, readKeysetPage, type KeysetSort } from "./keyset-batches";
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
 * and sorted by the chosen column (newest first by default), a keyset page at a time
 * (?after= / ?before= a row), with the matching orders counted up to COUNT_LIMIT.
 */
export async function listOrdersForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  filters: OrderListFilters,
): Promise<KeysetPage<AdminOrderRow>> {
  assertAdmin(actor);
  const conditions = orderConditions(db, filters);
  const [page, total] = await Promise.all([
    readKeysetPage({
      size: ADMIN_PAGE_SIZE,
      after: filters.after,
      before: filters.before,
      read: (cursor, reversed, limit) => {
        const sort = orderKeyset({ sort: filters.sort, dir: reversed ? opposite(filters.dir) : filters.dir });
        return db
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
            sortKey: sql<string>`cast(${sort.column} as text)`,
          })
          .from(orders)
          .where(and(...conditions, cursor === undefined ? undefined : beyondCursor(sort, cursor)))
          .orderBy(...keysetOrder(sort))
          .limit(limit);
      },
    }),
    countUpToLimit(db, and(...conditions)),
  ]);
  return { ...page, total };
}

/** The orders matching `where`, counted up to COUNT_LIMIT + 1: past that the list says "10,000+". */
async function countUpToLimit(db: Queryable, where: SQL | undefined): Promise<number> {
  const matching = db
    .select({ one: sql`1` })
    .from(orders)
    .where(where)
    .limit(COUNT_LIMIT + 1)
    .as("matching");
  const [counted] = await db.select({ total: count() }).from(matching);
  return counted?.total ?? 0;
}

/** Each sortable column, and the SQL type its keyset value is cast back to (it travels as text). */
const SORT_COLUMNS: Record<OrderSort, Pick<KeysetSort, "column" | "type">> = {
  placed: { column: orders.createdAt, type: "timestamptz" },
  total: { column: orders.totalAmount, type: "integer" },
  refunded: { column: orders.refundedAmount, type: "integer" },
  status: { column: orders.status, type: "text" },
  email: { column: orders.email, type: "text" },
};

/** The list's sort as a keyset: the chosen column, then the id the same way round, so rows that tie keep one order. */
export function orderKeyset(filters: { sort: OrderSort; dir: SortDirection }): KeysetSort {
  return { ...SORT_COLUMNS[filters.sort], id: orders.id, dir: filters.dir };
}

function opposite(dir: SortDirection): SortDirection {
  return dir === "asc" ? "desc" : "asc";
}

/** The open needs-attention items about the order in the outer query. */
function openAttentionOf(db: Queryable) {
  return db
    .select({ one: sql`1` })
    .from(attentionItems)
    .where(and(eq(attentionItems.orderId, orders.id), isNull(attentionItems.resolvedAt)));
}

// The searches and the attention filter name the orders they match in a subquery of their
// own over this alias: a UNION of index lookups, each small. Written as one OR over the
// outer row (with EXISTS), the planner expected half the table and read all of it.
const matched = alias(orders, "matched");

export function orderConditions(db: Queryable, filters: OrderListFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status !== undefined) conditions.push(eq(orders.status, filters.status));
  const { start, end } = dayRange(filters.from, filters.to);
  if (start !== undefined) conditions.push(gte(orders.createdAt, start));
  if (end !== undefined) conditions.push(lt(orders.createdAt, end));
  // "Needs attention" is both signs that an admin must look: the order's needs-review flag
  // (a reversal, a second payment) or an open item about it on the needs-attention list
  // (attention_items, lib/attention/open-attention.ts: oversold, over-refunded…).
  if (filters.attention) {
    conditions.push(
      inArray(
        orders.id,
        unionAll(
          db.select({ id: matched.id }).from(matched).where(eq(matched.needsReview, true)),
          db
            .select({ id: sql<string>`${attentionItems.orderId}` })
            .from(attentionItems)
            .where(and(isNull(attentionItems.resolvedAt), isNotNull(attentionItems.orderId))),
        ),
      ),
    );
  }
  if (filters.method !== undefined) conditions.push(eq(orders.paymentMethod, filters.method));
  // The amount range is on the order's total (the goods), both ends included.
  if (filters.minPaise !== undefined) conditions.push(gte(orders.totalAmount, filters.minPaise));
  if (filters.maxPaise !== undefined) conditions.push(lte(orders.totalAmount, filters.maxPaise));
  const q = filters.q;
  if (q !== undefined) {
    if (UUID.test(q)) {
      conditions.push(eq(orders.id, q.toLowerCase()));
    } else {
      conditions.push(
        inArray(
          orders.id,
          unionAll(
            // A fragment of three characters or more is found through the trigram index.
            db
              .select({ id: matched.id })
              .from(matched)
              .where(ilike(matched.email, likePattern(q))),
            db
              .select({ id: matched.id })
              .from(matched)
              .where(or(eq(matched.merchTxnId, q), eq(matched.atomTxnId, q))),
            // Earlier attempts keep their own merchTxnId; orders.merch_txn_id holds only the latest.
            db
              .select({ id: paymentAttempts.orderId })
              .from(paymentAttempts)
              .where(or(eq(paymentAttempts.merchTxnId, q), eq(paymentAttempts.atomTxnId, q))),
          ),
        ),
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
