"use client";

import { useActionState } from "react";
import { setStock, type StockFormState } from "./actions";

/** One product's level: a number and Save. The level shown when the page rendered goes along, so a change an order made meanwhile is not overwritten. */
export function StockForm({ productId, name, stock }: { productId: string; name: string; stock: number }) {
  const [state, formAction, pending] = useActionState<StockFormState, FormData>(setStock, {});
  const fieldId = `stock-${productId}`;
  const error = state.fieldErrors?.stock ?? state.error;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" data-testid="stock-form">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="expected" value={stock} />
      <label htmlFor={fieldId} className="sr-only">
        Stock of {name}
      </label>
      <input
        id={fieldId}
        name="stock"
        type="number"
        inputMode="numeric"
        min={0}
        required
        // Keyed by the level: after "changed while you were editing" the field is made anew for
        // the new level (the hidden `expected` with it), keeping what the admin typed, so Save
        // again applies it knowingly, against the level the message names.
        key={stock}
        defaultValue={state.values?.stock ?? stock}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${fieldId}-result`}
        className="w-24 rounded-lg border border-stone-300 px-2 py-1 text-right tabular-nums"
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded-full bg-brand-600 px-4 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-70"
      >
        {pending ? "Saving…" : "Save"}
        <span className="sr-only"> stock of {name}</span>
      </button>
      <p
        id={`${fieldId}-result`}
        aria-live="polite"
        role="status"
        className={`basis-full text-sm ${error ? "text-red-700" : "text-emerald-800"}`}
      >
        {error ?? state.message ?? ""}
      </p>
    </form>
  );
}
