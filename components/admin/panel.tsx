import type { ReactNode } from "react";

/** One titled card of the admin's order page. */
export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-2xl bg-white p-5 shadow-sm">
      <h2 id={`${id}-heading`} className="font-display text-lg font-semibold text-brand-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
