import type { Metadata } from "next";
import Link from "next/link";
import { SupportContact } from "@/components/ui/support-contact";

export const metadata: Metadata = { title: "Payment not confirmed" };

const MESSAGES = {
  verification:
    "The payment result that came back could not be verified, so nothing was changed. If money left your account, the gateway's own confirmation will still reach us and update your order; if it does not, contact us with the time of your payment before paying again.",
  unavailable:
    "We could not record the payment result just now. Nothing is lost: the gateway sends us its confirmation again until we have stored it, and your order will show it. Please do not pay again; if it has not updated within the hour, contact us with the time of your payment.",
} as const;

/** Where the browser lands when the gateway's return could not be verified or stored. */
export default async function PaymentProblemPage({ searchParams }: PageProps<"/payment-problem">) {
  const reason = (await searchParams).reason === "unavailable" ? "unavailable" : "verification";
  return (
    <section role="alert" className="mx-auto max-w-lg rounded-2xl border border-amber-200 bg-white p-8 text-center">
      <h1 className="font-display text-2xl font-bold text-amber-900">We could not confirm that payment</h1>
      <p className="mt-2 text-stone-600">{MESSAGES[reason]}</p>
      <SupportContact lead="To reach us:" className="mt-4 text-sm text-stone-700" />
      <Link href="/" className="mt-6 inline-block rounded-full bg-brand-600 px-5 py-2 font-medium text-white">
        Back to the shop
      </Link>
    </section>
  );
}
