import { answerCallback, receivePostedResult } from "@/lib/payments/gateway-routes";

export const dynamic = "force-dynamic";

/** The gateway's server-to-server result (answers: see answerCallback). */
export async function POST(request: Request) {
  const outcome = await receivePostedResult(request, "callback");
  return answerCallback(outcome);
}
