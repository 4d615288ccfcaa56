import Link from "next/link";

/** An unknown order, product or page inside the admin area: said in the admin's own frame. */
export default function AdminNotFound() {
  return (
    <div className="rounded-2xl border border-stone-200 bg-white p-8">
      <h1 className="font-display text-2xl font-bold text-brand-900">Not found</h1>
      <p className="mt-2 text-stone-600">There is no such order, refund, product or page.</p>
      <Link href="/admin" className="mt-4 inline-block text-brand-700 underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
