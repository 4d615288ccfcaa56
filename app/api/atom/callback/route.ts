import { withRequestLogContext } from "@/lib/log-context";
import { answerCallback, receivePostedResult } from "@/lib/payments/gateway-routes";

export const dynamic = "force-dynamic";

/** The gateway's server-to-server result (answers: see answerCallback). */
export async function POST(request: Request) {
  return withRequestLogContext(request.headers, async () =>
    answerCallback(await receivePostedResult(request, "callback")),
  );
}
