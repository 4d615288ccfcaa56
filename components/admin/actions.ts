"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/db";
import { AtomError, AtomSystemError } from "@/lib/atom";
import type { RefundStatus } from "@/db/schema";
import { markOrderReviewed, ReviewError, reviewInputSchema } from "@/lib/admin/review";
import { markOrderDelivered, markOrderShipped, ShippingError } from "@/lib/admin/shipping";
import { AuthorizationError, getCurrentUser } from "@/lib/auth/session";
import { formatRupees } from "@/lib/money";
import { IllegalTransitionError } from "@/lib/lifecycle/machines";
import { getAtomClient } from "@/lib/payments/gateway";
import { checkRefundStatus, refundFormSchema, RefundRuleError, requestRefund } from "@/lib/refunds";
import { errorFields, log } from "@/lib/log";

// Each action is a public endpoint: it reads the caller itself and the service refuses
// anyone but an admin. Errors come back as state for the form's aria-live region.

export interface AdminActionState {
  error?: string;
  message?: string;
}

export interface RefundFormState extends AdminActionState {
  /** The refund's state after this submit. */
  refundStatus?: RefundStatus;
  fieldErrors?: { amount?: string; reason?: string };
  /** What the admin typed, to refill the form after an error. */
  values?: { amount: string; reason: string };
}

const orderIdSchema = z.object({ orderId: z.uuid() });
const refundIdSchema = z.object({ refundId: z.uuid(), orderId: z.uuid() });

export async function shipOrder(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  return advanceShipping(formData, "shipped");
}

export async function deliverOrder(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  return advanceShipping(formData, "delivered");
}

async function advanceShipping(formData: FormData, to: "shipped" | "delivered"): Promise<AdminActionState> {
  const parsed = orderIdSchema.safeParse({ orderId: formData.get("orderId") });
  if (!parsed.success) return { error: "Unknown order." };
  try {
    const mark = to === "shipped" ? markOrderShipped : markOrderDelivered;
    await mark(await getDatabase(), await getCurrentUser(), parsed.data);
  } catch (error) {
    return { error: messageFor(error, `mark the order ${to}`) };
  }
  revalidateOrder(parsed.data.orderId);
  return { message: `Marked ${to}.` };
}

export async function refundOrder(_previous: RefundFormState, formData: FormData): Promise<RefundFormState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const values = { amount: text("amount"), reason: text("reason") };
  const parsed = refundFormSchema.safeParse({
    orderId: text("orderId"),
    attemptId: text("attemptId"),
    ...values,
    idempotencyKey: text("idempotencyKey"),
  });
  if (!parsed.success) {
    const fieldErrors: NonNullable<RefundFormState["fieldErrors"]> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "amountPaise" ? "amount" : issue.path[0];
      if (field === "amount" || field === "reason") fieldErrors[field] ??= issue.message;
      else return { error: issue.message, values };
    }
    return { fieldErrors, values };
  }
  try {
    const { refund } = await requestRefund(await getDatabase(), getAtomClient(), await getCurrentUser(), parsed.data);
    revalidateOrder(refund.orderId);
    const amount = formatRupees(refund.refundAmount);
    switch (refund.status) {
      case "completed":
        return { refundStatus: refund.status, message: `Refunded ${amount} to the shopper (gateway reference ${refund.refundTxnId}).` };
      case "failed":
        return {
          refundStatus: refund.status,
          error: `The gateway declined the refund of ${amount}: ${refund.gatewayMessage ?? "no reason given"}.`,
          values,
        };
      default:
        return {
          refundStatus: refund.status,
          message: `The gateway has not confirmed the refund of ${amount} yet. It stays ${refund.status} until its status is checked; do not refund it again.`,
        };
    }
  } catch (error) {
    if (error instanceof RefundRuleError && error.code === "amount_exceeds_refundable") return { fieldErrors: { amount: error.message }, values };
    return { error: messageFor(error, "refund this order"), values };
  }
}

export async function checkRefund(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const parsed = refundIdSchema.safeParse({ refundId: formData.get("refundId"), orderId: formData.get("orderId") });
  if (!parsed.success) return { error: "Unknown refund." };
  try {
    const { refund, settled } = await checkRefundStatus(await getDatabase(), getAtomClient(), await getCurrentUser(), parsed.data);
    revalidateOrder(parsed.data.orderId);
    return settled ? { message: `The refund is now ${refund.status}.` } : { message: "The gateway does not list this refund yet; it stays processing." };
  } catch (error) {
    return { error: messageFor(error, "check the refund with the gateway") };
  }
}

/** Clears the needs-review flag with a note of what the admin checked. */
export async function markReviewed(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const parsed = reviewInputSchema.safeParse({ orderId: formData.get("orderId"), note: formData.get("note") ?? "", seenEventId: formData.get("seenEventId") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Unknown order." };
  try {
    await markOrderReviewed(await getDatabase(), await getCurrentUser(), parsed.data);
  } catch (error) {
    return { error: messageFor(error, "mark the order reviewed") };
  }
  revalidateOrder(parsed.data.orderId);
  return { message: "Marked reviewed." };
}

function revalidateOrder(orderId: string): void {
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath("/admin/orders");
  revalidatePath("/admin/refunds");
  revalidatePath(`/orders/${orderId}`);
}

/** Messages the admin can act on; anything unexpected is logged and reported plainly. */
function messageFor(error: unknown, what: string): string {
  if (error instanceof AuthorizationError || error instanceof RefundRuleError || error instanceof ShippingError || error instanceof ReviewError) {
    return error.message;
  }
  if (error instanceof IllegalTransitionError) return `This order cannot be moved from ${error.from} to ${error.to}.`;
  if (error instanceof AtomSystemError) return "The gateway did not answer. Try again in a few minutes.";
  if (error instanceof AtomError) {
    log.error({ action: what, gatewayCode: error.gatewayCode, ...errorFields(error) }, "admin action refused by the gateway");
    return `The gateway refused the request: ${error.message}`;
  }
  log.error({ action: what, ...errorFields(error) }, "admin action failed");
  return `Could not ${what} just now. Please try again; if it keeps failing, check the server log.`;
}
