import { NeedsJavaScriptNotice } from "@/components/ui/needs-javascript-notice";
import { SlowGatewayNotice } from "./slow-gateway-notice";

/**
 * What a Pay button (the checkout's, an order's Pay again) says below it: that the gateway is
 * slow, while a payment is being opened (`waiting`); and, where scripts never run, that paying
 * needs them (the button stays disabled there).
 */
export function PayButtonNotices({ waiting }: { waiting: boolean }) {
  return (
    <>
      <SlowGatewayNotice waiting={waiting} />
      <NeedsJavaScriptNotice>
        Paying needs JavaScript: turn it on in this browser to open the payment window.
      </NeedsJavaScriptNotice>
    </>
  );
}
