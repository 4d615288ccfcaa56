"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { currentCartId } from "@/lib/cart/current-cart";
import { getEnv } from "@/lib/env";
import { CHECKOUT_FIELDS, type CheckoutField } from "@/lib/checkout/checkout-fields";
import { checkoutDetailsSchema } from "@/lib/orders/contact";
import { authorizeOrderReference, orderReferenceSchema } from "@/lib/orders/order-access";
import { orderPath } from "@/lib/order-link";
import { cancelPendingOrder } from "@/lib/orders/cancel-order";
import { getAtomClient } from "@/lib/payments/gateway";
import {
  CheckoutError,
  retryPayment,
  startCheckout,
  type CheckoutLaunch,
  type CheckoutStarted,
  type PaymentContext,
} from "@/lib/payments/start-checkout";
import { callerAddress, getRateLimits } from "@/lib/rate-limits/process-rate-limits";
import { formText, runAction, type ActionState } from "@/lib/server-action";

/**
 * An error, or what the browser needs to open the gateway's overlay; `orderUrl` links to the
 * order either way. The checkout's answer always carries what was typed (`values`).
 */
export type PaymentActionState = ActionState<CheckoutField, { launch?: CheckoutLaunch; orderUrl?: string }>;

async function paymentContext(): Promise<PaymentContext> {
  const env = getEnv();
  return { db: await getDatabase(), gateway: getAtomClient(), atom: env.atom, appUrl: env.appUrl };
}

async function toState(starting: Promise<CheckoutStarted>): Promise<PaymentActionState> {
  const secret = getEnv().authSecret;
  try {
    const started = await starting;
    return { launch: started.launch, orderUrl: orderPath(secret, started.orderId) };
  } catch (error) {
    // A refusal about a known order still links to it ("View the order").
    if (!(error instanceof CheckoutError)) throw error;
    return { error: error.message, orderUrl: error.orderId ? orderPath(secret, error.orderId) : undefined };
  }
}

// An unexpected failure (the database, say) is logged without its query parameters and
// answered with this instead of reaching Next's own log.
const CHECKOUT_FAILED = "Something went wrong on our side. Your cart is saved — please try again in a moment.";

const checkoutForm = {
  name: "start checkout",
  schema: checkoutDetailsSchema,
  fields: CHECKOUT_FIELDS,
  refill: CHECKOUT_FIELDS,
  fieldsInvalid: "Please correct the highlighted fields.",
  tryAgain: CHECKOUT_FAILED,
} as const;

/** The checkout page's pay button. */
export async function startCheckoutAction(
  _previous: PaymentActionState,
  formData: FormData,
): Promise<PaymentActionState> {
  const state = await runAction(formData, checkoutForm, async (details): Promise<PaymentActionState> => {
    const cartId = await currentCartId();
    if (!cartId) return { error: "Your cart is empty." };
    await (await getRateLimits()).paymentStart({ address: await callerAddress(), cartId });
    const user = await getCurrentUser();
    const { email, mobile, ...delivery } = details;
    return toState(
      startCheckout(await paymentContext(), { cartId, userId: user?.id ?? null, contact: { email, mobile }, delivery }),
    );
  });
  // React resets a form its action submitted; the form refills itself from these, so what was
  // typed stays after an error and after the overlay opens (and closes unpaid).
  return { ...state, values: state.values ?? typedValues(formData) };
}

function typedValues(formData: FormData): Partial<Record<CheckoutField, string>> {
  const text = formText(formData, CHECKOUT_FIELDS);
  return Object.fromEntries(CHECKOUT_FIELDS.map((field) => [field, text[field]]));
}

/** The order id, if the caller may act on that order (owner, admin, or link holder). */
async function authorizedOrderId(reference: z.output<typeof orderReferenceSchema>): Promise<string> {
  return authorizeOrderReference(await getDatabase(), await getCurrentUser(), reference);
}

/** "Pay again" on the order page. The caller must be allowed to see the order. */
export async function retryPaymentAction(
  _previous: PaymentActionState,
  formData: FormData,
): Promise<PaymentActionState> {
  return runAction(
    formData,
    { name: "pay again", schema: orderReferenceSchema, tryAgain: CHECKOUT_FAILED },
    async (reference) => {
      const orderId = await authorizedOrderId(reference);
      // Counted only for someone who may see the order, so a stranger cannot use up its payments.
      await (await getRateLimits()).paymentStart({ address: await callerAddress(), orderId });
      return toState(retryPayment(await paymentContext(), orderId));
    },
  );
}

export type CancelOrderState = ActionState;

/** The shopper gives up on an unpaid order. */
export async function cancelOrderAction(_previous: CancelOrderState, formData: FormData): Promise<CancelOrderState> {
  const tryAgain = "Something went wrong on our side. Please try again in a moment.";
  return runAction(formData, { name: "cancel order", schema: orderReferenceSchema, tryAgain }, async (reference) => {
    const orderId = await authorizedOrderId(reference);
    // Shown again whatever the answer: a refusal means the order has moved on.
    try {
      await cancelPendingOrder(await getDatabase(), orderId);
    } finally {
      revalidatePath(`/orders/${orderId}`);
    }
    // The page, shown again, says the order is cancelled.
    return {};
  });
}
