import Link from "next/link";

export const SHOP_NAME = "Lotus Bazaar";

export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="font-display text-xl font-bold text-brand-700 sm:text-2xl">
          {SHOP_NAME}
        </Link>
        <div className="flex items-center gap-4 text-sm font-medium">
          <Link href="/cart" className="rounded-full bg-brand-600 px-4 py-2 text-white hover:bg-brand-700" data-testid="cart-link">
            Cart
          </Link>
        </div>
      </nav>
    </header>
  );
}
