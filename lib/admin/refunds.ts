import { and, count, eq, exists, gte, ilike, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { alias, unionAll } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Queryable } from "@/db";
import { orders, paymentAttempts, REFUND_STATUSES, refunds, users, type OrderStatus, type Refund } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { assertAdmin } from "@/lib/auth/authorize";
import type { CsvValue } from "@/lib/csv";
import { UNSETTLED_REFUND_STATUSES } from "@/lib/lifecycle/machines";
import { paiseToRupeesText } from "@/lib/money";
import { formatShopDateTime } from "@/lib/shop-time";
import {
  beyondCursor,
  EXPORT_BATCH_SIZE,
  keysetBatches,
  keysetOrder,
  readKeysetPage,
  type KeysetSort,
} from "./keyset-batches";
import {
  ADMIN_PAGE_SIZE,
  cursorFields,
  dayRange,
  firstValues,
  likePattern,
  listFilterFields,
  rupeesFilterField,
  UUID,
  type KeysetPage,
  type SearchParams,
} from "./filters";

const refundListFiltersSchema = z.object({
  status: z.enum(REFUND_STATUSES).optional().catch(undefined),
  ...listFilterFields,
  ...cursorFields,
  minPaise: rupeesFilterField,
  maxPaise: rupeesFilterField,
  // The checkbox sends "1" when ticked and nothing otherwise.
  extra: z
    .literal("1")
    .optional()
    .transform((value) => value !== undefined)
    .catch(false),
});
export type RefundListFilters = z.infer<typeof refundListFiltersSchema>;

/** The refunds list's filters and page (a keyset cursor) from the URL (amounts typed in rupees as ?min=&max=); a bad value is dropped. */
export function parseRefundListFilters(params: SearchParams): RefundListFilters {
  const { min, max, ...rest } = firstValues(params);
  return refundListFiltersSchema.parse({ ...rest, minPaise: min, maxPaise: max });
}

/** The filters as URL parameters (the page's cursor left out), as the form writes them: for the pages and the export link. */
export function refundListParams(filters: RefundListFilters): Record<string, string | undefined> {
  return {
    status: filters.status,
    q: filters.q,
    from: filters.from,
    to: filters.to,
    min: filters.minPaise === undefined ? undefined : paiseToRupeesText(filters.minPaise),
    max: filters.maxPaise === undefined ? undefined : paiseToRupeesText(filters.maxPaise),
    extra: filters.extra ? "1" : undefined,
  };
}

/** How many of the list's own filters (beyond status, search and days) are set, for the folded "Filters · n set". */
export function extraRefundFiltersSet(filters: RefundListFilters): number {
  return [filters.minPaise, filters.maxPaise, filters.extra || undefined].filter((value) => value !== undefined).length;
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
  | "gatewayStatusCode"
  | "gatewayMessage"
  | "createdAt"
  | "updatedAt"
> & {
  orderEmail: string;
  orderStatus: OrderStatus;
  requestedByEmail: string | null;
  /** The money goes back from a payment beyond the order's own (paid twice, or after cancelling). */
  extraPayment: boolean;
};

/** How many refunds, and how much, in one group of states. */
export interface RefundTotal {
  count: number;
  paise: number;
}

/** The filtered list's totals: completed, still in progress (requested or processing), failed. */
export interface RefundTotals {
  completed: RefundTotal;
  inProgress: RefundTotal;
  failed: RefundTotal;
}

export type RefundListPage = KeysetPage<AdminRefundRow> & { totals: RefundTotals };

// An extra payment is an attempt other than the one that paid the order, which carries the
// order's atomTxnId (lib/refunds/refundable.ts isPayingAttempt); a refund always names an
// attempt with a gateway transaction.
const OF_EXTRA_PAYMENT = sql<boolean>`${paymentAttempts.atomTxnId} is distinct from ${orders.atomTxnId}`;

// The same test as a filter on the refund alone, so the filtered list's totals need no join.
const refundOrder = alias(orders, "refund_order");
const refundAttempt = alias(paymentAttempts, "refund_attempt");
function isOfExtraPayment(db: Queryable): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(refundAttempt)
      .innerJoin(refundOrder, eq(refundOrder.id, refunds.orderId))
      .where(
        and(
          eq(refundAttempt.id, refunds.attemptId),
          sql`${refundAttempt.atomTxnId} is distinct from ${refundOrder.atomTxnId}`,
        ),
      ),
  );
}

/** The list's one order: newest first. */
const REFUND_KEYSET: KeysetSort = { column: refunds.createdAt, type: "timestamptz", id: refunds.id, dir: "desc" };

const rowColumns = {
  id: refunds.id,
  orderId: refunds.orderId,
  refundAmount: refunds.refundAmount,
  status: refunds.status,
  reason: refunds.reason,
  prodRefundId: refunds.prodRefundId,
  refundTxnId: refunds.refundTxnId,
  gatewayStatusCode: refunds.gatewayStatusCode,
  gatewayMessage: refunds.gatewayMessage,
  createdAt: refunds.createdAt,
  updatedAt: refunds.updatedAt,
  orderEmail: orders.email,
  orderStatus: orders.status,
  requestedByEmail: users.email,
  extraPayment: OF_EXTRA_PAYMENT,
  // The keyset cursor: the creation time as text keeps its microseconds (a Date does not).
  sortKey: sql<string>`cast(${refunds.createdAt} as text)`,
};

/** Refunds with their order, the payment they return and who asked. */
function refundsWithOrder(db: Queryable) {
  return db
    .select(rowColumns)
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .innerJoin(paymentAttempts, eq(paymentAttempts.id, refunds.attemptId))
    .leftJoin(users, eq(users.id, refunds.requestedBy));
}

/**
 * Every refund, newest first, filtered by status, request day, amount and whether it
 * returns an extra payment, and searched by the shopper's email (contains), prodRefundId,
 * refundTxnId or order or refund id (exact), a keyset page at a time (?after= / ?before=);
 * with the count and sum of the whole filtered list per state, not only of the page shown.
 */
export async function listRefundsForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  filters: RefundListFilters,
): Promise<RefundListPage> {
  assertAdmin(actor);
  const conditions = refundConditions(db, filters);
  const sumOf = (condition: SQL) =>
    sql<number>`coalesce(sum(${refunds.refundAmount}) filter (where ${condition}), 0)`.mapWith(Number);
  const countOf = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  const completed = eq(refunds.status, "completed");
  const inProgress = inArray(refunds.status, [...UNSETTLED_REFUND_STATUSES]);
  const failed = eq(refunds.status, "failed");
  const [page, [counted]] = await Promise.all([
    readKeysetPage({
      size: ADMIN_PAGE_SIZE,
      after: filters.after,
      before: filters.before,
      read: (cursor, reversed, limit) => {
        const sort = reversed ? { ...REFUND_KEYSET, dir: "asc" as const } : REFUND_KEYSET;
        return refundsWithOrder(db)
          .where(and(...conditions, cursor === undefined ? undefined : beyondCursor(sort, cursor)))
          .orderBy(...keysetOrder(sort))
          .limit(limit);
      },
    }),
    // Exact, unlike the orders' bounded count: these are sums of money, and refunds are few
    // beside orders (20,000 at 100,000 orders): one pass over the refunds, no join.
    db
      .select({
        total: count(),
        completedCount: countOf(completed),
        completedPaise: sumOf(completed),
        inProgressCount: countOf(inProgress),
        inProgressPaise: sumOf(inProgress),
        failedCount: countOf(failed),
        failedPaise: sumOf(failed),
      })
      .from(refunds)
      .where(and(...conditions)),
  ]);
  const totals: RefundTotals = {
    completed: { count: counted?.completedCount ?? 0, paise: counted?.completedPaise ?? 0 },
    inProgress: { count: counted?.inProgressCount ?? 0, paise: counted?.inProgressPaise ?? 0 },
    failed: { count: counted?.failedCount ?? 0, paise: counted?.failedPaise ?? 0 },
  };
  return { ...page, total: counted?.total ?? 0, totals };
}

// The search names the refunds it matches in a UNION of index lookups (see orders.ts).
const searched = alias(refunds, "searched");
const searchedOrder = alias(orders, "searched_order");

/** The filters as conditions on the refund alone (no join), for the page and the totals. */
function refundConditions(db: Queryable, filters: RefundListFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status !== undefined) conditions.push(eq(refunds.status, filters.status));
  const { start, end } = dayRange(filters.from, filters.to);
  if (start !== undefined) conditions.push(gte(refunds.createdAt, start));
  if (end !== undefined) conditions.push(lt(refunds.createdAt, end));
  if (filters.minPaise !== undefined) conditions.push(gte(refunds.refundAmount, filters.minPaise));
  if (filters.maxPaise !== undefined) conditions.push(lte(refunds.refundAmount, filters.maxPaise));
  if (filters.extra) conditions.push(isOfExtraPayment(db));
  const q = filters.q;
  if (q !== undefined) {
    conditions.push(
      UUID.test(q)
        ? or(eq(refunds.orderId, q.toLowerCase()), eq(refunds.id, q.toLowerCase()))!
        : inArray(
            refunds.id,
            unionAll(
              db
                .select({ id: searched.id })
                .from(searched)
                .innerJoin(searchedOrder, eq(searchedOrder.id, searched.orderId))
                .where(ilike(searchedOrder.email, likePattern(q))),
              db
                .select({ id: searched.id })
                .from(searched)
                .where(or(eq(searched.prodRefundId, q), eq(searched.refundTxnId, q))),
            ),
          ),
    );
  }
  return conditions;
}

/** The refunds CSV's columns, in order. Amounts are rupees with two decimals. */
export const REFUND_CSV_HEADER = [
  "Refund id",
  "Order id",
  "Shopper email",
  "Requested (UTC, ISO 8601)",
  "Requested (India time)",
  "Status",
  "Amount (INR)",
  "Reason",
  "Requested by",
  "Of an extra payment",
  "prodRefundId",
  "refundTxnId",
  "Gateway code",
  "Gateway message",
] as const;

/**
 * Every refund the list's filters match (not only the page shown), newest first, as CSV
 * rows in batches. Read by keyset, each batch after the last row's (created, id), so a
 * long list is never held at once and no offset is rescanned; the creation time travels
 * as text, keeping its microseconds.
 */
export function exportRefundsForAdmin(
  db: Queryable,
  actor: SessionUser | null,
  filters: RefundListFilters,
  batchSize: number = EXPORT_BATCH_SIZE,
): AsyncIterable<CsvValue[][]> {
  assertAdmin(actor);
  const conditions = refundConditions(db, filters);
  return keysetBatches({
    batchSize,
    read: (cursor) =>
      refundsWithOrder(db)
        .where(and(...conditions, cursor === undefined ? undefined : beyondCursor(REFUND_KEYSET, cursor)))
        .orderBy(...keysetOrder(REFUND_KEYSET))
        .limit(batchSize),
    keyOf: (row) => row.sortKey,
    toRow: refundCsvRow,
  });
}

function refundCsvRow(refund: AdminRefundRow): CsvValue[] {
  return [
    refund.id,
    refund.orderId,
    refund.orderEmail,
    refund.createdAt.toISOString(),
    formatShopDateTime(refund.createdAt),
    refund.status,
    paiseToRupeesText(refund.refundAmount),
    refund.reason,
    refund.requestedByEmail,
    refund.extraPayment ? "yes" : "no",
    refund.prodRefundId,
    refund.refundTxnId,
    refund.gatewayStatusCode,
    refund.gatewayMessage,
  ];
}
