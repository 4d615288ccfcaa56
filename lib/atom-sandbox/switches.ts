import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { sandboxApiFaults, sandboxSwitches, type SandboxApi } from "@/db/sandbox-schema";
import {
  callbackSwitchesSchema,
  controlRequestSchema,
  pendingSwitchesSchema,
  scopeKey,
  type ApiFault,
  type CallbackSwitches,
  type PendingSwitches,
} from "./control-schema";

/** The scopes that apply to one payment, most specific first. */
export function scopesFor(payment: { atomTokenId?: string | null; merchTxnId?: string | null }): string[] {
  return [
    ...(payment.atomTokenId ? [scopeKey({ atomTokenId: payment.atomTokenId })] : []),
    ...(payment.merchTxnId ? [scopeKey({ merchTxnId: payment.merchTxnId })] : []),
    "global",
  ];
}

/** Stores what a control request sets. Throws the zod error for a body of the wrong shape. */
export async function applyControl(db: Queryable, body: unknown): Promise<string> {
  const request = controlRequestSchema.parse(body);
  const scope = scopeKey(request.scope);
  await db.transaction(async (tx) => {
    if (request.callback !== undefined || request.pending !== undefined) {
      const values = {
        ...(request.callback === undefined ? {} : { callback: request.callback }),
        ...(request.pending === undefined ? {} : { pending: request.pending }),
      };
      await tx
        .insert(sandboxSwitches)
        .values({ scope, ...values })
        .onConflictDoUpdate({ target: sandboxSwitches.scope, set: { ...values, updatedAt: sql`now()` } });
    }
    for (const [api, { fail5xx, hangMs }] of Object.entries(request.api ?? {}) as Array<[SandboxApi, ApiFault]>) {
      const values = {
        failAlways: fail5xx === true,
        failRemaining: typeof fail5xx === "number" ? fail5xx : 0,
        hangMs: hangMs ?? 0,
      };
      await tx
        .insert(sandboxApiFaults)
        .values({ scope, api, ...values })
        .onConflictDoUpdate({
          target: [sandboxApiFaults.scope, sandboxApiFaults.api],
          set: { ...values, updatedAt: sql`now()` },
        });
    }
  });
  return scope;
}

export async function resetSwitches(db: Queryable): Promise<void> {
  await db.delete(sandboxSwitches);
  await db.delete(sandboxApiFaults);
}

export async function listSwitches(db: Queryable) {
  const [switches, apiFaults] = await Promise.all([
    db.select().from(sandboxSwitches).orderBy(sandboxSwitches.scope),
    db.select().from(sandboxApiFaults).orderBy(sandboxApiFaults.scope, sandboxApiFaults.api),
  ]);
  return {
    switches: switches.map(({ scope, callback, pending }) => ({ scope, callback, pending })),
    api: apiFaults.map(({ scope, api, failAlways, failRemaining, hangMs }) => ({
      scope,
      api,
      failAlways,
      failRemaining,
      hangMs,
    })),
  };
}

/** Field by field, the most specific scope wins (a token's delay over the global one). */
async function mergedSwitches<T extends object>(
  db: Queryable,
  scopes: string[],
  read: (row: typeof sandboxSwitches.$inferSelect) => unknown,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
): Promise<T> {
  const rows = await db.select().from(sandboxSwitches).where(inArray(sandboxSwitches.scope, scopes));
  let merged = {} as T;
  for (const scope of [...scopes].reverse()) {
    const row = rows.find((candidate) => candidate.scope === scope);
    const parsed = row === undefined ? undefined : schema.safeParse(read(row) ?? {});
    if (parsed?.success) merged = { ...merged, ...parsed.data };
  }
  return merged;
}

export function callbackSwitchesFor(db: Queryable, scopes: string[]): Promise<CallbackSwitches> {
  return mergedSwitches(db, scopes, (row) => row.callback, callbackSwitchesSchema);
}

export function pendingSwitchesFor(db: Queryable, scopes: string[]): Promise<PendingSwitches> {
  return mergedSwitches(db, scopes, (row) => row.pending, pendingSwitchesSchema);
}

export interface ApiFaultDecision {
  fail5xx: boolean;
  hangMs: number;
}

/**
 * Whether this request should fail or hang. A counted failure is used up with a
 * conditional update, so N failures stay N across instances.
 */
export async function takeApiFault(db: Queryable, api: SandboxApi, scopes: string[]): Promise<ApiFaultDecision> {
  const rows = await db
    .select()
    .from(sandboxApiFaults)
    .where(and(eq(sandboxApiFaults.api, api), inArray(sandboxApiFaults.scope, scopes)));
  const ordered = scopes.flatMap((scope) => rows.filter((row) => row.scope === scope));
  const hangMs = ordered.find((row) => row.hangMs > 0)?.hangMs ?? 0;
  for (const row of ordered) {
    if (row.failAlways) return { fail5xx: true, hangMs };
    if (row.failRemaining > 0) {
      const used = await db
        .update(sandboxApiFaults)
        .set({ failRemaining: sql`${sandboxApiFaults.failRemaining} - 1` })
        .where(
          and(
            eq(sandboxApiFaults.scope, row.scope),
            eq(sandboxApiFaults.api, api),
            gt(sandboxApiFaults.failRemaining, 0),
          ),
        )
        .returning({ scope: sandboxApiFaults.scope });
      if (used.length > 0) return { fail5xx: true, hangMs };
    }
  }
  return { fail5xx: false, hangMs };
}
