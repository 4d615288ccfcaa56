import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { getCurrentCart } from "@/lib/cart/current-cart";
import { errorFields, log } from "@/lib/log";

/** The header's cart link with the number of items (units of products still for sale). */
export async function CartLink() {
  let count: number | null;
  try {
    count = (await getCurrentCart())?.itemCount ?? 0;
  } catch (error) {
    unstable_rethrow(error);
    // The header must not take the page down with it: show the link without a count.
    log.error(errorFields(error), "header cart count failed");
    count = null;
  }
  return <CartLinkView count={count} />;
}

export function CartLinkView({ count }: { count: number | null }) {
  // The accessible name ("Cart 2 items") starts with the visible text, as WCAG 2.5.3 asks.
  return (
    <Link
      href="/cart"
      className="flex items-center gap-2 rounded-full bg-brand-600 px-4 py-2 text-white hover:bg-brand-700"
      data-testid="cart-link"
    >
      Cart
      {count === null ? null : (
        <>
          <span
            className="min-w-6 rounded-full bg-white px-2 text-center text-sm font-semibold text-brand-700"
            data-testid="cart-count"
          >
            {count}
          </span>
          <span className="sr-only">{count === 1 ? "item" : "items"}</span>
        </>
      )}
    </Link>
  );
}
