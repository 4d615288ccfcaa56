import type { ReactNode } from "react";

/**
 * Shown only where scripts do not run, beside a control that works through them (it stays
 * disabled there: see use-hydrated.ts). `children` says what needs them.
 */
export function NeedsJavaScriptNotice({ children }: { children: ReactNode }) {
  return (
    <noscript>
      <p className="text-sm text-amber-900">{children}</p>
    </noscript>
  );
}
