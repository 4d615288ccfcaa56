"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { shipOrder, type ShipFormState } from "./actions";

/** "Mark shipped", with the carrier (suggesting common Indian ones) and the tracking number the shopper will see. */
export function ShipOrderForm({ orderId, carriers }: { orderId: string; carriers: readonly string[] }) {
  const [state, formAction, pending] = useActionState(shipOrder, {} as ShipFormState);
  const id = useId();
  const carrierRef = useRef<HTMLInputElement>(null);
  const trackingRef = useRef<HTMLInputElement>(null);
  const errors = state.fieldErrors ?? {};
  useEffect(() => {
    // After a refusal, the first field to correct takes the focus.
    if (state.fieldErrors?.carrier) carrierRef.current?.focus();
    else if (state.fieldErrors?.trackingNumber) trackingRef.current?.focus();
  }, [state]);
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid="ship-order-form" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
      <div>
        <label htmlFor={`${id}-carrier`} className="block text-sm font-medium text-stone-700">
          Carrier
        </label>
        <input
          ref={carrierRef}
          id={`${id}-carrier`}
          name="carrier"
          list={`${id}-carriers`}
          required
          maxLength={60}
          autoComplete="off"
          defaultValue={state.values?.carrier}
          aria-invalid={errors.carrier ? true : undefined}
          aria-describedby={errors.carrier ? `${id}-carrier-error` : undefined}
          className="mt-1 w-full rounded-lg border border-stone-300 px-3 py-1.5 text-sm"
        />
        <datalist id={`${id}-carriers`}>
          {carriers.map((carrier) => (
            <option key={carrier} value={carrier} />
          ))}
        </datalist>
        {errors.carrier ? (
          <p id={`${id}-carrier-error`} className="mt-1 text-sm text-red-700">
            {errors.carrier}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={`${id}-tracking`} className="block text-sm font-medium text-stone-700">
          Tracking number
        </label>
        <input
          ref={trackingRef}
          id={`${id}-tracking`}
          name="trackingNumber"
          required
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          defaultValue={state.values?.trackingNumber}
          aria-invalid={errors.trackingNumber ? true : undefined}
          aria-describedby={errors.trackingNumber ? `${id}-tracking-error` : `${id}-tracking-hint`}
          className="mt-1 w-full rounded-lg border border-stone-300 px-3 py-1.5 font-mono text-sm"
        />
        {errors.trackingNumber ? (
          <p id={`${id}-tracking-error`} className="mt-1 text-sm text-red-700">
            {errors.trackingNumber}
          </p>
        ) : (
          <p id={`${id}-tracking-hint`} className="mt-1 text-xs text-stone-500">
            Letters, digits and hyphens, 4–40 characters. The shopper sees it on their order page.
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded-full bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-70"
      >
        {pending ? "Marking shipped…" : "Mark shipped"}
      </button>
      <p aria-live="polite" role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-800"}`}>
        {state.error ?? state.message ?? ""}
      </p>
    </form>
  );
}
