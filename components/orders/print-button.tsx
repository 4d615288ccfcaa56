"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

/** Opens the browser's print dialog (to print the page, or save it as a PDF). */
export function PrintButton() {
  // Its only handler is React's: a click before hydration would be lost.
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      onClick={() => window.print()}
      disabled={!hydrated}
      className="hover:bg-brand-800 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-70"
    >
      Print or save as PDF
    </button>
  );
}
