"use client";

import { markReviewed } from "./actions";
import { NoteForm } from "./note-form";

/** Shown on a flagged order: the admin notes what they checked and clears the flag. */
export function ReviewForm({ orderId, seenEventId }: { orderId: string; seenEventId: number }) {
  return (
    <NoteForm
      action={markReviewed}
      hidden={{ orderId, seenEventId }}
      label="What did you check?"
      submitLabel="Mark reviewed"
      testId="admin-review-form"
    />
  );
}
