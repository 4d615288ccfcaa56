"use client";

import { useActionState, useId } from "react";
import type { NoteFormState } from "./actions";

interface NoteFormProps {
  action: (previous: NoteFormState, formData: FormData) => Promise<NoteFormState>;
  /** The ids the action needs beside the note. */
  hidden: Record<string, string | number>;
  label: string;
  submitLabel: string;
  testId: string;
}

/** An admin's note (3–500 characters) and one button: the review of a flagged order, resolving an item. */
export function NoteForm({ action, hidden, label, submitLabel, testId }: NoteFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const noteId = useId();
  const noteError = state.fieldErrors?.note;
  return (
    <form action={formAction} className="flex flex-col gap-2" data-testid={testId}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={noteId} className="text-sm font-medium text-stone-700">
        {label}
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
        {pending ? "Saving…" : submitLabel}
      </button>
      <p aria-live="polite" role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-800"}`}>
        {state.error ?? state.message ?? ""}
      </p>
    </form>
  );
}
