import type { ReactNode } from "react";

/**
 * A box that scrolls its wide or long content by itself (the page never scrolls sideways),
 * named and focusable so that keyboard users can scroll it too.
 */
export function ScrollBox({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-auto ${className}`}>
      {children}
    </div>
  );
}
