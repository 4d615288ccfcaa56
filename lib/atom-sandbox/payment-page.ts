import { z } from "zod";
import type { SandboxTransaction } from "@/db/sandbox-schema";
import { encryptForMerchant } from "@/lib/atom/gateway-side";
import type { SandboxContext } from "./context";
import { htmlResponse } from "./html";
import { choosePayment, type PaymentForm } from "./payment-choice";
import { renderMessagePage, renderPaymentPage, renderReturnPage } from "./payment-page-view";
import { paymentResultOf } from "./payment-result";
import { finishPayment } from "./payments";
import { methodsFor, type PaymentMethod } from "./test-inputs";
import { findByToken, recordPageOpened } from "./transactions";

const returnUrlSchema = z.url({ protocol: /^https?$/ });
const methodSchema = z.enum(["card", "upi", "netbanking"]);

function chosenMethod(requested: string | null, methods: PaymentMethod[]): PaymentMethod {
  const parsed = methodSchema.safeParse(requested);
  return parsed.success && methods.includes(parsed.data) ? parsed.data : (methods[0] ?? "card");
}

async function returnPage(
  context: SandboxContext,
  transaction: SandboxTransaction,
  autoSubmit: boolean,
): Promise<Response> {
  if (transaction.returnUrl === null) {
    return htmlResponse(
      renderMessagePage("Payment finished", "The merchant gave no returnUrl, so there is nowhere to return to."),
      400,
    );
  }
  const encData = await encryptForMerchant(context.atom, paymentResultOf(context.atom, transaction));
  return htmlResponse(renderReturnPage({ transaction, returnUrl: transaction.returnUrl, encData, autoSubmit }));
}

/**
 * GET /atom-sandbox/pay/<atomTokenId>?merchId&returnUrl&custEmail&custMobile[&method]:
 * what the checkout overlay's iframe opens. Keeps returnUrl on the token, then shows
 * the payment form (or, for a token already paid, its result).
 */
export async function showPaymentPage(
  context: SandboxContext,
  request: Request,
  atomTokenId: string,
): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const transaction = await findByToken(context.db, atomTokenId);
  if (transaction === undefined) {
    return htmlResponse(renderMessagePage("Payment not found", "This payment link is unknown or has expired."), 404);
  }
  const merchId = query.get("merchId");
  if (merchId !== null && merchId !== transaction.merchId) {
    return htmlResponse(
      renderMessagePage("Payment not available", "The merchant id does not match this payment."),
      400,
    );
  }
  if (transaction.status !== "created") return returnPage(context, transaction, false);

  const returnUrlText = query.get("returnUrl");
  const returnUrl = returnUrlText === null ? null : returnUrlSchema.safeParse(returnUrlText);
  if (returnUrl !== null && !returnUrl.success) {
    return htmlResponse(
      renderMessagePage("Payment not available", "The merchant's returnUrl is not an http(s) URL."),
      400,
    );
  }
  if (returnUrl === null && transaction.returnUrl === null) {
    return htmlResponse(renderMessagePage("Payment not available", "The merchant gave no returnUrl."), 400);
  }
  await recordPageOpened(context.db, atomTokenId, returnUrl?.data ?? null);

  const methods = methodsFor(transaction.requestedSubChannel);
  return htmlResponse(
    renderPaymentPage({
      transaction,
      method: chosenMethod(query.get("method"), methods),
      methods,
      values: {},
      errors: {},
    }),
  );
}

/** POST /atom-sandbox/pay/<atomTokenId>: the shopper pays (or cancels). */
export async function submitPaymentPage(
  context: SandboxContext,
  request: Request,
  atomTokenId: string,
): Promise<Response> {
  const transaction = await findByToken(context.db, atomTokenId);
  if (transaction === undefined) {
    return htmlResponse(renderMessagePage("Payment not found", "This payment link is unknown or has expired."), 404);
  }
  if (transaction.status !== "created") return returnPage(context, transaction, false);
  if (transaction.returnUrl === null) {
    return htmlResponse(
      renderMessagePage("Payment not available", "Open this page through the merchant's checkout."),
      400,
    );
  }

  const form: PaymentForm = Object.fromEntries(new URLSearchParams(await request.text()));
  const choice = choosePayment(form, transaction.requestedSubChannel);
  if (choice.kind === "invalid") {
    const methods = methodsFor(transaction.requestedSubChannel);
    // The view never writes the CVV back into the page.
    return htmlResponse(
      renderPaymentPage({ transaction, method: choice.method, methods, values: form, errors: choice.errors }),
      422,
    );
  }
  const finished = await finishPayment(context, transaction, choice.decision);
  // null: another tab finished it first; show that result instead.
  const result = finished ?? (await findByToken(context.db, atomTokenId)) ?? transaction;
  return returnPage(context, result, finished !== null);
}
