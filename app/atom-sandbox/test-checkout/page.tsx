import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isSandboxMode } from "@/lib/atom-sandbox/app-sandbox";
import { startTestCheckout } from "@/lib/atom-sandbox/test-checkout";
import { formatRupees } from "@/lib/money";
import { OpenOverlayButton } from "./open-overlay-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sandbox test checkout", robots: { index: false } };

/** A ₹1.00 payment through the embedded gateway, for trying the overlay (sandbox mode only). */
export default async function SandboxTestCheckoutPage() {
  if (!isSandboxMode()) notFound();
  const launch = await startTestCheckout();
  return (
    <section className="mx-auto max-w-lg rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
      <p className="inline-block rounded bg-yellow-300 px-2 py-0.5 text-sm font-bold tracking-wide text-stone-900">
        SANDBOX
      </p>
      <h1 className="mt-3 font-display text-2xl font-bold text-brand-900">Sandbox test checkout</h1>
      <p className="mt-2 text-stone-700">
        A token was just issued by the embedded Atom sandbox through the real gateway client. Pay with a test card such
        as <code>4111 1111 1111 1111</code>; the result comes back to a page that verifies it.
      </p>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-stone-700">
        <dt>merchTxnId</dt>
        <dd className="font-mono break-all" data-testid="test-merch-txn-id">
          {launch.merchTxnId}
        </dd>
        <dt>atomTokenId</dt>
        <dd className="font-mono">{launch.atomTokenId}</dd>
      </dl>
      <OpenOverlayButton launch={launch} label={`Pay ${formatRupees(launch.amountPaise)}`} />
    </section>
  );
}
