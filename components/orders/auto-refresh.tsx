"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the server page every few seconds while the gateway's word is awaited. */
export function AutoRefresh({ intervalMs = 2000, maxMinutes = 15 }: { intervalMs?: number; maxMinutes?: number }) {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > maxMinutes * 60_000) clearInterval(timer);
      else router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs, maxMinutes]);
  return null;
}
