"use client";

import { useState } from "react";
import type { TestCheckoutLaunch } from "@/lib/atom-sandbox/test-checkout";

type AtomPaynetzConstructor = new (
  options: { atomTokenId: string; merchId: string; custEmail: string; custMobile: string; returnUrl: string },
  env: "uat" | "prod",
) => unknown;

let scriptLoad: Promise<void> | null = null;

// The checkout script is loaded once per page, on first use.
function loadCheckoutScript(src: string): Promise<void> {
  scriptLoad ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      scriptLoad = null;
      reject(new Error("checkout script failed to load"));
    };
    document.head.appendChild(script);
  });
  return scriptLoad;
}

export function OpenOverlayButton({ launch, label }: { launch: TestCheckoutLaunch; label: string }) {
  const [state, setState] = useState<"idle" | "opening" | "failed">("idle");

  async function openOverlay() {
    if (state === "opening") return;
    setState("opening");
    try {
      await loadCheckoutScript(launch.scriptUrl);
      const AtomPaynetz = (window as unknown as { AtomPaynetz?: AtomPaynetzConstructor }).AtomPaynetz;
      if (AtomPaynetz === undefined) throw new Error("AtomPaynetz is missing");
      const { atomTokenId, merchId, custEmail, custMobile, returnUrl } = launch;
      new AtomPaynetz({ atomTokenId, merchId, custEmail, custMobile, returnUrl }, "uat");
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
        // aria-disabled, not disabled: a disabled button drops focus, which the overlay gives back on close.
        aria-disabled={state === "opening"}
        data-testid="sandbox-pay-button"
        className="w-full rounded-full bg-brand-600 px-5 py-3 font-medium text-white hover:bg-brand-700 aria-disabled:cursor-progress aria-disabled:opacity-70"
      >
        {state === "opening" ? "Opening the payment window…" : label}
      </button>
      <p aria-live="polite" className="mt-2 text-sm text-red-700">
        {state === "failed" ? "The payment window could not be opened. Reload the page and try again." : ""}
      </p>
    </div>
  );
}
