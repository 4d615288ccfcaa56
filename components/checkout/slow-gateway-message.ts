/** After this long without the gateway's answer, the shopper is told we are still waiting. */
const SLOW_GATEWAY_AFTER_MS = 3_000;
/** After this long, they are also told not to pay twice. */
const VERY_SLOW_GATEWAY_AFTER_MS = 10_000;

/** What to say while the payment gateway has not answered for `elapsedMs`; empty while it is quick. */
export function slowGatewayMessage(elapsedMs: number): string {
  if (elapsedMs >= VERY_SLOW_GATEWAY_AFTER_MS) {
    return "Still waiting for the payment gateway… It is slow right now. Please keep this page open and do not press Pay again: nothing has been charged yet.";
  }
  if (elapsedMs >= SLOW_GATEWAY_AFTER_MS) return "Still waiting for the payment gateway…";
  return "";
}
