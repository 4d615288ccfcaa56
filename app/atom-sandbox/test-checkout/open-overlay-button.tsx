"use client";

import { useState } from "react";
import { openAtomCheckout } from "@/components/checkout/atom-checkout";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { TestCheckoutLaunch } from "@/lib/atom-sandbox/test-checkout";

export function OpenOverlayButton({ launch, label }: { launch: TestCheckoutLaunch; label: string }) {
  const [state, setState] = useState<"idle" | "opening" | "failed">("idle");
  // Its only handler is React's: a click before hydration would be lost.
  const hydrated = useHydrated();

  async function openOverlay() {
    if (state === "opening") return;
    setState("opening");
    try {
      await openAtomCheckout(launch);
      setState("idle");
    } catch {
      setState("failed");
    }
  }

  return (
    <div className="mt-6">
      <button
        type="button"
        onClick={openOverlay}
        // aria-disabled while opening, not disabled: a disabled button drops focus, which the
        // overlay gives back on close. Disabled only until hydration, when there is no focus yet.
        aria-disabled={state === "opening"}
        disabled={!hydrated}
        data-testid="sandbox-pay-button"
        className="w-full rounded-full bg-brand-600 px-5 py-3 font-medium text-white hover:bg-brand-700 disabled:opacity-70 aria-disabled:cursor-progress aria-disabled:opacity-70"
      >
        {state === "opening" ? "Opening the payment window…" : label}
      </button>
      <p aria-live="polite" className="mt-2 text-sm text-red-700">
        {state === "failed" ? "The payment window could not be opened. Reload the page and try again." : ""}
      </p>
    </div>
  );
}
