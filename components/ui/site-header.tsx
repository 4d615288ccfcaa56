import Link from "next/link";
import { Suspense } from "react";
import { AccountNav } from "@/components/account/account-nav";
import { CartLink, CartLinkView } from "@/components/cart/cart-link";

export const SHOP_NAME = "Lotus Bazaar";

export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3"
      >
        <Link href="/" className="font-display text-xl font-bold text-brand-700 sm:text-2xl">
          {SHOP_NAME}
        </Link>
        <div className="flex items-center gap-3 text-sm font-medium sm:gap-4">
          <Suspense fallback={null}>
            <AccountNav />
          </Suspense>
          <Suspense fallback={<CartLinkView count={null} />}>
            <CartLink />
          </Suspense>
        </div>
      </nav>
    </header>
  );
}
