"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { checkOrderPayment } from "./actions";

interface CheckWithGatewayProps {
  orderId: string;
  /** The guest's link key, when the page was opened with one. */
  accessKey?: string;
  refreshMs?: number;
  checkMs?: number;
  maxMinutes?: number;
}

/**
 * While the gateway's word is awaited: every `checkMs` the shop asks the gateway about the
 * payment (it limits how often it really does), and every `refreshMs` the server page is
 * rendered again, so a callback shows within seconds and a payment never made shows as
 * such. Stops after `maxMinutes`; the background requery carries on.
 */
export function CheckWithGateway({
  orderId,
  accessKey,
  refreshMs = 2000,
  checkMs = 5000,
  maxMinutes = 15,
}: CheckWithGatewayProps) {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    let lastCheck = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (Date.now() - lastCheck >= checkMs) {
        lastCheck = Date.now();
        const form = new FormData();
        form.set("orderId", orderId);
        if (accessKey) form.set("key", accessKey);
        // Whatever it answers, the refreshed page shows the order as it now stands.
        await checkOrderPayment({}, form).catch(() => undefined);
      }
      if (stopped) return;
      router.refresh();
      if (Date.now() - started < maxMinutes * 60_000) timer = setTimeout(() => void tick(), refreshMs);
    };
    timer = setTimeout(() => void tick(), 500);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [router, orderId, accessKey, refreshMs, checkMs, maxMinutes]);
  return null;
}
