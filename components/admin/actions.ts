"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/db";
import type { RefundStatus } from "@/db/schema";
import { checkPaymentSchema, checkPaymentWithGateway } from "@/lib/admin/check-payment";
import { resolveAttentionItem, resolveAttentionSchema } from "@/lib/admin/resolve-attention";
import { markOrderReviewed, reviewInputSchema } from "@/lib/admin/review";
import { markOrderDelivered, markOrderShipped, shipOrderSchema } from "@/lib/admin/shipping";
import { setProductStock, setStockSchema } from "@/lib/admin/stock";
import { getCurrentUser } from "@/lib/auth/session";
import { processJobContext } from "@/lib/jobs/job-context";
import { runJobsNow } from "@/lib/jobs/run-jobs-now";
import type { JobRunSummary } from "@/lib/jobs/run-jobs";
import { formatRupees } from "@/lib/money";
import { getAtomClient } from "@/lib/payments/gateway";
import {
  checkRefundStatus,
  quoteRefund,
  refundFormSchema,
  RefundRuleError,
  requestRefund,
  type RefundQuote,
  type RefundRequest,
} from "@/lib/refunds";
import { isQuantityField, quantityField, type RefundFormField } from "@/lib/refunds/refund-form-fields";
import { runAction, type ActionState } from "@/lib/server-action";

// Each action is a public endpoint: it reads the caller itself and the service refuses
// anyone but an admin. Errors come back as state for the form's aria-live region.

export type AdminActionState = ActionState;

export type RefundFormState = ActionState<
  RefundFormField,
  {
    /** The refund's state after this submit. */
    refundStatus?: RefundStatus;
    /** The first submit's answer: what the refund comes to, for the admin to confirm. Nothing was created. */
    quote?: RefundQuoteView;
  }
>;

/** What the confirmation step names: the amount, and for an item refund its units. */
export interface RefundQuoteView {
  amountPaise: number;
  restock: boolean;
  items?: Array<{ name: string; quantity: number; amountPaise: number }>;
}

export type RunJobsState = ActionState<never, { summaries?: JobRunSummary[] }>;

/** A form whose one field is the admin's note (the review, resolving an item). */
export type NoteFormState = ActionState<"note">;

export type StockFormState = ActionState<"stock">;

/** "Mark shipped": the carrier and tracking number show their own errors and are refilled after one. */
export type ShipFormState = ActionState<"carrier" | "trackingNumber">;

const orderIdSchema = z.object({ orderId: z.uuid("Unknown order.") });
const refundIdSchema = z.object({ refundId: z.uuid("Unknown refund."), orderId: z.uuid("Unknown refund.") });

/** Said when something unexpected failed; the failure is in the server log. */
function tryAgain(what: string): string {
  return `Could not ${what} just now. Please try again; if it keeps failing, check the server log.`;
}

const shipForm = {
  name: "mark the order shipped",
  schema: shipOrderSchema,
  fields: ["carrier", "trackingNumber"],
  refill: ["carrier", "trackingNumber"],
  tryAgain: tryAgain("mark the order shipped"),
} as const;

export async function shipOrder(_previous: ShipFormState, formData: FormData): Promise<ShipFormState> {
  return runAction(formData, shipForm, async (input) => {
    await markOrderShipped(await getDatabase(), await getCurrentUser(), input);
    revalidateOrder(input.orderId);
    return { message: "Marked shipped." };
  });
}

export async function deliverOrder(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const name = "mark the order delivered";
  return runAction(formData, { name, schema: orderIdSchema, tryAgain: tryAgain(name) }, async (input) => {
    await markOrderDelivered(await getDatabase(), await getCurrentUser(), input);
    revalidateOrder(input.orderId);
    return { message: "Marked delivered." };
  });
}

const REFUND_FIELDS = ["refundBy", "amount", "reason", "restock", "items"] as const;

/**
 * The refund form, in two submits with the same idempotency key: the first checks it and
 * answers with the amount (quoteRefund: the service's own checks and valuation, nothing
 * created), the second (`confirmed`) makes the refund. Either answer refills the form.
 */
export async function refundOrder(_previous: RefundFormState, formData: FormData): Promise<RefundFormState> {
  // Each order line has its own "units to refund" field, with its own error.
  const quantities = [...new Set(formData.keys())].filter(isQuantityField);
  const fields: RefundFormField[] = [...REFUND_FIELDS, ...quantities];
  const refill = fields.filter((field) => field !== "items" && field !== "restock");
  const form = {
    name: "refund this order",
    schema: refundFormSchema,
    fields,
    fieldOfPath: { amountPaise: "amount" },
    refill,
    tryAgain: tryAgain("refund this order"),
  } as const;
  return runAction(formData, form, async ({ confirmed, ...input }): Promise<RefundFormState> => {
    try {
      if (!confirmed) {
        const quote = await quoteRefund(await getDatabase(), await getCurrentUser(), input);
        const values = Object.fromEntries(refill.map((field) => [field, String(formData.get(field) ?? "")]));
        return { quote: quoteView(quote), values };
      }
      return await refundAnswer(input);
    } catch (error) {
      // An item refund's refusal goes beside its line, or beside the items.
      if (error instanceof RefundRuleError && input.items !== undefined) {
        const line = error.orderItemId === undefined ? undefined : quantityField(error.orderItemId);
        if (line !== undefined && quantities.includes(line)) return { fieldErrors: { [line]: error.message } };
        if (error.field === "amount" || error.field === "items") return { fieldErrors: { items: error.message } };
      }
      throw error;
    }
  });
}

function quoteView(quote: RefundQuote): RefundQuoteView {
  const items = quote.items?.map(({ name, quantity, amountPaise }) => ({ name, quantity, amountPaise }));
  return { amountPaise: quote.amountPaise, restock: quote.restock, ...(items === undefined ? {} : { items }) };
}

async function refundAnswer(input: RefundRequest): Promise<RefundFormState> {
  const { refund } = await requestRefund(await getDatabase(), getAtomClient(), await getCurrentUser(), input);
  revalidateOrder(refund.orderId);
  const amount = formatRupees(refund.refundAmount);
  switch (refund.status) {
    case "completed":
      return {
        refundStatus: refund.status,
        message: `Refunded ${amount} to the shopper (gateway reference ${refund.refundTxnId}).`,
      };
    case "failed":
      return {
        refundStatus: refund.status,
        error: `The gateway declined the refund of ${amount}: ${refund.gatewayMessage ?? "no reason given"}.`,
      };
    default:
      return {
        refundStatus: refund.status,
        message: `The gateway has not confirmed the refund of ${amount} yet. It stays ${refund.status} until the gateway confirms it (the shop checks on its own); do not refund it again.`,
      };
  }
}

export async function checkRefund(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const name = "check the refund with the gateway";
  return runAction(formData, { name, schema: refundIdSchema, tryAgain: tryAgain(name) }, async (input) => {
    const { refund, settled } = await checkRefundStatus(await processJobContext(), await getCurrentUser(), input);
    revalidateOrder(input.orderId);
    return settled
      ? { message: `The refund is now ${refund.status}.` }
      : {
          message: `The gateway does not list this refund yet; it stays ${refund.status} and is checked again on schedule.`,
        };
  });
}

/** The note forms' shared reading: the note shows its own error and is refilled after one. */
const noteForm = <Schema>(name: string, schema: Schema) =>
  ({ name, schema, fields: ["note"], refill: ["note"], tryAgain: tryAgain(name) }) as const;

/** Clears the needs-review flag with a note of what the admin checked. */
export async function markReviewed(_previous: NoteFormState, formData: FormData): Promise<NoteFormState> {
  return runAction(formData, noteForm("mark the order reviewed", reviewInputSchema), async (input) => {
    await markOrderReviewed(await getDatabase(), await getCurrentUser(), input);
    revalidateOrder(input.orderId);
    return { message: "Marked reviewed." };
  });
}

/** "Check with the gateway" on one payment attempt: the transaction status API, applied as the requery would. */
export async function checkPayment(_previous: AdminActionState, formData: FormData): Promise<AdminActionState> {
  const name = "check the payment with the gateway";
  return runAction(formData, { name, schema: checkPaymentSchema, tryAgain: tryAgain(name) }, async (input) => {
    const { orderId, result, message } = await checkPaymentWithGateway(
      await processJobContext(),
      await getCurrentUser(),
      input,
    );
    revalidateOrder(orderId);
    return result === "unavailable" || result === "mismatch" ? { error: message } : { message };
  });
}

/** "Run all jobs now" on the jobs page: one round of every job, periodic ones included; says what each did. */
export async function runAllJobs(_previous: RunJobsState, formData: FormData): Promise<RunJobsState> {
  const name = "run the jobs";
  return runAction(formData, { name, schema: z.object({}), tryAgain: tryAgain(name) }, async () => {
    const summaries = await runJobsNow(await processJobContext(), await getCurrentUser());
    // The jobs may have changed anything: orders, refunds, the list and its count in the nav.
    revalidatePath("/admin", "layout");
    const failed = summaries.filter((summary) => summary.error !== undefined).length;
    return failed === 0
      ? { summaries, message: "Every job ran." }
      : { summaries, error: `${failed} of ${summaries.length} jobs failed; see below and the server log.` };
  });
}

/** Takes an item off the needs-attention list, with a note of what was done. */
export async function resolveAttention(_previous: NoteFormState, formData: FormData): Promise<NoteFormState> {
  return runAction(formData, noteForm("resolve the item", resolveAttentionSchema), async (input) => {
    await resolveAttentionItem(await getDatabase(), await getCurrentUser(), input);
    // The list and the count in the admin nav.
    revalidatePath("/admin", "layout");
    return { message: "Resolved." };
  });
}

/** Sets a product's stock level (a delivery came in, a count was taken). */
export async function setStock(_previous: StockFormState, formData: FormData): Promise<StockFormState> {
  const name = "set the stock level";
  const form = {
    name,
    schema: setStockSchema,
    fields: ["stock"],
    refill: ["stock"],
    tryAgain: tryAgain(name),
  } as const;
  return runAction(formData, form, async (input): Promise<StockFormState> => {
    // The list is shown again whatever the answer: after "changed while you were editing", with the new level.
    // (The storefront reads levels on every request.)
    try {
      const set = await setProductStock(await getDatabase(), await getCurrentUser(), input);
      return { message: `${set.name}: ${set.stock} in stock.` };
    } finally {
      revalidatePath("/admin/stock");
    }
  });
}

function revalidateOrder(orderId: string): void {
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath("/admin/orders");
  revalidatePath("/admin/refunds");
  revalidatePath(`/orders/${orderId}`);
}
