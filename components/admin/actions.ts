"use server";

import { revalidatePath, updateTag } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/db";
import type { RefundStatus } from "@/db/schema";
import { checkPaymentSchema, checkPaymentWithGateway } from "@/lib/admin/check-payment";
import { resolveAttentionItem, resolveAttentionSchema } from "@/lib/admin/resolve-attention";
import { markOrderReviewed, reviewInputSchema } from "@/lib/admin/review";
import { shipFieldOf, trackingFieldOf } from "@/lib/admin/bulk-ship-fields";
import { bulkShipFormOf, markOrdersShipped, type BulkShipResult } from "@/lib/admin/ship-orders";
import { markOrderDelivered, markOrderShipped, shipOrderSchema } from "@/lib/admin/shipping";
import { productFormSchema } from "@/lib/admin/product-input";
import { setProductStock, setStockSchema } from "@/lib/admin/stock";
import { ProductChangeError, updateProduct } from "@/lib/admin/update-product";
import { getCurrentUser } from "@/lib/auth/session";
import { TAGS } from "@/lib/constants";
import { processJobContext } from "@/lib/jobs/job-context";
import { runJobsNow } from "@/lib/jobs/run-jobs-now";
import type { JobRunSummary } from "@/lib/jobs/run-jobs";
import { isRefundSettled } from "@/lib/lifecycle/machines";
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
    if (settled) return { message: `The refund is now ${refund.status}.` };
    // Settled before this check (by the refund sync, or another admin): the page was out of date.
    if (isRefundSettled(refund.status)) return { message: `The refund is already ${refund.status}.` };
    // Written moments ago and being sent (the gateway is not asked until a send can be lost).
    if (refund.status === "requested")
      return { message: "The refund is still being sent; it is checked again on schedule." };
    return {
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

// Bulk "mark shipped" on the orders list (issue 14). Kept together here, at the end.

/** The bulk form: the carrier and each selected order's tracking number beside its own row, and what happened to each order. */
export type BulkShipState = ActionState<string, { results?: BulkShipResult[] }>;

/**
 * Marks the ticked orders shipped: one carrier, a tracking number per parcel. Each order
 * goes through the order page's own service in its own transaction; the answer says per
 * order whether it shipped or why not, and one refusal does not stop the others.
 */
export async function shipSelectedOrders(_previous: BulkShipState, formData: FormData): Promise<BulkShipState> {
  const name = "mark the selected orders shipped";
  const { schema, fields } = bulkShipFormOf(formData);
  const form = {
    name,
    schema,
    fields,
    refill: fields,
    fieldsInvalid: "Nothing was marked shipped: correct the fields marked below.",
    tryAgain: tryAgain(name),
  };
  return runAction(formData, form, async (input): Promise<BulkShipState> => {
    const results = await markOrdersShipped(await getDatabase(), await getCurrentUser(), input);
    for (const result of results) if (result.outcome === "shipped") revalidateOrder(result.orderId);
    revalidatePath("/admin/orders");
    const shipped = results.filter((result) => result.outcome === "shipped").length;
    const summary = `${shipped} of ${results.length} ${results.length === 1 ? "order" : "orders"} marked shipped.`;
    if (shipped === results.length) return { results, message: summary };
    // The orders left unshipped stay ticked, with what was typed for them.
    const values: Record<string, string> = {};
    for (const result of results)
      if (result.outcome !== "shipped") {
        values[shipFieldOf(result.orderId)] = "1";
        values[trackingFieldOf(result.orderId)] = String(formData.get(trackingFieldOf(result.orderId)) ?? "");
      }
    values.carrier = String(formData.get("carrier") ?? "");
    return { results, error: `${summary} See below why the others were not.`, values };
  });
}

// Products (/admin/products): the edit of one product.

/** The product edit form: each field shows its own errors and is refilled after one. */
export type ProductFormState = ActionState<
  "name" | "summary" | "description" | "price" | "stock" | "gstRate" | "hsnCode" | "active"
>;

const productForm = {
  name: "save the product",
  schema: productFormSchema,
  fields: ["name", "summary", "description", "price", "stock", "gstRate", "hsnCode", "active"],
  fieldOfPath: { pricePaise: "price", gstRateBasisPoints: "gstRate" },
  refill: ["name", "summary", "description", "price", "stock", "gstRate", "hsnCode", "active"],
  fieldsInvalid: "Nothing was saved: correct the fields marked below.",
  tryAgain: tryAgain("save the product"),
} as const;

/** Saves an admin's edit of a product (price, stock, texts, GST, HSN, for sale or not) on the values the page showed. */
export async function updateProductAction(_previous: ProductFormState, formData: FormData): Promise<ProductFormState> {
  return runAction(formData, productForm, async (input): Promise<ProductFormState> => {
    // The pages are shown again whatever the answer: after "changed while you were editing", with the new values.
    try {
      const edit = await updateProduct(await getDatabase(), await getCurrentUser(), input);
      if (edit.changed.length === 0) return { message: "Nothing to save: the product is as shown." };
      // The storefront's cached catalog (names, prices, descriptions, what is for sale) is read anew on the next
      // request: carts, product pages and listings show the edit at once. Stock levels are never cached.
      updateTag(TAGS.catalog);
      return { message: `Saved ${edit.name}.` };
    } catch (error) {
      // Changed meanwhile (another admin, an order taking stock): the form shows the product as
      // it is now, not what was typed, so a second Save cannot undo the other change unseen.
      if (error instanceof ProductChangeError && error.code !== "product_not_found")
        return { error: error.message, fieldErrors: error.field ? { [error.field]: error.message } : {}, values: {} };
      throw error;
    } finally {
      revalidatePath("/admin/products");
      revalidatePath(`/admin/products/${input.productId}`);
      revalidatePath("/admin/stock");
    }
  });
}
