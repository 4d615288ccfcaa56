import { withRequestLogContext } from "@/lib/log-context";
import { answerCallback, readGatewayBody } from "@/lib/payments/gateway-routes";
import { receiveGatewayResult } from "@/lib/payments/receive-gateway-result";

export const dynamic = "force-dynamic";

/** The gateway's server-to-server result (answers: see answerCallback). */
export async function POST(request: Request) {
  return withRequestLogContext(request.headers, async () => {
    const body = await readGatewayBody(request);
    const outcome = await receiveGatewayResult(body, "callback");
    return answerCallback(outcome);
  });
}
