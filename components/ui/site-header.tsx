import Link from "next/link";
import { Suspense } from "react";
import { AccountNav } from "@/components/account/account-nav";
import { CartLink, CartLinkView } from "@/components/cart/cart-link";
import { SearchBox, SearchBoxView } from "@/components/catalog/search-box";

export const SHOP_NAME = "Lotus Bazaar";

export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-3 px-4 py-3">
        <Link href="/" className="font-display text-xl font-bold text-brand-700 sm:text-2xl">
          {SHOP_NAME}
        </Link>
        <Suspense fallback={<SearchBoxView />}>
          <SearchBox />
        </Suspense>
        <nav aria-label="Main" className="flex items-center gap-3 text-sm font-medium sm:gap-4">
          <Suspense fallback={null}>
            <AccountNav />
          </Suspense>
          <Suspense fallback={<CartLinkView count={null} />}>
            <CartLink />
          </Suspense>
        </nav>
      </div>
    </header>
  );
}
