"use client";

import { useActionState, useId } from "react";
import { markReviewed, type AdminActionState } from "./actions";

const initialState: AdminActionState = {};

/** Shown on a flagged order: the admin notes what they checked and clears the flag. */
export function ReviewForm({ orderId, seenEventId }: { orderId: string; seenEventId: number }) {
  const [state, formAction, pending] = useActionState(markReviewed, initialState);
  const noteId = useId();
  return (
    <form action={formAction} className="flex flex-col gap-2" data-testid="admin-review-form">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="seenEventId" value={seenEventId} />
      <label htmlFor={noteId} className="text-sm font-medium text-stone-700">
        What did you check?
      </label>
      <textarea
        id={noteId}
        name="note"
        rows={2}
        required
        minLength={3}
        maxLength={500}
        className="rounded-lg border border-stone-300 px-3 py-2 text-sm"
      />
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded-full bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-70"
      >
        {pending ? "Saving…" : "Mark reviewed"}
      </button>
      <p aria-live="polite" role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-800"}`}>
        {state.error ?? state.message ?? ""}
      </p>
    </form>
  );
}
