import { decryptJson, deriveCipherKey, encryptJson, type AtomConfig } from "@/lib/atom";
import type { GatewayStatus } from "./gateway-status";

/**
 * The gateway's transport (protocol page §3): form-encoded requests in, a URL-encoded
 * `merchId=…&encData=…` body out, labelled application/json as the gateway labels it.
 */
export interface GatewayForm {
  merchId: string;
  encData: string;
}

/** The posted form, or null when it lacks merchId or encData (the gateway then answers nothing). */
export async function readGatewayForm(request: Request): Promise<GatewayForm | null> {
  const form = new URLSearchParams(await request.text());
  const merchId = form.get("merchId")?.trim() ?? "";
  const encData = form.get("encData")?.trim() ?? "";
  return merchId === "" || encData === "" ? null : { merchId, encData };
}

/** Decrypts a request with the REQUEST key/salt; null when it cannot be read as a JSON object. */
export async function decryptRequest(atom: AtomConfig, encData: string): Promise<Record<string, unknown> | null> {
  const key = await deriveCipherKey(atom.requestEncryption.key, atom.requestEncryption.salt);
  try {
    const payload = decryptJson(key, encData);
    return typeof payload === "object" && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Encrypts an answer or callback with the RESPONSE key/salt (uppercase hex). */
export async function encryptForMerchant(atom: AtomConfig, payload: unknown): Promise<string> {
  const key = await deriveCipherKey(atom.responseEncryption.key, atom.responseEncryption.salt);
  return encryptJson(key, payload);
}

/** `merchId=<id>&encData=<HEX>`: the body of API answers and of callbacks alike. */
export function gatewayFormBody(merchId: string, encData: string): string {
  return new URLSearchParams({ merchId, encData }).toString();
}

const JSON_LABEL = { "content-type": "application/json", "cache-control": "no-store" };

export async function encryptedAnswer(atom: AtomConfig, payload: unknown, httpStatus = 200): Promise<Response> {
  const body = gatewayFormBody(atom.merchId, await encryptForMerchant(atom, payload));
  return new Response(body, { status: httpStatus, headers: JSON_LABEL });
}

/** What the gateway sends for a request it could not decrypt or read: nothing at all. */
export function emptyAnswer(): Response {
  return new Response(null, { status: 200, headers: { ...JSON_LABEL, "content-length": "0" } });
}

/** A plain JSON error, as the gateway answers when it cannot or does not encrypt. */
export function plainStatusAnswer(httpStatus: number, status: GatewayStatus): Response {
  const body = { txnStatusCode: status.statusCode, txnMessage: status.message, txnDescription: status.description };
  return new Response(JSON.stringify(body), { status: httpStatus, headers: JSON_LABEL });
}

/** The answer of a gateway that is down (fault switch fail5xx): a load balancer's page. */
export function unavailableAnswer(): Response {
  return new Response("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", {
    status: 503,
    headers: { "content-type": "text/html", "cache-control": "no-store" },
  });
}
