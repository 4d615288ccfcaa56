import { decryptJson, deriveCipherKey } from "./cipher";
import type { AtomConfig } from "./config";
import { verifyCallbackPayload, type VerifiedPayment } from "./payment-payload";

/**
 * What the callback and return-URL routes call with the posted encData:
 * decrypt with the response key → parse → verify with the response hash key.
 * Throws AtomDecryptionError subclasses (bad hex, wrong key, not JSON),
 * AtomValidationError (wrong shape or merchant) or AtomSignatureError.
 */
export async function verifyGatewayResult(config: AtomConfig, encData: string): Promise<VerifiedPayment> {
  const key = await deriveCipherKey(config.responseEncryption.key, config.responseEncryption.salt);
  const payload = decryptJson(key, encData.trim());
  return verifyCallbackPayload(payload, { merchId: config.merchId, responseHashKey: config.responseHashKey });
}
