"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { MAX_CART_LINE_QUANTITY } from "@/lib/constants";
import { addToCart, type CartActionState } from "./actions";

const initialState: CartActionState = {};

/**
 * "Add to cart" for one product, optionally with a quantity field. Works without JavaScript
 * (a plain form post); with it, the button shows progress and the result is announced.
 * Disabled when the product is out of stock; the server refuses more than is left anyway.
 * The quantity field keeps what the shopper chose after adding (a form action would reset
 * it to 1 under "Added 2 to your cart"), and the confirmation links to the cart.
 */
export function AddToCartForm({
  productSlug,
  stock,
  describedBy,
  withQuantity = false,
}: {
  productSlug: string;
  /** Units left now. */
  stock: number;
  describedBy?: string;
  withQuantity?: boolean;
}) {
  const [state, formAction, pending] = useActionState(addToCart, initialState);
  const quantityId = useId();
  const [quantity, setQuantity] = useState("1");
  const quantityField = useRef<HTMLInputElement>(null);
  // A quantity typed before hydration is in the field but not in React's state, which the
  // next render would write back over it: the state takes it when the form first mounts.
  useEffect(() => {
    const typed = quantityField.current?.value;
    if (typed !== undefined && typed !== "") setQuantity(typed);
  }, []);
  const soldOut = stock <= 0;
  const added = !pending && state.error === undefined && state.message !== undefined;
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
              ref={quantityField}
              id={quantityId}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={Math.max(1, Math.min(stock, MAX_CART_LINE_QUANTITY))}
              value={quantity}
              onChange={(event) => setQuantity(event.target.value)}
              disabled={soldOut}
              required
              className="w-20 rounded-lg border border-stone-300 px-3 py-2"
            />
          </div>
        ) : null}
        <button
          type="submit"
          disabled={pending || soldOut}
          aria-describedby={describedBy}
          className={`rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-70 ${soldOut ? "disabled:cursor-not-allowed disabled:bg-stone-500" : "disabled:cursor-wait"}`}
        >
          {pending ? "Adding…" : "Add to cart"}
        </button>
      </div>
      <p aria-live="polite" className={`min-h-5 text-sm ${state.error ? "text-red-700" : "text-green-800"}`}>
        {pending ? "" : (state.error ?? state.message ?? "")}
        {added ? (
          <>
            {" "}
            <Link href="/cart" className="font-medium text-brand-700 underline hover:text-brand-900">
              View cart
            </Link>
          </>
        ) : null}
      </p>
    </form>
  );
}
