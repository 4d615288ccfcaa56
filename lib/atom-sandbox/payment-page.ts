import { z } from "zod";
import type { SandboxTransaction } from "@/db/sandbox-schema";
import { encryptForMerchant } from "@/lib/atom/gateway-side";
import { sandboxPaymentPageHeaders } from "@/lib/security-headers";
import type { SandboxContext } from "./context";
import { htmlResponse, type SafeHtml } from "./html";
import { choosePayment, type PaymentForm } from "./payment-choice";
import { INLINE_HASHES, renderMessagePage, renderPaymentPage, renderReturnPage } from "./payment-page-view";
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

/**
 * Every answer of the payment page, which the overlay shows in its iframe: framed only by
 * the origin of the returnUrl registered for the token (the merchant the result goes to),
 * with its own security headers (lib/security-headers.ts; proxy.ts leaves them to this page).
 */
function paymentPageResponse(request: Request, body: SafeHtml, status: number, returnUrl: string | null): Response {
  const headers = sandboxPaymentPageHeaders({
    merchantOrigin: returnUrl === null ? null : new URL(returnUrl).origin,
    ownOrigin: new URL(request.url).origin,
    inlineScriptHashes: INLINE_HASHES.scripts,
    inlineStyleHashes: INLINE_HASHES.styles,
  });
  return htmlResponse(body, status, headers);
}

// No merchant is known for an unknown token, so nobody may frame this answer.
const unknownPayment = (request: Request) =>
  paymentPageResponse(
    request,
    renderMessagePage("Payment not found", "This payment link is unknown or has expired."),
    404,
    null,
  );

async function returnPage(
  context: SandboxContext,
  request: Request,
  transaction: SandboxTransaction,
  autoSubmit: boolean,
): Promise<Response> {
  if (transaction.returnUrl === null) {
    return paymentPageResponse(
      request,
      renderMessagePage("Payment finished", "The merchant gave no returnUrl, so there is nowhere to return to."),
      400,
      null,
    );
  }
  const encData = await encryptForMerchant(context.atom, paymentResultOf(context.atom, transaction));
  return paymentPageResponse(
    request,
    renderReturnPage({ transaction, returnUrl: transaction.returnUrl, encData, autoSubmit }),
    200,
    transaction.returnUrl,
  );
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
    return unknownPayment(request);
  }
  const refuse = (message: string) =>
    paymentPageResponse(request, renderMessagePage("Payment not available", message), 400, transaction.returnUrl);
  const merchId = query.get("merchId");
  if (merchId !== null && merchId !== transaction.merchId) {
    return refuse("The merchant id does not match this payment.");
  }
  if (transaction.status !== "created") return returnPage(context, request, transaction, false);

  const returnUrlText = query.get("returnUrl");
  const returnUrl = returnUrlText === null ? null : returnUrlSchema.safeParse(returnUrlText);
  if (returnUrl !== null && !returnUrl.success) return refuse("The merchant's returnUrl is not an http(s) URL.");
  if (returnUrl === null && transaction.returnUrl === null) return refuse("The merchant gave no returnUrl.");
  const registeredReturnUrl = returnUrl?.data ?? transaction.returnUrl;
  await recordPageOpened(context.db, atomTokenId, returnUrl?.data ?? null);

  const methods = methodsFor(transaction.requestedSubChannel);
  return paymentPageResponse(
    request,
    renderPaymentPage({
      transaction,
      method: chosenMethod(query.get("method"), methods),
      methods,
      values: {},
      errors: {},
    }),
    200,
    registeredReturnUrl,
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
    return unknownPayment(request);
  }
  if (transaction.status !== "created") return returnPage(context, request, transaction, false);
  if (transaction.returnUrl === null) {
    return paymentPageResponse(
      request,
      renderMessagePage("Payment not available", "Open this page through the merchant's checkout."),
      400,
      null,
    );
  }

  const form: PaymentForm = Object.fromEntries(new URLSearchParams(await request.text()));
  const choice = choosePayment(form, transaction.requestedSubChannel);
  if (choice.kind === "invalid") {
    const methods = methodsFor(transaction.requestedSubChannel);
    // The view never writes the CVV back into the page.
    return paymentPageResponse(
      request,
      renderPaymentPage({ transaction, method: choice.method, methods, values: form, errors: choice.errors }),
      422,
      transaction.returnUrl,
    );
  }
  const finished = await finishPayment(context, transaction, choice.decision);
  // null: another tab finished it first; show that result instead.
  const result = finished ?? (await findByToken(context.db, atomTokenId)) ?? transaction;
  return returnPage(context, request, result, finished !== null);
}
