import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CancelOrderButton } from "@/components/orders/cancel-order-button";
import { CheckWithGateway } from "@/components/orders/check-with-gateway";
import { OrderDelivery } from "@/components/orders/order-delivery";
import { OrderSummary } from "@/components/orders/order-summary";
import { PayAgainButton } from "@/components/orders/pay-again-button";
import { SupportContact } from "@/components/ui/support-contact";
import { getDatabase } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { canViewOrder } from "@/lib/orders/order-access";
import { orderPath } from "@/lib/order-link";
import { loadOrderView, shopperPaymentState, type ShopperPaymentState } from "@/lib/orders/order-view";

export const metadata: Metadata = { title: "Your order", robots: { index: false } };
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.uuid() });

// The states in which the shopper may pay again or give up, and may want to ask us.
const UNPAID_STATES: ReadonlySet<ShopperPaymentState> = new Set([
  "failed",
  "payment_cancelled",
  "not_started",
  "no_payment",
]);

// One headline per state the order can be in: what a shopper reads must be true of it now.
const HEADLINES: Record<ShopperPaymentState, { title: string; body: string; tone: string }> = {
  paid: {
    title: "Payment received — thank you!",
    body: "Your order is confirmed. We will let you know when it ships.",
    tone: "bg-emerald-50 text-emerald-900 border-emerald-200",
  },
  shipped: {
    title: "Your order is on its way",
    body: "We have handed it to the carrier. Follow it with the tracking number below.",
    tone: "bg-emerald-50 text-emerald-900 border-emerald-200",
  },
  delivered: {
    title: "Your order has been delivered",
    body: "Thank you for shopping with Lotus Bazaar.",
    tone: "bg-emerald-50 text-emerald-900 border-emerald-200",
  },
  awaiting: {
    title: "Waiting for the payment to be confirmed…",
    body: "We are waiting for the gateway's confirmation. This page updates by itself.",
    tone: "bg-sky-50 text-sky-900 border-sky-200",
  },
  no_payment: {
    title: "No payment was received",
    body: "The gateway has no payment for your last attempt. If you closed the payment window, you can pay again.",
    tone: "bg-amber-50 text-amber-900 border-amber-200",
  },
  payment_cancelled: {
    title: "You cancelled the payment",
    body: "Nothing was paid and your order is kept. Pay now when you are ready, or cancel the order.",
    tone: "bg-amber-50 text-amber-900 border-amber-200",
  },
  failed: {
    title: "Your payment did not go through",
    body: "No money was taken for this attempt. You can try again.",
    tone: "bg-red-50 text-red-900 border-red-200",
  },
  not_started: {
    title: "Waiting for payment",
    body: "This order has not been paid yet.",
    tone: "bg-amber-50 text-amber-900 border-amber-200",
  },
  cancelled: {
    title: "Order cancelled",
    body: "This order was cancelled before it was paid.",
    tone: "bg-stone-100 text-stone-800 border-stone-200",
  },
  refunded: {
    title: "Order refunded",
    body: "Everything you paid has been refunded.",
    tone: "bg-stone-100 text-stone-800 border-stone-200",
  },
};

export default async function OrderPage({ params, searchParams }: PageProps<"/orders/[id]">) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const query = await searchParams;
  const key = typeof query.key === "string" ? query.key : undefined;
  const db = await getDatabase();
  const user = await getCurrentUser();
  // One answer for "no such order" and "not yours", so ids cannot be probed.
  if (!(await canViewOrder(db, parsed.data.id, user, key))) notFound();
  const view = await loadOrderView(db, parsed.data.id);
  if (!view) notFound();

  const state = shopperPaymentState(view);
  const headline = HEADLINES[state];
  const link = `${getEnv().appUrl}${orderPath(getEnv().authSecret, view.order.id)}`;

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      {state === "awaiting" ? <CheckWithGateway orderId={view.order.id} accessKey={key} /> : null}
      <section
        className={`rounded-2xl border p-6 ${headline.tone}`}
        aria-live="polite"
        data-testid="order-state"
        data-state={state}
      >
        <h1 className="font-display text-2xl font-bold">{headline.title}</h1>
        <p className="mt-1">{headline.body}</p>
        {state === "awaiting" ? (
          <p className="mt-3 flex items-center gap-2 text-sm" role="status">
            <span
              className="h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent"
              aria-hidden
            />
            Checking with the gateway…
          </p>
        ) : null}
        {UNPAID_STATES.has(state) ? (
          <>
            <div className="mt-4 flex flex-wrap items-start gap-3">
              <PayAgainButton
                orderId={view.order.id}
                accessKey={key}
                label={state === "failed" ? "Pay again" : "Pay now"}
              />
              <CancelOrderButton orderId={view.order.id} accessKey={key} />
            </div>
            <SupportContact lead="Questions about this payment?" className="mt-4 text-sm" />
          </>
        ) : null}
      </section>
      {view.order.paidAt ? (
        <Link
          href={`/orders/${view.order.id}/receipt${key ? `?key=${encodeURIComponent(key)}` : ""}`}
          className="self-start text-sm font-medium text-brand-700 underline"
        >
          Receipt (tax invoice)
        </Link>
      ) : null}
      <OrderSummary view={view} />
      <OrderDelivery order={view.order} />
      {!user || user.id !== view.order.userId ? (
        <p className="rounded-xl bg-white p-4 text-sm text-stone-600">
          Keep this page&apos;s address to come back to your order:{" "}
          <span className="font-mono text-xs break-all">{link}</span>
        </p>
      ) : null}
    </div>
  );
}
