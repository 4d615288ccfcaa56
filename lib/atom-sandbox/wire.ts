// The gateway's transport (protocol page §3) as HTTP: form-encoded requests in, a URL-encoded
// `merchId=…&encData=…` body out, labelled application/json as the gateway labels it.
import type { AtomConfig } from "@/lib/atom";
import { buildTxnStatus, decryptFromMerchant, encryptedFormBody, type ResponseDetails } from "@/lib/atom/gateway-side";

/** Decrypts a request with the REQUEST key/salt; null when it cannot be read as a JSON object. */
export async function decryptRequest(atom: AtomConfig, encData: string): Promise<Record<string, unknown> | null> {
  try {
    const payload = await decryptFromMerchant(atom, encData);
    return typeof payload === "object" && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const JSON_LABEL = { "content-type": "application/json", "cache-control": "no-store" };

export async function encryptedAnswer(atom: AtomConfig, payload: unknown, httpStatus = 200): Promise<Response> {
  return new Response(await encryptedFormBody(atom, payload), { status: httpStatus, headers: JSON_LABEL });
}

/** What the gateway sends for a request it could not decrypt or read: nothing at all. */
export function emptyAnswer(): Response {
  return new Response(null, { status: 200, headers: { ...JSON_LABEL, "content-length": "0" } });
}

/** A plain JSON error, as the gateway answers when it cannot or does not encrypt. */
export function plainStatusAnswer(httpStatus: number, status: ResponseDetails): Response {
  return new Response(JSON.stringify(buildTxnStatus(status)), { status: httpStatus, headers: JSON_LABEL });
}

/** The answer of a gateway that is down (fault switch fail5xx): a load balancer's page. */
export function unavailableAnswer(): Response {
  return new Response("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", {
    status: 503,
    headers: { "content-type": "text/html", "cache-control": "no-store" },
  });
}
