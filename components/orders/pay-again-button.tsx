"use client";

import { useActionState } from "react";
import { retryPaymentAction, type PaymentActionState } from "@/components/checkout/actions";
import { PayButtonNotices } from "@/components/checkout/pay-button-notices";
import { usePaymentLaunch } from "@/components/checkout/use-payment-launch";
import { useHydrated } from "@/components/ui/use-hydrated";

const initialState: PaymentActionState = {};

export function PayAgainButton({ orderId, accessKey, label }: { orderId: string; accessKey?: string; label: string }) {
  const [state, formAction, pending] = useActionState(retryPaymentAction, initialState);
  const launch = usePaymentLaunch(state);
  const busy = pending || launch.phase === "opening";
  // The overlay opens from React: a press before hydration would start a payment that never opens.
  const hydrated = useHydrated();
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="orderId" value={orderId} />
      {accessKey ? <input type="hidden" name="key" value={accessKey} /> : null}
      <button
        type="submit"
        disabled={busy || !hydrated}
        aria-busy={busy}
        className="rounded-full bg-brand-600 px-6 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-70 aria-busy:cursor-wait"
      >
        {busy ? "Opening secure payment…" : label}
      </button>
      <PayButtonNotices waiting={busy} />
      <div aria-live="polite" role="status" className="text-sm">
        {state.error ? <p className="text-red-700">{state.error}</p> : null}
        {launch.phase === "failed" ? <p className="text-red-700">{launch.error}</p> : null}
      </div>
    </form>
  );
}
