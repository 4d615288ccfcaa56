import { withRequestLogContext } from "@/lib/log-context";
import { answerReturn, receivePostedResult } from "@/lib/payments/gateway-routes";

export const dynamic = "force-dynamic";

/** The shopper's browser back from the gateway: apply the verified result, then show the order. */
export async function POST(request: Request) {
  return withRequestLogContext(request.headers, async () => answerReturn(await receivePostedResult(request, "return")));
}
