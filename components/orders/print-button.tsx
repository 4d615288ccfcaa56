"use client";

/** Opens the browser's print dialog (to print the page, or save it as a PDF). */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="hover:bg-brand-800 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
    >
      Print or save as PDF
    </button>
  );
}
