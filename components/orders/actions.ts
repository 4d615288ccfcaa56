"use server";

import { getDatabase } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { processJobContext } from "@/lib/jobs/job-context";
import { authorizeOrderReference, orderReferenceSchema } from "@/lib/orders/order-access";
import { checkPaymentForShopper } from "@/lib/payments/requery-payment";
import { callerAddress, getRateLimits } from "@/lib/rate-limits/process-rate-limits";
import { runAction, type ActionState } from "@/lib/server-action";

export type PaymentCheckState = ActionState;

/**
 * The order page's "Checking with the gateway…": asks the gateway about the order's
 * newest unsettled payment (the shop asks at most once per attempt every few seconds,
 * whoever calls). Only for someone who may see the order, exactly as its page decides,
 * and it answers nothing about the order either way: the page, refreshed, shows it.
 */
export async function checkOrderPayment(_previous: PaymentCheckState, formData: FormData): Promise<PaymentCheckState> {
  const tryAgain = "The payment could not be checked just now.";
  return runAction(
    formData,
    { name: "check the order's payment", schema: orderReferenceSchema, tryAgain },
    async (reference) => {
      await (await getRateLimits()).paymentCheck(await callerAddress());
      const orderId = await authorizeOrderReference(await getDatabase(), await getCurrentUser(), reference);
      await checkPaymentForShopper(await processJobContext(), orderId);
      return {};
    },
  );
}
