import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { orders, REFUND_STATUSES, refunds, users, type OrderStatus, type Refund } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
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

const refundListFiltersSchema = z.object({
  status: z.enum(REFUND_STATUSES).optional().catch(undefined),
  ...listFilterFields,
});
export type RefundListFilters = z.infer<typeof refundListFiltersSchema>;

export function parseRefundListFilters(params: SearchParams): RefundListFilters {
  return refundListFiltersSchema.parse(firstValues(params));
}

export type AdminRefundRow = Pick<
  Refund,
  | "id"
  | "orderId"
  | "refundAmount"
  | "status"
  | "reason"
  | "prodRefundId"
  | "refundTxnId"
  | "gatewayMessage"
  | "createdAt"
  | "updatedAt"
> & { orderEmail: string; orderStatus: OrderStatus; requestedByEmail: string | null };

/**
 * Every refund, newest first, filtered by status and request day, and searched by
 * the shopper's email (contains), prodRefundId, refundTxnId or order id (exact).
 */
export async function listRefundsForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  filters: RefundListFilters,
): Promise<Page<AdminRefundRow>> {
  assertAdmin(actor);
  const where = and(...refundConditions(filters));
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: refunds.id,
        orderId: refunds.orderId,
        refundAmount: refunds.refundAmount,
        status: refunds.status,
        reason: refunds.reason,
        prodRefundId: refunds.prodRefundId,
        refundTxnId: refunds.refundTxnId,
        gatewayMessage: refunds.gatewayMessage,
        createdAt: refunds.createdAt,
        updatedAt: refunds.updatedAt,
        orderEmail: orders.email,
        orderStatus: orders.status,
        requestedByEmail: users.email,
      })
      .from(refunds)
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .leftJoin(users, eq(users.id, refunds.requestedBy))
      .where(where)
      .orderBy(desc(refunds.createdAt), desc(refunds.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((filters.page - 1) * ADMIN_PAGE_SIZE),
    db.select({ total: count() }).from(refunds).innerJoin(orders, eq(orders.id, refunds.orderId)).where(where),
  ]);
  return pageOf(rows, counted?.total ?? 0, filters.page);
}

function refundConditions(filters: RefundListFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status !== undefined) conditions.push(eq(refunds.status, filters.status));
  const { start, end } = dayRange(filters.from, filters.to);
  if (start !== undefined) conditions.push(gte(refunds.createdAt, start));
  if (end !== undefined) conditions.push(lt(refunds.createdAt, end));
  const q = filters.q;
  if (q !== undefined) {
    conditions.push(
      UUID.test(q)
        ? or(eq(refunds.orderId, q.toLowerCase()), eq(refunds.id, q.toLowerCase()))!
        : or(ilike(orders.email, likePattern(q)), eq(refunds.prodRefundId, q), eq(refunds.refundTxnId, q))!,
    );
  }
  return conditions;
}
