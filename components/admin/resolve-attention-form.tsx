"use client";

import { resolveAttention } from "./actions";
import { NoteForm } from "./note-form";

/** One open item's "Resolve": the admin notes what they did about it. */
export function ResolveAttentionForm({ id }: { id: string }) {
  return (
    <NoteForm
      action={resolveAttention}
      hidden={{ id }}
      label="What did you do about it?"
      submitLabel="Resolve"
      testId="resolve-attention-form"
    />
  );
}
