import { decryptJson, deriveCipherKey, encryptJson } from "../cipher";
import type { AtomConfig } from "../config";

/**
 * The gateway's half of the shared secrets: it reads requests with the request
 * key/salt, and encrypts answers and callbacks with the response key/salt and signs
 * them with the response hash key (protocol page §4–5). An AtomConfig is one.
 */
export type GatewayKeys = Pick<AtomConfig, "merchId" | "requestEncryption" | "responseEncryption" | "responseHashKey">;

/** The fields of a posted `merchId=…&encData=…` form, or null when either is missing or blank. */
export function readMerchantForm(formBody: string): { merchId: string; encData: string } | null {
  const form = new URLSearchParams(formBody);
  const merchId = form.get("merchId")?.trim() ?? "";
  const encData = form.get("encData")?.trim() ?? "";
  return merchId === "" || encData === "" ? null : { merchId, encData };
}

/** A request's encData decrypted with the REQUEST key/salt; throws the cipher's typed errors. */
export async function decryptFromMerchant(gateway: GatewayKeys, encData: string): Promise<unknown> {
  const key = await deriveCipherKey(gateway.requestEncryption.key, gateway.requestEncryption.salt);
  return decryptJson(key, encData);
}

/** encData as the gateway writes it: the JSON encrypted with the RESPONSE key/salt, uppercase hex. */
export async function encryptForMerchant(gateway: GatewayKeys, payload: unknown): Promise<string> {
  const key = await deriveCipherKey(gateway.responseEncryption.key, gateway.responseEncryption.salt);
  return encryptJson(key, payload);
}

/** `merchId=<id>&encData=<HEX>`: the body of API answers and of callbacks alike (protocol page §3). */
export async function encryptedFormBody(gateway: GatewayKeys, payload: unknown): Promise<string> {
  return new URLSearchParams({
    merchId: gateway.merchId,
    encData: await encryptForMerchant(gateway, payload),
  }).toString();
}
