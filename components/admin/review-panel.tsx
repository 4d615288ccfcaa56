import { ReviewForm } from "./review-form";

/** Shown on a flagged order: what the flag means and the form that clears it. */
export function ReviewPanel({ orderId, seenEventId }: { orderId: string; seenEventId: number }) {
  return (
    <section aria-labelledby="review-heading" className="rounded-2xl border border-red-200 bg-red-50 p-5">
      <h2 id="review-heading" className="font-display text-lg font-semibold text-red-900">
        Needs review
      </h2>
      <p className="mt-1 text-sm text-red-900">
        The gateway said something that did not fit this order: a result that did not match it, a second payment, or a
        failure after the payment succeeded. The timeline below says which. Check it (refund an extra payment, hold the
        parcel for a reversed payment) before shipping, then note what you found.
      </p>
      <div className="mt-3">
        <ReviewForm orderId={orderId} seenEventId={seenEventId} />
      </div>
    </section>
  );
}
