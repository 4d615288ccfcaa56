"use client";

import Image from "next/image";
import Link from "next/link";
import { useOptimistic, useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { CartLine, CartView as FullCart } from "@/lib/cart/cart";
import { summariseCartLines } from "@/lib/cart/cart-summary";
import { cartLineStockProblem } from "@/lib/catalog/stock-availability";
import { MAX_CART_LINE_QUANTITY } from "@/lib/constants";
import { formatRupees } from "@/lib/money";
import { removeFromCart, updateCartItemQuantity, type CartActionState } from "./actions";

type CartChange = { type: "quantity"; productId: string; quantity: number } | { type: "remove"; productId: string };

// Applied at once while the server confirms; the next server render replaces it.
/** What the browser gets of a cart: never its id, which is the guest's bearer secret. */
export type Cart = Omit<FullCart, "cartId">;

function applyChange(cart: Cart, change: CartChange): Cart {
  const lines =
    change.type === "remove"
      ? cart.lines.filter((line) => line.productId !== change.productId)
      : cart.lines.map((line) =>
          line.productId === change.productId
            ? { ...line, quantity: change.quantity, lineTotal: line.unitPrice * change.quantity }
            : line,
        );
  return { ...cart, lines, ...summariseCartLines(lines) };
}

/** The quantities a line offers: up to what is left, and never fewer than it already asks for (so it can be lowered). */
function quantitiesFor(line: CartLine): number[] {
  const most = Math.min(MAX_CART_LINE_QUANTITY, Math.max(line.stock, line.quantity, 1));
  return Array.from({ length: most }, (_, index) => index + 1);
}

export function CartView({ cart }: { cart: Cart }) {
  const [optimisticCart, applyOptimistic] = useOptimistic(cart, applyChange);
  const [, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function submit(change: CartChange) {
    const formData = new FormData();
    formData.set("productId", change.productId);
    if (change.type === "quantity") formData.set("quantity", String(change.quantity));
    setError(null);
    startTransition(async () => {
      applyOptimistic(change);
      const action = change.type === "remove" ? removeFromCart : updateCartItemQuantity;
      const result: CartActionState = await action({}, formData);
      if (result.error) setError(result.error);
    });
  }

  if (optimisticCart.lines.length === 0) return <EmptyCart />;

  const hasUnavailable = optimisticCart.lines.some((line) => !line.active);
  const hasShortLines = optimisticCart.lines.some(
    (line) => line.active && cartLineStockProblem(line.quantity, line.stock) !== undefined,
  );
  // The summary and its Checkout come first, so a phone shows them without scrolling past
  // every line; on a wide screen they sit in the right-hand column.
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem] lg:gap-8">
      <aside
        aria-labelledby="summary-heading"
        className="h-fit rounded-2xl border border-stone-200 bg-white p-6 lg:col-start-2 lg:row-start-1"
      >
        <h2 id="summary-heading" className="font-display text-xl font-semibold">
          Summary
        </h2>
        <dl className="mt-4 space-y-2 text-stone-700">
          <div className="flex justify-between">
            <dt>Items</dt>
            <dd data-testid="cart-item-count">{optimisticCart.itemCount}</dd>
          </div>
          <div className="flex justify-between text-lg font-semibold text-stone-900">
            <dt>Subtotal</dt>
            <dd data-testid="cart-subtotal" aria-live="polite">
              {formatRupees(optimisticCart.subtotal)}
            </dd>
          </div>
        </dl>
        <p className="mt-2 text-sm text-stone-600">Prices include GST. Shipping is free.</p>
        {hasUnavailable ? (
          <p className="mt-2 text-sm text-amber-800">Unavailable items are not included and will not be ordered.</p>
        ) : null}
        {hasShortLines ? (
          <p className="mt-2 text-sm text-amber-800" data-testid="cart-stock-warning">
            Some items ask for more than we have left: change them before you pay.
          </p>
        ) : null}
        {optimisticCart.itemCount > 0 ? (
          <Link
            href="/checkout"
            className="mt-6 block rounded-full bg-brand-600 px-5 py-3 text-center font-medium text-white hover:bg-brand-700"
          >
            Checkout
          </Link>
        ) : (
          <p className="mt-6 text-sm text-stone-700">Nothing in your cart can be ordered right now.</p>
        )}
      </aside>
      <div className="lg:col-start-1 lg:row-start-1">
        <ul
          className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white"
          aria-label="Items in your cart"
        >
          {optimisticCart.lines.map((line) => (
            <CartLineItem key={line.productId} line={line} onChange={submit} />
          ))}
        </ul>
        <p role="alert" aria-live="assertive" className="mt-3 min-h-5 text-sm text-red-700">
          {error ?? ""}
        </p>
      </div>
    </div>
  );
}

function CartLineItem({ line, onChange }: { line: CartLine; onChange: (change: CartChange) => void }) {
  const quantityId = `quantity-${line.productId}`;
  const stockProblem = line.active ? cartLineStockProblem(line.quantity, line.stock) : undefined;
  // The quantity and Remove work through React's handlers only: they wait for hydration.
  const hydrated = useHydrated();
  return (
    <li className="flex gap-4 p-4" data-testid="cart-line">
      <Image
        src={line.image}
        alt=""
        width={96}
        height={96}
        // A cart's few pictures are at the top of a phone's screen: lazy loading only delays them.
        loading="eager"
        unoptimized
        className={`h-20 w-20 shrink-0 rounded-xl object-cover sm:h-24 sm:w-24 ${line.active ? "" : "opacity-50 grayscale"}`}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-center">
        <div className="flex-1">
          <h3 className="font-semibold">
            <Link href={`/products/${line.slug}`} className="hover:underline">
              {line.name}
            </Link>
          </h3>
          {line.active ? (
            <p className="text-sm text-stone-600">{formatRupees(line.unitPrice)} each</p>
          ) : (
            <p className="text-sm font-medium text-amber-800">
              Unavailable: no longer sold, not included in your total.
            </p>
          )}
          {stockProblem ? (
            <p className="text-sm font-medium text-amber-800" data-testid="cart-line-stock">
              {stockProblem}
            </p>
          ) : null}
        </div>
        {/* The quantity on the left, the line's total flush right, on a phone as on a wide screen. */}
        <div className="flex items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <label htmlFor={quantityId} className="sr-only">
              Quantity of {line.name}
            </label>
            <select
              id={quantityId}
              value={line.quantity}
              disabled={!hydrated}
              onChange={(event) =>
                onChange({ type: "quantity", productId: line.productId, quantity: Number(event.target.value) })
              }
              className="rounded-lg border border-stone-300 bg-white px-2 py-1"
            >
              {quantitiesFor(line).map((quantity) => (
                <option key={quantity} value={quantity}>
                  {quantity}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => onChange({ type: "remove", productId: line.productId })}
              disabled={!hydrated}
              className="text-sm text-brand-700 underline hover:text-brand-900 disabled:text-stone-500 disabled:no-underline"
            >
              Remove<span className="sr-only"> {line.name}</span>
            </button>
          </div>
          <p className="text-right font-semibold tabular-nums sm:w-28" data-testid="line-total">
            {line.active ? formatRupees(line.lineTotal) : "—"}
          </p>
        </div>
      </div>
    </li>
  );
}

export function EmptyCart() {
  return (
    <div className="rounded-2xl border border-stone-200 bg-white p-8 text-center">
      <p className="text-lg text-stone-700">Your cart is empty.</p>
      <Link
        href="/"
        className="mt-4 inline-block rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
      >
        Browse the shop
      </Link>
    </div>
  );
}
