"use client";

import { useActionState, useId } from "react";
import { MAX_CART_LINE_QUANTITY } from "@/lib/constants";
import { addToCart, type CartActionState } from "./actions";

const initialState: CartActionState = {};

/**
 * "Add to cart" for one product, optionally with a quantity field. Works without JavaScript
 * (a plain form post); with it, the button shows progress and the result is announced.
 */
export function AddToCartForm({
  productSlug,
  describedBy,
  withQuantity = false,
}: {
  productSlug: string;
  describedBy?: string;
  withQuantity?: boolean;
}) {
  const [state, formAction, pending] = useActionState(addToCart, initialState);
  const quantityId = useId();
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="product" value={productSlug} />
      <div className="flex flex-wrap items-end gap-3">
        {withQuantity ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={quantityId} className="text-sm font-medium text-stone-700">
              Quantity
            </label>
            <input
              id={quantityId}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_CART_LINE_QUANTITY}
              defaultValue={1}
              required
              className="w-20 rounded-lg border border-stone-300 px-3 py-2"
            />
          </div>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          aria-describedby={describedBy}
          className="rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
        >
          {pending ? "Adding…" : "Add to cart"}
        </button>
      </div>
      <p aria-live="polite" className={`min-h-5 text-sm ${state.error ? "text-red-700" : "text-green-800"}`}>
        {pending ? "" : (state.error ?? state.message ?? "")}
      </p>
    </form>
  );
}
