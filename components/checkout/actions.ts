"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { currentCartId } from "@/lib/cart/current-cart";
import { getEnv } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { checkoutContactSchema } from "@/lib/orders/contact";
import { canViewOrder } from "@/lib/orders/order-access";
import { orderPath } from "@/lib/orders/order-link";
import { cancelPendingOrder, CancelOrderError } from "@/lib/orders/cancel-order";
import { getAtomClient } from "@/lib/payments/gateway";
import { CheckoutError, retryPayment, startCheckout, type CheckoutLaunch, type CheckoutStarted, type PaymentContext } from "@/lib/payments/start-checkout";

export type PaymentActionState =
  | { status: "idle" }
  | { status: "error"; error: string; fieldErrors?: Partial<Record<"email" | "mobile", string>>; orderUrl?: string }
  | { status: "ready"; launch: CheckoutLaunch; orderUrl: string };

async function paymentContext(): Promise<PaymentContext> {
  const env = getEnv();
  return { db: await getDatabase(), gateway: getAtomClient(), atom: env.atom, appUrl: env.appUrl };
}

async function toState(starting: Promise<CheckoutStarted>): Promise<PaymentActionState> {
  const secret = getEnv().authSecret;
  try {
    const started = await starting;
    return { status: "ready", launch: started.launch, orderUrl: orderPath(secret, started.orderId) };
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error;
    return { status: "error", error: error.message, orderUrl: error.orderId ? orderPath(secret, error.orderId) : undefined };
  }
}

/** The checkout page's pay button. */
export async function startCheckoutAction(_previous: PaymentActionState, formData: FormData): Promise<PaymentActionState> {
  const contact = checkoutContactSchema.safeParse({ email: formData.get("email") ?? "", mobile: formData.get("mobile") ?? "" });
  if (!contact.success) {
    const fieldErrors: Partial<Record<"email" | "mobile", string>> = {};
    for (const issue of contact.error.issues) {
      const field = issue.path[0];
      if ((field === "email" || field === "mobile") && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { status: "error", error: "Please correct the highlighted fields.", fieldErrors };
  }
  return guarded("start checkout", async () => {
    const cartId = await currentCartId();
    if (!cartId) return { status: "error", error: "Your cart is empty." };
    const user = await getCurrentUser();
    return toState(startCheckout(await paymentContext(), { cartId, userId: user?.id ?? null, contact: contact.data }));
  });
}

/**
 * Runs an action's work; an unexpected failure (the database, say) is logged without its
 * query parameters and answered with a plain message instead of reaching Next's own log.
 */
async function guarded(what: string, work: () => Promise<PaymentActionState>): Promise<PaymentActionState> {
  try {
    return await work();
  } catch (error) {
    log.error({ action: what, ...errorFields(error) }, "checkout action failed");
    return { status: "error", error: "Something went wrong on our side. Your cart is saved — please try again in a moment." };
  }
}

const orderReference = z.object({ orderId: z.uuid(), key: z.string().max(100).optional() });
const ORDER_NOT_FOUND = "That order could not be found.";

/** The order id from a form, if the caller may act on that order (owner, admin, or link holder). */
async function authorizedOrderId(formData: FormData): Promise<string | undefined> {
  const parsed = orderReference.safeParse({ orderId: formData.get("orderId"), key: formData.get("key") || undefined });
  if (!parsed.success) return undefined;
  const allowed = await canViewOrder(await getDatabase(), parsed.data.orderId, await getCurrentUser(), parsed.data.key);
  return allowed ? parsed.data.orderId : undefined;
}

/** "Pay again" on the order page. The caller must be allowed to see the order. */
export async function retryPaymentAction(_previous: PaymentActionState, formData: FormData): Promise<PaymentActionState> {
  return guarded("pay again", async () => {
    const orderId = await authorizedOrderId(formData);
    if (!orderId) return { status: "error", error: ORDER_NOT_FOUND };
    return toState(retryPayment(await paymentContext(), orderId));
  });
}

export type CancelOrderState = { status: "idle" } | { status: "error"; error: string } | { status: "cancelled" };

/** The shopper gives up on an unpaid order. */
export async function cancelOrderAction(_previous: CancelOrderState, formData: FormData): Promise<CancelOrderState> {
  const orderId = await authorizedOrderId(formData);
  if (!orderId) return { status: "error", error: ORDER_NOT_FOUND };
  try {
    await cancelPendingOrder(await getDatabase(), orderId);
  } catch (error) {
    if (!(error instanceof CancelOrderError)) throw error;
    revalidatePath(`/orders/${orderId}`);
    return { status: "error", error: error.message };
  }
  revalidatePath(`/orders/${orderId}`);
  return { status: "cancelled" };
}
