"use client";

import { useActionState } from "react";
import type { AdminActionState } from "./actions";

interface OrderActionButtonProps {
  action: (previous: AdminActionState, formData: FormData) => Promise<AdminActionState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  tone?: "primary" | "secondary";
}

/** One button that runs one admin action (ship, deliver, check a refund) and says how it went. */
export function OrderActionButton({ action, fields, label, pendingLabel, tone = "primary" }: OrderActionButtonProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const style =
    tone === "primary"
      ? "bg-brand-600 text-white hover:bg-brand-700"
      : "border border-stone-300 bg-white text-stone-800 hover:border-brand-600 hover:text-brand-700";
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className={`rounded-full px-4 py-1.5 text-sm font-medium disabled:opacity-70 ${style}`}
      >
        {pending ? pendingLabel : label}
      </button>
      <p aria-live="polite" role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-800"}`}>
        {state.error ?? state.message ?? ""}
      </p>
    </form>
  );
}
