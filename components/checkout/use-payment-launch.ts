"use client";

import { useEffect, useState } from "react";
import type { PaymentActionState } from "./actions";
import { openAtomCheckout } from "./atom-checkout";

export type LaunchPhase =
  { phase: "idle" } | { phase: "opening" } | { phase: "open" } | { phase: "failed"; error: string };

/** Opens the gateway overlay whenever a payment action hands back a fresh token. */
export function usePaymentLaunch(state: PaymentActionState): LaunchPhase {
  const [launch, setLaunch] = useState<LaunchPhase>({ phase: "idle" });
  useEffect(() => {
    const checkout = state.launch;
    if (checkout === undefined) return;
    let cancelled = false;
    // Reported from the effect because the overlay opens outside React, once per token.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLaunch({ phase: "opening" });
    openAtomCheckout(checkout).then(
      () => !cancelled && setLaunch({ phase: "open" }),
      (error: unknown) =>
        !cancelled &&
        setLaunch({
          phase: "failed",
          error: error instanceof Error ? error.message : "The payment window could not be opened.",
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [state]);
  return launch;
}
