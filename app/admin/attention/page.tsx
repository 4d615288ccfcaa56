import type { Metadata } from "next";
import Link from "next/link";
import { shortId } from "@/components/admin/format";
import { ResolveAttentionForm } from "@/components/admin/resolve-attention-form";
import { TimeAgo } from "@/components/admin/time-ago";
import { getDatabase } from "@/db";
import { listAttentionForAdmin, type AdminAttentionItem } from "@/lib/admin/list-attention";
import { requireAdminPage } from "@/lib/auth/authorize";

export const metadata: Metadata = { title: "Needs attention" };

function OrderLink({ item }: { item: AdminAttentionItem }) {
  return item.orderId === null ? null : (
    <Link href={`/admin/orders/${item.orderId}`} className="font-mono font-medium text-brand-700 underline">
      Order {shortId(item.orderId)}
    </Link>
  );
}

export default async function AdminAttentionPage() {
  const admin = await requireAdminPage("/admin/attention");
  const { open, openTotal, resolved } = await listAttentionForAdmin(await getDatabase(), admin);

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="attention-heading" className="flex flex-col gap-4">
        <h1 id="attention-heading" className="font-display text-3xl font-bold text-brand-900">
          Needs attention
        </h1>
        <p className="text-sm text-stone-600">
          What the shop could not put right by itself: each item says why. Look into it (with the gateway, on the
          order), then resolve it with a note of what you did. The same problem found again while its item is open adds
          nothing; found again after it was resolved, it opens a new item.
        </p>
        {open.length === 0 ? (
          <p className="rounded-2xl bg-white p-6 text-center text-stone-600 shadow-sm">Nothing needs attention.</p>
        ) : (
          <ul className="flex flex-col gap-4" aria-label="Open items, oldest first">
            {open.map((item) => (
              <li key={item.id} className="rounded-2xl bg-white p-5 shadow-sm" data-testid="attention-open-item">
                <article aria-labelledby={`attention-${item.id}`}>
                  <h2 id={`attention-${item.id}`} className="font-display text-lg font-semibold text-brand-900">
                    {item.title}
                  </h2>
                  <p className="mt-1 text-sm break-words text-stone-800">{item.reason}</p>
                  <div className="mt-2 flex flex-wrap items-center gap-4 text-sm text-stone-600">
                    <span>
                      Opened <TimeAgo date={item.openedAt} />
                    </span>
                    <OrderLink item={item} />
                  </div>
                  <div className="mt-3 max-w-md">
                    <ResolveAttentionForm id={item.id} />
                  </div>
                </article>
              </li>
            ))}
          </ul>
        )}
        {openTotal > open.length ? (
          <p className="text-sm text-stone-600">
            Showing the {open.length} oldest of {openTotal} open items; resolve these to see the rest.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="resolved-heading" className="flex flex-col gap-3">
        <h2 id="resolved-heading" className="font-display text-xl font-semibold text-brand-900">
          Recently resolved
        </h2>
        {resolved.length === 0 ? (
          <p className="text-sm text-stone-600">Nothing resolved yet.</p>
        ) : (
          <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm">
            <table className="w-full min-w-[48rem] text-sm" data-testid="attention-resolved">
              <caption className="sr-only">The 20 most recently resolved items, newest first</caption>
              <thead className="border-b border-stone-200 text-left text-stone-500">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Item
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Resolved
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    By
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Note
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {resolved.map((item) => (
                  <tr key={item.id} data-testid="attention-resolved-item">
                    <td className="max-w-80 px-4 py-3">
                      <span className="block font-medium">{item.title}</span>
                      <span className="block text-xs break-words text-stone-600">{item.reason}</span>
                      <OrderLink item={item} />
                    </td>
                    <td className="px-4 py-3">
                      <TimeAgo date={item.resolvedAt} />
                    </td>
                    <td className="px-4 py-3 text-xs break-all">{item.resolvedByEmail ?? "—"}</td>
                    <td className="max-w-64 px-4 py-3 break-words">{item.resolutionNote}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
