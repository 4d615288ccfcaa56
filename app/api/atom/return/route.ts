import { getEnv } from "@/lib/env";
import { orderPath } from "@/lib/orders/order-link";
import { receiveFromGateway } from "@/lib/payments/gateway-routes";

export const dynamic = "force-dynamic";

/** The shopper's browser back from the gateway: apply the verified result, then show the order. */
export async function POST(request: Request) {
  const outcome = await receiveFromGateway(request, "return");
  const env = getEnv();
  if (outcome.kind === "unavailable") return Response.redirect(`${env.appUrl}/payment-problem?reason=unavailable`, 303);
  if (outcome.kind === "rejected") {
    const target = outcome.orderId ? `${orderPath(env.authSecret, outcome.orderId)}&problem=verification` : "/payment-problem";
    return Response.redirect(`${env.appUrl}${target}`, 303);
  }
  return Response.redirect(`${env.appUrl}${orderPath(env.authSecret, outcome.result.orderId)}`, 303);
}
