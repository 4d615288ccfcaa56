import { and, eq, gt, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db";
import { DomainError } from "@/lib/domain-error";
import { paymentEvents, type Order } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { FLAG_EVENT_TYPES } from "@/lib/lifecycle/events";
import { movedUnderLock, setNeedsReview, lockOrder } from "@/lib/lifecycle/transitions";
import { assertAdmin, auditActor } from "@/lib/auth/authorize";
import { reviewRefusal, type ReviewRefusalCode } from "./order-actions";

export const reviewInputSchema = z.object({
  orderId: z.uuid("Unknown order."),
  /** The newest timeline event the admin saw: a flag raised after it is not theirs to clear. */
  seenEventId: z.coerce.number().int().nonnegative(),
  note: z.string().trim().min(3, "Say briefly what you checked.").max(500, "Keep the note under 500 characters."),
});

export class ReviewError extends DomainError<"order_not_found" | ReviewRefusalCode | "flagged_since_opened"> {
  override name = "ReviewError";
}

/**
 * Clears an order's needs-review flag (set by a mismatched gateway result, a second
 * payment, or a failure after success) once an admin has looked, with a note of what
 * they found. The flag and the note stay on the timeline.
 */
export async function markOrderReviewed(
  db: Database,
  actor: SessionUser | null,
  input: { orderId: string; note: string; seenEventId: number },
): Promise<Order> {
  assertAdmin(actor);
  const { orderId, note, seenEventId } = reviewInputSchema.parse(input);
  const admin = auditActor(actor);
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order === undefined) throw new ReviewError("order_not_found", "No such order.");
    const refusal = reviewRefusal(order);
    if (refusal !== undefined) throw new ReviewError(refusal.code, refusal.message);
    const [newer] = await tx
      .select({ id: paymentEvents.id })
      .from(paymentEvents)
      .where(
        and(
          eq(paymentEvents.orderId, orderId),
          inArray(paymentEvents.type, FLAG_EVENT_TYPES),
          gt(paymentEvents.id, seenEventId),
        ),
      )
      .limit(1);
    if (newer)
      throw new ReviewError(
        "flagged_since_opened",
        "Something new was flagged on this order since you opened it. Reload the page and check it first.",
      );
    const cleared = await setNeedsReview(tx, {
      orderId,
      needsReview: false,
      event: { type: "review_completed", source: "admin", actor: admin, detail: { note } },
    });
    return movedUnderLock(cleared, `Order ${orderId}'s review flag`);
  });
}
