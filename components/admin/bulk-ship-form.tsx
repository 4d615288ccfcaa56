"use client";

import Link from "next/link";
import { createContext, useActionState, useContext, useEffect, useId, useRef, type ReactNode } from "react";
import { shipFieldOf, trackingFieldOf } from "@/lib/admin/bulk-ship-fields";
import { shipSelectedOrders, type BulkShipState } from "./actions";
import { shortId } from "./format";

// The bulk form's last answer, for the rows (rendered by the page, inside the form) to show
// their own field's error and to be refilled after one.
const BulkShipStateContext = createContext<BulkShipState>({});

/**
 * Bulk "mark shipped" on the orders list: the rows that may ship have a tick box and their
 * parcel's tracking number (ShipSelection), and below the table one carrier for them all.
 * A plain form posting to a server action, so it works before (or without) JavaScript; the
 * answer says per order whether it shipped or why not.
 */
export function BulkShipForm({ carriers, children }: { carriers: readonly string[]; children: ReactNode }) {
  const [state, formAction, pending] = useActionState(shipSelectedOrders, {} as BulkShipState);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const carrierError = state.fieldErrors?.carrier;
  useEffect(() => {
    // After a refusal, the first field to correct takes the focus.
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  return (
    <form ref={formRef} action={formAction} noValidate className="flex flex-col gap-4" data-testid="bulk-ship-form">
      <BulkShipStateContext value={state}>{children}</BulkShipStateContext>
      <fieldset className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm">
        <legend className="float-left text-sm font-medium text-stone-800">Mark the ticked orders shipped</legend>
        <p id={`${id}-hint`} className="text-xs text-stone-600">
          Tick the paid orders in the list and type each parcel&apos;s tracking number in its row; one carrier for them
          all. Orders that may not ship (unpaid, flagged for review) have no tick box.
        </p>
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-carrier`} className="text-sm font-medium text-stone-700">
              Carrier
            </label>
            <input
              id={`${id}-carrier`}
              name="carrier"
              list={`${id}-carriers`}
              required
              maxLength={60}
              autoComplete="off"
              defaultValue={state.values?.carrier}
              aria-invalid={carrierError ? true : undefined}
              aria-describedby={carrierError ? `${id}-carrier-error` : `${id}-hint`}
              className="w-56 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm"
            />
            <datalist id={`${id}-carriers`}>
              {carriers.map((carrier) => (
                <option key={carrier} value={carrier} />
              ))}
            </datalist>
          </div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-full bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-70"
          >
            {pending ? "Marking shipped…" : "Mark ticked orders shipped"}
          </button>
        </div>
        {carrierError ? (
          <p id={`${id}-carrier-error`} className="text-sm text-red-700">
            {carrierError}
          </p>
        ) : null}
        <div aria-live="polite" role="status" className="text-sm" data-testid="bulk-ship-status">
          {(state.error ?? state.message) ? (
            <p className={state.error ? "text-red-700" : "text-emerald-800"}>{state.error ?? state.message}</p>
          ) : null}
          {state.results && state.results.length > 0 ? (
            <ul className="mt-2 flex flex-col gap-1" data-testid="bulk-ship-results">
              {state.results.map((result) => (
                <li key={result.orderId} className={result.outcome === "shipped" ? "text-emerald-800" : "text-red-700"}>
                  <Link href={`/admin/orders/${result.orderId}`} className="font-mono underline">
                    {shortId(result.orderId)}
                  </Link>
                  : {result.outcome === "shipped" ? "shipped" : `not shipped. ${result.message}`}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}

/** A row's part of the bulk form: the tick box and the tracking number of that order's parcel. */
export function ShipSelection({ orderId }: { orderId: string }) {
  const state = useContext(BulkShipStateContext);
  const tickRef = useRef<HTMLInputElement>(null);
  const shipName = shipFieldOf(orderId);
  const trackingName = trackingFieldOf(orderId);
  const error = state.fieldErrors?.[trackingName];
  const reference = shortId(orderId);
  const errorId = `tracking-error-${orderId}`;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <input
          ref={tickRef}
          type="checkbox"
          name={shipName}
          value="1"
          defaultChecked={state.values?.[shipName] === "1"}
          aria-label={`Ship order ${reference}`}
          className="size-5 accent-brand-600"
        />
        <input
          name={trackingName}
          autoComplete="off"
          spellCheck={false}
          maxLength={60}
          placeholder="Tracking no."
          defaultValue={state.values?.[trackingName]}
          // Typing a tracking number ticks the order (with JavaScript; without it, tick it yourself).
          onChange={(event) => {
            if (event.currentTarget.value.trim() !== "" && tickRef.current) tickRef.current.checked = true;
          }}
          aria-label={`Tracking number for order ${reference}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="w-36 rounded-lg border border-stone-300 bg-white px-2 py-1 font-mono text-xs"
        />
      </div>
      {error ? (
        <p id={errorId} className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
