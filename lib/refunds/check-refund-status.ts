import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { paymentAttempts, refunds, type Refund } from "@/db/schema";
import { assertAdmin, auditActor } from "@/lib/auth/authorize";
import type { AtomClient } from "@/lib/atom";
import type { SessionUser } from "@/lib/auth/session";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { RefundRuleError } from "./errors";
import { outcomeOfRefundStatus } from "./gateway-outcome";
import { applyRefundOutcome, findRefund, type RefundAudit } from "./settle-refund";

export type RefundStatusGateway = Pick<AtomClient, "refundStatus">;

/** A `requested` row this old was never sent (the server stopped between writing and sending it). */
const ABANDONED_REQUEST_AFTER_MS = 2 * 60_000;

export interface RefundStatusCheck {
  refund: Refund;
  /** Whether this check settled the refund (completed, or failed as never sent). */
  settled: boolean;
}

/** The admin's "Check with the gateway" on a refund whose outcome is unknown. */
export async function checkRefundStatus(
  db: Database,
  gateway: RefundStatusGateway,
  actor: SessionUser | null,
  input: { refundId: string },
): Promise<RefundStatusCheck> {
  assertAdmin(actor);
  return settleRefundFromGateway(db, gateway, input.refundId, { source: "admin", actor: auditActor(actor) });
}

/**
 * Asks REFUNDSTATUS about one unsettled refund and stores what it says: listed with a
 * refundTxnId → completed; not listed → still processing (the gateway may not list it
 * yet). A `requested` row left behind by a stopped server was never sent, so it fails.
 * Safe to run from several places at once: every write is conditional. The coming
 * background sync calls it with { source: "system" } (export it then).
 */
async function settleRefundFromGateway(
  db: Database,
  gateway: RefundStatusGateway,
  refundId: string,
  audit: RefundAudit,
): Promise<RefundStatusCheck> {
  const refund = await findRefund(db, refundId);
  if (refund.status === "requested") return failAbandonedRequest(db, refund, audit);
  if (refund.status !== "processing") return { refund, settled: false };

  // The refund was sent against its own payment attempt's transaction: ask about that one.
  const [attempt] = await db
    .select({ atomTxnId: paymentAttempts.atomTxnId })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.id, refund.attemptId));
  if (attempt?.atomTxnId == null)
    throw new RefundRuleError("no_gateway_transaction", "The refunded payment has no gateway transaction.");

  const outcome = outcomeOfRefundStatus(await gateway.refundStatus({ atomTxnId: attempt.atomTxnId }), refund);
  if (outcome === null) {
    await recordPaymentEvent(db, {
      orderId: refund.orderId,
      refundId: refund.id,
      type: "refund_status_checked",
      source: audit.source,
      actor: audit.actor,
      detail: { listed: false, attemptId: refund.attemptId },
    });
    return { refund, settled: false };
  }
  const settled = await applyRefundOutcome(db, refund.id, "processing", outcome, audit);
  return { refund: settled, settled: settled.status !== refund.status };
}

async function failAbandonedRequest(db: Database, refund: Refund, audit: RefundAudit): Promise<RefundStatusCheck> {
  const [stale] = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        eq(refunds.id, refund.id),
        eq(refunds.status, "requested"),
        lt(refunds.updatedAt, sql`now() - make_interval(secs => ${ABANDONED_REQUEST_AFTER_MS / 1000})`),
      ),
    );
  if (stale === undefined) return { refund, settled: false };
  const settled = await applyRefundOutcome(
    db,
    refund.id,
    "requested",
    { kind: "failed", statusCode: null, message: "Never sent to the gateway: the server stopped before sending it." },
    audit,
  );
  return { refund: settled, settled: settled.status !== refund.status };
}
