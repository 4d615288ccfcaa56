/**
 * BASELINE ONLY — the admin lists' query shapes before migration 0010 and keyset paging
 * (lib/admin/orders.ts and refunds.ts as of commit 9e1e368), kept here so bench/admin.bench.ts
 * can time them beside the current reads in the same run. Not used by the app.
 * Orders: OFFSET paging, an exact count(*) of every match, the search as one OR with
 * EXISTS(payment_attempts …). Refunds: OFFSET, the page and the totals over the joins.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { Queryable } from "@/db";
import { attentionItems, orders, paymentAttempts, refunds, users } from "@/db/schema";
import { ADMIN_PAGE_SIZE, dayRange, likePattern, UUID } from "@/lib/admin/filters";
import type { OrderListFilters, OrderSort } from "@/lib/admin/order-list-filters";
import type { RefundListFilters } from "@/lib/admin/refunds";

const SORT_COLUMNS = {
  placed: orders.createdAt,
  total: orders.totalAmount,
  refunded: orders.refundedAmount,
  status: orders.status,
  email: orders.email,
} satisfies Record<OrderSort, unknown>;

function openAttentionOf(db: Queryable) {
  return db
    .select({ one: sql`1` })
    .from(attentionItems)
    .where(and(eq(attentionItems.orderId, orders.id), isNull(attentionItems.resolvedAt)));
}

function baselineOrderConditions(db: Queryable, filters: OrderListFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status !== undefined) conditions.push(eq(orders.status, filters.status));
  const { start, end } = dayRange(filters.from, filters.to);
  if (start !== undefined) conditions.push(gte(orders.createdAt, start));
  if (end !== undefined) conditions.push(lt(orders.createdAt, end));
  if (filters.attention) conditions.push(or(eq(orders.needsReview, true), exists(openAttentionOf(db)))!);
  if (filters.method !== undefined) conditions.push(eq(orders.paymentMethod, filters.method));
  if (filters.minPaise !== undefined) conditions.push(gte(orders.totalAmount, filters.minPaise));
  if (filters.maxPaise !== undefined) conditions.push(lte(orders.totalAmount, filters.maxPaise));
  const q = filters.q;
  if (q !== undefined) {
    if (UUID.test(q)) {
      conditions.push(eq(orders.id, q.toLowerCase()));
    } else {
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

/** BASELINE: the orders list page `page` (1-based) as it was read before. */
export async function baselineListOrders(db: Queryable, filters: OrderListFilters, page: number) {
  const where = and(...baselineOrderConditions(db, filters));
  const by = filters.dir === "asc" ? asc : desc;
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
      .orderBy(by(SORT_COLUMNS[filters.sort]), by(orders.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((page - 1) * ADMIN_PAGE_SIZE),
    db.select({ total: count() }).from(orders).where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

/** BASELINE: the refunds list page `page` and its totals as they were read before. */
export async function baselineListRefunds(db: Queryable, filters: RefundListFilters, page: number) {
  const conditions: SQL[] = [];
  if (filters.status !== undefined) conditions.push(eq(refunds.status, filters.status));
  const q = filters.q;
  if (q !== undefined) {
    conditions.push(
      UUID.test(q)
        ? or(eq(refunds.orderId, q.toLowerCase()), eq(refunds.id, q.toLowerCase()))!
        : or(ilike(orders.email, likePattern(q)), eq(refunds.prodRefundId, q), eq(refunds.refundTxnId, q))!,
    );
  }
  const where = and(...conditions);
  const inProgress = inArray(refunds.status, ["requested", "processing"]);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: refunds.id,
        orderId: refunds.orderId,
        refundAmount: refunds.refundAmount,
        status: refunds.status,
        reason: refunds.reason,
        createdAt: refunds.createdAt,
        orderEmail: orders.email,
        orderStatus: orders.status,
        requestedByEmail: users.email,
        extraPayment: sql<boolean>`${paymentAttempts.atomTxnId} is distinct from ${orders.atomTxnId}`,
      })
      .from(refunds)
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .innerJoin(paymentAttempts, eq(paymentAttempts.id, refunds.attemptId))
      .leftJoin(users, eq(users.id, refunds.requestedBy))
      .where(where)
      .orderBy(desc(refunds.createdAt), desc(refunds.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((page - 1) * ADMIN_PAGE_SIZE),
    db
      .select({
        total: count(),
        completedPaise: sql<number>`coalesce(sum(${refunds.refundAmount}) filter (where ${eq(refunds.status, "completed")}), 0)`,
        inProgressPaise: sql<number>`coalesce(sum(${refunds.refundAmount}) filter (where ${inProgress}), 0)`,
        failedPaise: sql<number>`coalesce(sum(${refunds.refundAmount}) filter (where ${eq(refunds.status, "failed")}), 0)`,
      })
      .from(refunds)
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .innerJoin(paymentAttempts, eq(paymentAttempts.id, refunds.attemptId))
      .where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}
