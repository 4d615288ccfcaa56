"use client";

import { useEffect, useState } from "react";
import { slowGatewayMessage } from "./slow-gateway-message";

/**
 * While a payment is being opened (`waiting`), says so once the gateway is slow, in a
 * live region of its own: the button's spinner alone does not tell a shopper who waits
 * 15 seconds that anything is happening.
 */
export function SlowGatewayNotice({ waiting }: { waiting: boolean }) {
  const [elapsedMs, setElapsedMs] = useState(0);
  useEffect(() => {
    if (!waiting) return;
    const started = Date.now();
    const timer = window.setInterval(() => setElapsedMs(Date.now() - started), 500);
    return () => {
      window.clearInterval(timer);
      setElapsedMs(0);
    };
  }, [waiting]);
  const message = waiting ? slowGatewayMessage(elapsedMs) : "";
  return (
    <p role="status" aria-live="polite" className="text-sm text-sky-900" data-testid="slow-gateway">
      {message}
    </p>
  );
}
