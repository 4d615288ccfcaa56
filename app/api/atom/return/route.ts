import { withRequestLogContext } from "@/lib/log-context";
import { answerReturn, readGatewayBody } from "@/lib/payments/gateway-routes";
import { receiveGatewayResult } from "@/lib/payments/receive-gateway-result";

export const dynamic = "force-dynamic";

/** The shopper's browser back from the gateway: apply the verified result, then show the order. */
export async function POST(request: Request) {
  return withRequestLogContext(request.headers, async () => {
    const body = await readGatewayBody(request);
    const outcome = await receiveGatewayResult(body, "return");
    return answerReturn(outcome);
  });
}
