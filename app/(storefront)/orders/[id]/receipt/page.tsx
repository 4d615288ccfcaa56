import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PrintButton } from "@/components/orders/print-button";
import { ReceiptDocument } from "@/components/orders/receipt-document";
import { getDatabase } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { buildReceipt } from "@/lib/orders/build-receipt";
import { canViewOrder } from "@/lib/orders/order-access";

export const metadata: Metadata = { title: "Receipt", robots: { index: false } };
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.uuid() });

// On paper: the receipt alone, without the shop's header and footer, the skip link or buttons.
const PRINT_STYLES = `@media print {
  body > header, body > footer, body > a[href="#main"], [data-print="hide"] { display: none !important; }
  main { padding: 0 !important; max-width: none !important; }
  body { background: #fff !important; }
}`;

/** A paid order's receipt (tax invoice): for whoever may see the order, as its page decides. */
export default async function ReceiptPage({ params, searchParams }: PageProps<"/orders/[id]/receipt">) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const query = await searchParams;
  const key = typeof query.key === "string" ? query.key : undefined;
  const db = await getDatabase();
  // One answer for "no such order", "not yours" and "not paid", so ids cannot be probed.
  if (!(await canViewOrder(db, parsed.data.id, await getCurrentUser(), key))) notFound();
  const receipt = await buildReceipt(db, parsed.data.id, getEnv().seller);
  if (!receipt) notFound();
  const orderHref = `/orders/${receipt.orderId}${key ? `?key=${encodeURIComponent(key)}` : ""}`;

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <style>{PRINT_STYLES}</style>
      <nav className="flex flex-wrap items-center justify-between gap-3" data-print="hide" aria-label="Receipt">
        <Link href={orderHref} className="text-sm font-medium text-brand-700 underline">
          Back to the order
        </Link>
        <PrintButton />
      </nav>
      <ReceiptDocument receipt={receipt} />
    </div>
  );
}
