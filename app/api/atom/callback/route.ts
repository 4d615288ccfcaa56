import { receiveFromGateway } from "@/lib/payments/gateway-routes";

export const dynamic = "force-dynamic";

/**
 * The gateway's server-to-server result. 200 only once the result is stored (or was
 * already); 400 for anything that cannot be trusted or matched; 503 when it could not be
 * stored, so the gateway retries.
 */
export async function POST(request: Request) {
  const outcome = await receiveFromGateway(request, "callback");
  if (outcome.kind === "rejected") return new Response("Rejected", { status: 400 });
  if (outcome.kind === "unavailable") return new Response("Could not store the result; please retry", { status: 503 });
  return new Response("OK", { status: 200 });
}
