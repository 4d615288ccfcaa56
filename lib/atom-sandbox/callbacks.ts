import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import {
  sandboxCallbackAttempts,
  sandboxCallbackDeliveries,
  type SandboxCallbackDelivery,
  type SandboxTransaction,
} from "@/db/sandbox-schema";
import { encryptedFormBody } from "@/lib/atom/gateway-side";
import type { SandboxContext } from "./context";
import type { DeliveryView } from "./control-schema";
import { maskPersonalData } from "./mask-personal-data";
import { corruptSignature, paymentResultOf } from "./payment-result";
import { callbackSwitchesFor, scopesFor } from "./switches";

/** "A handful" of attempts, 1 s doubling: 1 + 2 + 4 + 8 + 16 s before giving up. */
const DEFAULT_MAX_ATTEMPTS = 6;
const DEFAULT_RETRY_BASE_MS = 1_000;
const SEND_TIMEOUT_MS = 10_000;
// Longer than a send can take, so a claim only lapses when its process died.
const CLAIM_MS = 60_000;
const CLAIM_BATCH = 20;

const afterMs = (ms: number) => sql`now() + (${ms}::integer * interval '1 millisecond')`;

/**
 * Records the callback copies for a payment that just became final, inside the caller's
 * transaction, applying its fault switches. Returns the delay before the first attempt
 * (null when the callback is dropped); call wakeDeliveries with it after commit.
 */
export async function scheduleCallbacks(
  tx: Queryable,
  context: SandboxContext,
  transaction: SandboxTransaction,
): Promise<number | null> {
  const switches = await callbackSwitchesFor(tx, scopesFor(transaction));
  const faults: string[] = [];
  let payload = paymentResultOf(context.atom, transaction, { amountPaise: switches.tamperAmountPaise });
  if (switches.tamperAmountPaise !== undefined) faults.push("tamperAmount");
  if (switches.corruptSignature) {
    payload = corruptSignature(payload);
    faults.push("corruptSignature");
  }
  const delayMs = switches.delayMs ?? 0;
  if (delayMs > 0) faults.push("delay");
  const copies = switches.duplicates ?? 1;
  if (copies > 1) faults.push("duplicates");
  if (switches.drop) faults.push("drop");

  const body = await encryptedFormBody(context.atom, payload);
  await tx.insert(sandboxCallbackDeliveries).values(
    Array.from({ length: copies }, () => ({
      atomTokenId: transaction.atomTokenId,
      merchTxnId: transaction.merchTxnId,
      targetUrl: context.callbackUrl,
      body,
      payload,
      faults,
      status: switches.drop ? ("dropped" as const) : ("scheduled" as const),
      maxAttempts: switches.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryBaseMs: switches.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
      nextAttemptAt: afterMs(delayMs),
    })),
  );
  return switches.drop ? null : delayMs;
}

/** Sends whatever is due after delayMs (in this process; others find it in the table). */
export function wakeDeliveries(context: SandboxContext, delayMs = 0): void {
  context.background.after(delayMs, "callback delivery", () => pumpDeliveries(context));
}

/**
 * Claims due copies (a conditional update, so two instances never send the same
 * attempt) and sends each claimed batch concurrently, until nothing is due.
 */
export async function pumpDeliveries(context: SandboxContext): Promise<void> {
  for (;;) {
    const claimed = await claimDueDeliveries(context.db);
    if (claimed.length === 0) return;
    await Promise.all(claimed.map((delivery) => attemptDelivery(context, delivery)));
  }
}

async function claimDueDeliveries(db: Queryable): Promise<SandboxCallbackDelivery[]> {
  const table = sandboxCallbackDeliveries;
  const due = db
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        eq(table.status, "scheduled"),
        lte(table.nextAttemptAt, sql`now()`),
        or(isNull(table.claimedUntil), lt(table.claimedUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(table.nextAttemptAt))
    .limit(CLAIM_BATCH)
    .for("update", { skipLocked: true });
  return db
    .update(table)
    .set({ claimedUntil: afterMs(CLAIM_MS), attempts: sql`${table.attempts} + 1` })
    .where(inArray(table.id, due))
    .returning();
}

interface SendResult {
  httpStatus: number | null;
  error: string | null;
}

async function send(delivery: SandboxCallbackDelivery): Promise<SendResult> {
  try {
    const response = await fetch(delivery.targetUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: delivery.body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await response.body?.cancel();
    const redirected = response.status >= 300 && response.status < 400;
    return { httpStatus: response.status, error: redirected ? "redirect (not followed)" : null };
  } catch (error) {
    return { httpStatus: null, error: describeSendError(error) };
  }
}

// Only the error's name and code: never the body or a URL with credentials in it.
function describeSendError(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `timeout after ${SEND_TIMEOUT_MS} ms`;
  }
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === "string" ? code : "network error";
}

async function attemptDelivery(context: SandboxContext, delivery: SandboxCallbackDelivery): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const result = await send(delivery);
  const durationMs = Math.round(performance.now() - started);
  const status = result.httpStatus;
  // 2xx: done. 3xx/4xx: the shop refused it; a repeat would be refused too. 5xx/network: retry.
  const retryable = status === null || status >= 500;
  const outcome =
    status !== null && status >= 200 && status < 300
      ? "delivered"
      : retryable && delivery.attempts < delivery.maxAttempts
        ? "retry"
        : "failed";
  const retryInMs = delivery.retryBaseMs * 2 ** (delivery.attempts - 1);

  await context.db.transaction(async (tx) => {
    await tx.insert(sandboxCallbackAttempts).values({
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      httpStatus: status,
      error: result.error,
      durationMs,
      startedAt,
    });
    await tx
      .update(sandboxCallbackDeliveries)
      .set({
        status: outcome === "retry" ? "scheduled" : outcome,
        claimedUntil: null,
        lastHttpStatus: status,
        lastError: result.error,
        ...(outcome === "retry" ? { nextAttemptAt: afterMs(retryInMs) } : {}),
        ...(outcome === "delivered" ? { deliveredAt: sql`now()` } : {}),
      })
      .where(eq(sandboxCallbackDeliveries.id, delivery.id));
  });
  if (outcome === "retry") wakeDeliveries(context, retryInMs);
}

/** Every callback copy for one payment, oldest first, with its attempts. */
export async function listDeliveries(
  db: Queryable,
  filter: { atomTokenId: string } | { merchTxnId: string },
): Promise<DeliveryView[]> {
  const table = sandboxCallbackDeliveries;
  const deliveries = await db
    .select()
    .from(table)
    .where(
      "atomTokenId" in filter ? eq(table.atomTokenId, filter.atomTokenId) : eq(table.merchTxnId, filter.merchTxnId),
    )
    .orderBy(asc(table.createdAt), asc(table.id));
  const attempts =
    deliveries.length === 0
      ? []
      : await db
          .select()
          .from(sandboxCallbackAttempts)
          .where(
            inArray(
              sandboxCallbackAttempts.deliveryId,
              deliveries.map((delivery) => delivery.id),
            ),
          )
          .orderBy(asc(sandboxCallbackAttempts.attempt));
  return deliveries.map((delivery) => ({
    id: delivery.id,
    atomTokenId: delivery.atomTokenId,
    merchTxnId: delivery.merchTxnId,
    targetUrl: delivery.targetUrl,
    status: delivery.status,
    faults: delivery.faults,
    attempts: attempts
      .filter((attempt) => attempt.deliveryId === delivery.id)
      .map((attempt) => ({
        attempt: attempt.attempt,
        httpStatus: attempt.httpStatus,
        error: attempt.error,
        durationMs: attempt.durationMs,
        startedAt: attempt.startedAt.toISOString(),
      })),
    maxAttempts: delivery.maxAttempts,
    lastHttpStatus: delivery.lastHttpStatus,
    lastError: delivery.lastError,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    bodySha256: createHash("sha256").update(delivery.body).digest("hex"),
    payload: maskPersonalData(delivery.payload) as Record<string, unknown>,
  }));
}
