import type { Metadata } from "next";
import { CartView, EmptyCart } from "@/components/cart/cart-view";
import { getCurrentCart } from "@/lib/cart/current-cart";

export const metadata: Metadata = { title: "Your cart" };

// The cart belongs to this visitor (cookie or session): never prerendered or shared.
export const dynamic = "force-dynamic";

export default async function CartPage() {
  const cart = await getCurrentCart();
  // The cart's id is the guest's bearer secret: it stays on the server.
  const visible = cart ? { lines: cart.lines, itemCount: cart.itemCount, subtotal: cart.subtotal } : undefined;
  return (
    <section aria-labelledby="cart-heading" className="flex flex-col gap-6">
      <h1 id="cart-heading" className="font-display text-3xl font-bold text-brand-900">
        Your cart
      </h1>
      {visible && visible.lines.length > 0 ? <CartView cart={visible} /> : <EmptyCart />}
    </section>
  );
}
