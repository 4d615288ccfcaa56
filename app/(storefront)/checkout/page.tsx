import type { Metadata } from "next";
import Link from "next/link";
import { CheckoutForm, type CheckoutDefaults } from "@/components/checkout/checkout-form";
import { getDatabase } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { loadCart } from "@/lib/cart/cart";
import { currentCartId } from "@/lib/cart/current-cart";
import { describeShortages } from "@/lib/catalog/stock-availability";
import { formatRupees } from "@/lib/money";
import { readLastOrderDetails } from "@/lib/orders/last-order-details";

export const metadata: Metadata = { title: "Checkout" };
export const dynamic = "force-dynamic";

export default async function CheckoutPage() {
  const cartId = await currentCartId();
  const cart = cartId ? await loadCart(await getDatabase(), cartId) : undefined;
  const lines = cart?.lines.filter((line) => line.active) ?? [];
  const user = await getCurrentUser();

  if (!cart || lines.length === 0) {
    return (
      <section className="mx-auto max-w-lg rounded-2xl bg-white p-8 text-center">
        <h1 className="font-display text-2xl font-bold">Checkout</h1>
        <p className="mt-2 text-stone-600">Your cart is empty.</p>
        <Link href="/" className="mt-6 inline-block rounded-full bg-brand-600 px-5 py-2 font-medium text-white">
          Continue shopping
        </Link>
      </section>
    );
  }
  const unavailable = cart.lines.filter((line) => !line.active);
  // Told before paying; paying is what decides (the stock may change meanwhile, either way).
  const short = lines
    .filter((line) => line.quantity > line.stock)
    .map((line) => ({ name: line.name, wanted: line.quantity, available: line.stock }));
  // A signed-in shopper is offered what their last order was sent with.
  const last = user ? await readLastOrderDetails(await getDatabase(), user.id) : undefined;
  const defaults: CheckoutDefaults = {
    email: user?.email ?? "",
    ...(last ? { mobile: last.mobile, ...last.address, line2: last.address.line2 ?? "" } : {}),
  };

  return (
    <div className="grid gap-8 md:grid-cols-[1fr_22rem]">
      <section aria-labelledby="checkout-heading" className="rounded-2xl bg-white p-6 shadow-sm">
        <h1 id="checkout-heading" className="font-display text-2xl font-bold">
          Checkout
        </h1>
        <p className="mt-1 text-sm text-stone-600">
          You will pay securely in Atom&apos;s payment window: card, UPI or net banking.
        </p>
        {unavailable.length > 0 ? (
          <p className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            {unavailable.map((line) => line.name).join(", ")} can no longer be bought.{" "}
            <Link href="/cart" className="underline">
              Remove it from your cart
            </Link>{" "}
            to continue.
          </p>
        ) : null}
        {short.length > 0 ? (
          <p className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="checkout-stock-warning">
            {describeShortages(short)}{" "}
            <Link href="/cart" className="underline">
              Change your cart
            </Link>{" "}
            to continue.
          </p>
        ) : null}
        <div className="mt-6">
          <CheckoutForm
            defaults={defaults}
            fromLastOrder={last !== undefined}
            totalLabel={formatRupees(cart.subtotal)}
          />
        </div>
      </section>
      <aside aria-labelledby="summary-heading" className="h-fit rounded-2xl bg-white p-6 shadow-sm">
        <h2 id="summary-heading" className="font-display text-lg font-semibold">
          Order summary
        </h2>
        <ul className="mt-4 divide-y divide-stone-100" data-testid="checkout-summary">
          {lines.map((line) => (
            <li key={line.productId} className="flex justify-between gap-4 py-2 text-sm">
              <span>
                {line.name} × {line.quantity}
              </span>
              <span className="tabular-nums">{formatRupees(line.lineTotal)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-4 flex justify-between border-t border-stone-200 pt-4 font-semibold">
          <span>Total</span>
          <span className="tabular-nums" data-testid="checkout-total">
            {formatRupees(cart.subtotal)}
          </span>
        </p>
        <p className="mt-2 text-xs text-stone-500">
          Your bank or the gateway may add a convenience fee, shown before you pay.
        </p>
      </aside>
    </div>
  );
}
