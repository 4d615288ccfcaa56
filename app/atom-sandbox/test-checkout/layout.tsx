import type { ReactNode } from "react";
import { SkipLink } from "@/components/ui/skip-link";

/** The sandbox's test page stands alone: no shop chrome, just its content. */
export default function SandboxTestCheckoutLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </>
  );
}
