import { randomInt } from "node:crypto";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { sandboxTransactions, type SandboxTransaction } from "@/db/sandbox-schema";
import type { ResponseDetails } from "@/lib/atom/gateway-side";
import { scheduleCallbacks, wakeDeliveries } from "./callbacks";
import type { SandboxContext } from "./context";
import { paymentDeclined, STATUS } from "./gateway-status";
import { pendingSwitchesFor, scopesFor } from "./switches";
import { DEFAULT_SETTLE_AFTER_MS } from "./test-inputs";

/** What the shopper's choice on the payment page amounts to. */
export interface PaymentDecision {
  outcome: "success" | "declined" | "pending" | "cancelled";
  subChannel: string | null;
  bankDetails: Record<string, string | number>;
  surchargePaise: number;
  /** For "declined": the bank's reason. */
  declineReason?: string;
}

/** A bank reference like the ones banks send: letters and digits, not guessable. */
function newBankTxnId(): string {
  return `SBX${randomInt(100_000_000_000, 1_000_000_000_000)}`;
}

function statusFor(decision: PaymentDecision): ResponseDetails {
  switch (decision.outcome) {
    case "success":
      return STATUS.paymentSuccess;
    case "pending":
      return STATUS.paymentPending;
    case "cancelled":
      return STATUS.paymentCancelled;
    case "declined":
      return paymentDeclined(decision.declineReason ?? "DECLINED BY BANK");
  }
}

/**
 * Ends the payment on a token the way the shopper chose (one payment per token: only a
 * "created" token can be paid, a conditional update decides). A final result schedules
 * the callback in the same database transaction; a pending one gets a settlement time.
 * Returns null when the token was already paid (another tab, a double click).
 */
export async function finishPayment(
  context: SandboxContext,
  transaction: SandboxTransaction,
  decision: PaymentDecision,
): Promise<SandboxTransaction | null> {
  const status = statusFor(decision);
  const done = await context.db.transaction(async (tx) => {
    const pending = decision.outcome === "pending" ? await pendingSwitchesFor(tx, scopesFor(transaction)) : null;
    const settleAfterMs = pending?.settleAfterMs ?? DEFAULT_SETTLE_AFTER_MS;
    const bankTxnId = decision.outcome === "cancelled" ? "" : newBankTxnId();
    const [updated] = await tx
      .update(sandboxTransactions)
      .set({
        status: decision.outcome === "success" ? "success" : decision.outcome === "pending" ? "pending" : "failed",
        subChannel: decision.subChannel,
        bankTxnId,
        bankDetails: decision.bankDetails,
        surchargeAmount: decision.surchargePaise,
        statusCode: status.statusCode,
        statusMessage: status.message,
        statusDescription: status.description,
        paymentStartedAt: sql`coalesce(${sandboxTransactions.paymentStartedAt}, now())`,
        ...(pending === null
          ? { completedAt: sql`now()` }
          : {
              settleAt: sql`now() + (${settleAfterMs}::integer * interval '1 millisecond')`,
              settleOutcome: pending.settleAs ?? "success",
            }),
        updatedAt: sql`now()`,
      })
      .where(
        and(eq(sandboxTransactions.atomTokenId, transaction.atomTokenId), eq(sandboxTransactions.status, "created")),
      )
      .returning();
    if (!updated) return null;
    const callbackDelayMs = updated.status === "pending" ? null : await scheduleCallbacks(tx, context, updated);
    return { updated, callbackDelayMs, settleAfterMs };
  });
  if (done === null) return null;
  if (done.callbackDelayMs !== null) wakeDeliveries(context, done.callbackDelayMs);
  if (done.updated.status === "pending") {
    context.background.after(done.settleAfterMs, "pending settlement", () => settleDuePayments(context));
  }
  return done.updated;
}

/**
 * Settles pending payments whose time has come (all of them, or one token's): a timer
 * calls it, and so do the status API and the periodic catch-up, so settlement survives
 * restarts. Rows are claimed with SKIP LOCKED and updated conditionally, and the
 * callback is scheduled in the same transaction, so a payment settles exactly once.
 */
export async function settleDuePayments(context: SandboxContext, atomTokenId?: string): Promise<void> {
  const table = sandboxTransactions;
  const settled = await context.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(table)
      .where(
        and(
          eq(table.status, "pending"),
          lte(table.settleAt, sql`now()`),
          atomTokenId === undefined ? undefined : eq(table.atomTokenId, atomTokenId),
        ),
      )
      .orderBy(asc(table.settleAt))
      .limit(50)
      .for("update", { skipLocked: true });
    const delays: number[] = [];
    for (const row of due) {
      const status =
        row.settleOutcome === "failed" ? paymentDeclined("NOT CONFIRMED BY THE BANK") : STATUS.paymentSuccess;
      const [updated] = await tx
        .update(table)
        .set({
          status: row.settleOutcome === "failed" ? "failed" : "success",
          statusCode: status.statusCode,
          statusMessage: status.message,
          statusDescription: status.description,
          completedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(table.atomTokenId, row.atomTokenId), eq(table.status, "pending")))
        .returning();
      if (!updated) continue;
      const delay = await scheduleCallbacks(tx, context, updated);
      if (delay !== null) delays.push(delay);
    }
    return delays;
  });
  for (const delay of settled) wakeDeliveries(context, delay);
}
