import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { sandboxRefunds, sandboxTransactions, type SandboxTransaction } from "@/db/sandbox-schema";
import type { TransactionView } from "./control-schema";

export type NewSandboxTransaction = Omit<typeof sandboxTransactions.$inferInsert, "atomTokenId" | "atomTxnId">;

/** 14 digits, never starting with 0, like the gateway's tokens. */
function newAtomTokenId(): string {
  return String(randomInt(10_000_000_000_000, 100_000_000_000_000));
}

/**
 * Stores an AUTH request under a fresh token. "duplicate" when the merchant already
 * used this merchTxnId (the unique index decides, so racing instances agree).
 */
export async function insertTransaction(
  db: Queryable,
  values: NewSandboxTransaction,
): Promise<SandboxTransaction | "duplicate"> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [row] = await db
      .insert(sandboxTransactions)
      .values({ ...values, atomTokenId: newAtomTokenId() })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
    if (await findByMerchTxnId(db, values.merchId, values.merchTxnId)) return "duplicate";
    // Otherwise the random token collided: draw another.
  }
  throw new Error("Could not allocate a unique atomTokenId");
}

export async function findByToken(db: Queryable, atomTokenId: string): Promise<SandboxTransaction | undefined> {
  const [row] = await db.select().from(sandboxTransactions).where(eq(sandboxTransactions.atomTokenId, atomTokenId));
  return row;
}

export async function findByMerchTxnId(
  db: Queryable,
  merchId: string,
  merchTxnId: string,
): Promise<SandboxTransaction | undefined> {
  const [row] = await db
    .select()
    .from(sandboxTransactions)
    .where(and(eq(sandboxTransactions.merchId, merchId), eq(sandboxTransactions.merchTxnId, merchTxnId)));
  return row;
}

export async function findByAtomTxnId(
  db: Queryable,
  merchId: string,
  atomTxnId: number,
): Promise<SandboxTransaction | undefined> {
  const [row] = await db
    .select()
    .from(sandboxTransactions)
    .where(and(eq(sandboxTransactions.merchId, merchId), eq(sandboxTransactions.atomTxnId, atomTxnId)));
  return row;
}

/** The payment page was opened: keep where to send the shopper back, and when the payment began. */
export async function recordPageOpened(db: Queryable, atomTokenId: string, returnUrl: string | null): Promise<void> {
  await db
    .update(sandboxTransactions)
    .set({
      ...(returnUrl === null ? {} : { returnUrl }),
      paymentStartedAt: sql`coalesce(${sandboxTransactions.paymentStartedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(sandboxTransactions.atomTokenId, atomTokenId), eq(sandboxTransactions.status, "created")));
}

/** The control route's view of a payment: ids as strings, amounts in paise, no secrets. */
export async function describeTransaction(db: Queryable, transaction: SandboxTransaction): Promise<TransactionView> {
  const refunds = await db
    .select()
    .from(sandboxRefunds)
    .where(eq(sandboxRefunds.atomTokenId, transaction.atomTokenId))
    .orderBy(sandboxRefunds.refundTxnId);
  return {
    atomTokenId: transaction.atomTokenId,
    atomTxnId: transaction.status === "created" ? null : String(transaction.atomTxnId),
    merchTxnId: transaction.merchTxnId,
    status: transaction.status,
    amountPaise: transaction.amount,
    surchargePaise: transaction.surchargeAmount,
    refundedPaise: transaction.refundedAmount,
    statusCode: transaction.statusCode,
    subChannel: transaction.subChannel,
    bankTxnId: transaction.bankTxnId,
    settleAt: transaction.settleAt?.toISOString() ?? null,
    refunds: refunds.map((refund) => ({
      refundTxnId: String(refund.refundTxnId),
      prodRefundId: refund.prodRefundId,
      amountPaise: refund.amount,
    })),
  };
}
