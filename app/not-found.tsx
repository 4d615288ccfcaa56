import Link from "next/link";
import { StorefrontChrome } from "@/components/ui/storefront-chrome";
import { SupportContact } from "@/components/ui/support-contact";

export default function NotFound() {
  // An unknown address is outside every route group: it gets the shop's chrome here.
  return (
    <StorefrontChrome>
      <div className="mx-auto max-w-lg rounded-2xl border border-stone-200 bg-white p-8 text-center">
        <h1 className="font-display text-2xl font-bold text-brand-900">Not found</h1>
        <p className="mt-2 text-stone-600">We could not find that page.</p>
        <SupportContact
          lead="Looking for an order? Open it from the link in your order email, or ask us."
          className="mt-4 text-sm text-stone-700"
        />
        <Link
          href="/"
          className="mt-6 inline-block rounded-full bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700"
        >
          Back to the shop
        </Link>
      </div>
    </StorefrontChrome>
  );
}
