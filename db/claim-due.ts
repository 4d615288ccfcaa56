import { inArray, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Queryable } from "./client";

/**
 * How long a claimed row is the claiming instance's. A job claims a few rows at a time
 * (lib/jobs/run-jobs.ts), so a batch ends well within it even when every gateway call runs
 * to its timeout and retries; an instance that dies leaves its rows due again after it.
 */
export const CLAIM_LEASE_SECONDS = 120;

export interface DueClaim<T extends PgTable> {
  table: T;
  /** The table's primary key column. */
  id: PgColumn;
  /** Which rows are due. */
  due: SQL;
  /** Oldest due first. */
  orderBy: SQL | PgColumn;
  /** The lease: moves the row's own due time ahead, so no one else claims it until it runs out. */
  lease: PgUpdateSetSource<T>;
  limit: number;
}

/**
 * Claims up to `limit` due rows for this instance, in one statement:
 * `UPDATE … SET <lease> WHERE id IN (SELECT id … WHERE <due> … FOR UPDATE SKIP LOCKED) RETURNING id`.
 * Rows another instance is claiming are skipped, not waited for; rows it claimed are not
 * due again until their lease runs out, so an instance that dies mid-work leaves them to
 * the next. The same on PGlite and on any number of PostgreSQL instances.
 */
export async function claimDue<T extends PgTable>(db: Queryable, claim: DueClaim<T>): Promise<string[]> {
  const candidates = db
    .select({ id: claim.id })
    .from(claim.table as PgTable)
    .where(claim.due)
    .orderBy(claim.orderBy)
    .limit(claim.limit)
    .for("update", { skipLocked: true });
  const claimed = (await db
    .update(claim.table)
    .set(claim.lease)
    .where(inArray(claim.id, candidates))
    .returning({ id: claim.id })) as Array<{ id: unknown }>;
  return claimed.map((row) => String(row.id));
}
