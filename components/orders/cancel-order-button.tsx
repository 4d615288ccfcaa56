"use client";

import { useActionState } from "react";
import { cancelOrderAction, type CancelOrderState } from "@/components/checkout/actions";
import { useHydrated } from "@/components/ui/use-hydrated";

const initialState: CancelOrderState = {};

export function CancelOrderButton({ orderId, accessKey }: { orderId: string; accessKey?: string }) {
  const [state, formAction, pending] = useActionState(cancelOrderAction, initialState);
  // Before hydration the form would post without the question: it waits for React.
  const hydrated = useHydrated();
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm("Cancel this unpaid order?")) event.preventDefault();
      }}
    >
      <input type="hidden" name="orderId" value={orderId} />
      {accessKey ? <input type="hidden" name="key" value={accessKey} /> : null}
      <button
        type="submit"
        disabled={pending || !hydrated}
        className="rounded-full border border-stone-300 px-5 py-2 text-sm font-medium hover:bg-stone-100 disabled:text-stone-500 disabled:hover:bg-transparent"
      >
        Cancel order
      </button>
      <p aria-live="polite" role="status" className="mt-1 text-sm text-red-700">
        {state.error ?? null}
      </p>
    </form>
  );
}
