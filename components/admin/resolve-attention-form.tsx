"use client";

import { useActionState, useId } from "react";
import { resolveAttention, type ResolveAttentionState } from "./actions";

const initialState: ResolveAttentionState = {};

/** One open item's "Resolve": the admin notes what they did about it. */
export function ResolveAttentionForm({ id }: { id: string }) {
  const [state, formAction, pending] = useActionState(resolveAttention, initialState);
  const noteId = useId();
  const noteError = state.fieldErrors?.note;
  return (
    <form action={formAction} className="flex flex-col gap-2" data-testid="resolve-attention-form">
      <input type="hidden" name="id" value={id} />
      <label htmlFor={noteId} className="text-sm font-medium text-stone-700">
        What did you do about it?
      </label>
      <textarea
        id={noteId}
        name="note"
        rows={2}
        required
        minLength={3}
        maxLength={500}
        defaultValue={state.values?.note}
        aria-invalid={noteError ? true : undefined}
        aria-describedby={noteError ? `${noteId}-error` : undefined}
        className="rounded-lg border border-stone-300 px-3 py-2 text-sm"
      />
      {noteError ? (
        <p id={`${noteId}-error`} className="text-sm text-red-700">
          {noteError}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded-full bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-70"
      >
        {pending ? "Saving…" : "Resolve"}
      </button>
      <p aria-live="polite" role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-800"}`}>
        {state.error ?? state.message ?? ""}
      </p>
    </form>
  );
}
