"use client";

import Link from "next/link";
import { useActionState } from "react";
import { startCheckoutAction, type PaymentActionState } from "./actions";
import { SlowGatewayNotice } from "./slow-gateway-notice";
import { usePaymentLaunch } from "./use-payment-launch";

const initialState: PaymentActionState = {};

export function CheckoutForm({ defaultEmail, totalLabel }: { defaultEmail: string; totalLabel: string }) {
  const [state, formAction, pending] = useActionState(startCheckoutAction, initialState);
  const launch = usePaymentLaunch(state);
  const fieldErrors = state.fieldErrors ?? {};
  const busy = pending || launch.phase === "opening";

  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={defaultEmail}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? "email-error" : undefined}
          className="mt-1 w-full rounded-lg border border-stone-300 px-3 py-2"
        />
        {fieldErrors.email ? (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.email}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="mobile" className="block text-sm font-medium">
          Mobile number
        </label>
        <input
          id="mobile"
          name="mobile"
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          placeholder="98765 43210"
          required
          aria-invalid={fieldErrors.mobile ? true : undefined}
          aria-describedby={fieldErrors.mobile ? "mobile-error" : "mobile-hint"}
          className="mt-1 w-full rounded-lg border border-stone-300 px-3 py-2"
        />
        {fieldErrors.mobile ? (
          <p id="mobile-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.mobile}
          </p>
        ) : (
          <p id="mobile-hint" className="mt-1 text-xs text-stone-500">
            A 10-digit Indian mobile number, for the bank&apos;s payment messages.
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={busy}
        aria-busy={busy}
        className="flex items-center justify-center gap-2 rounded-full bg-brand-600 px-6 py-3 text-lg font-semibold text-white hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
      >
        {busy ? (
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-white border-t-transparent" aria-hidden />
        ) : null}
        {busy ? "Opening secure payment…" : `Pay ${totalLabel}`}
      </button>
      <SlowGatewayNotice waiting={busy} />
      <div aria-live="polite" role="status" className="text-sm">
        {state.error ? (
          <p className="rounded-lg bg-red-50 p-3 text-red-800" data-testid="checkout-error">
            {state.error}
            {state.orderUrl ? (
              <>
                {" "}
                <Link href={state.orderUrl} className="underline">
                  View the order
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
        {launch.phase === "failed" ? <p className="rounded-lg bg-red-50 p-3 text-red-800">{launch.error}</p> : null}
        {launch.phase === "open" && state.launch && state.orderUrl ? (
          <p className="rounded-lg bg-emerald-50 p-3 text-emerald-900">
            Complete the payment in the secure Atom window. Closed it by mistake?{" "}
            <Link href={state.orderUrl} className="underline">
              Go to your order
            </Link>{" "}
            to pay again.
          </p>
        ) : null}
      </div>
    </form>
  );
}
