/**
 * The error classes the shop must tell apart (protocol page §7, "error handling flow"):
 * configuration (fix settings, never retry), signature (fix signing / reject the
 * message, never retry), validation (fix the data, never retry), system (network,
 * timeout, 5xx: retry with backoff) and other (report for support).
 * Callers decide retry-or-report from `kind` / `retryable`, never from message text.
 * Messages say what to check and never contain a secret.
 */
export type AtomErrorKind = "configuration" | "signature" | "validation" | "system" | "other";

/** The gateway APIs the client calls. */
export type AtomApi = "AUTH" | "STATUS" | "REFUND" | "REFUNDSTATUS";

export interface AtomErrorDetails {
  /** The gateway's status code when the gateway sent one (e.g. "OTS0451"). */
  gatewayCode?: string;
  httpStatus?: number;
  api?: AtomApi;
  cause?: unknown;
}

export abstract class AtomError extends Error {
  abstract readonly kind: AtomErrorKind;
  readonly gatewayCode: string | undefined;
  readonly httpStatus: number | undefined;
  readonly api: AtomApi | undefined;

  constructor(message: string, details: AtomErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.gatewayCode = details.gatewayCode;
    this.httpStatus = details.httpStatus;
    this.api = details.api;
  }

  /** Only system errors are worth another attempt. */
  get retryable(): boolean {
    return this.kind === "system";
  }
}

/** Wrong or missing settings: merchant id, password, keys, URLs (OTS0451, HTTP 401/403). */
export class AtomConfigurationError extends AtomError {
  readonly kind = "configuration" as const;
}

/** A signature did not match (OTS0506 from the gateway, or a callback we could not verify). */
export class AtomSignatureError extends AtomError {
  readonly kind = "signature" as const;
  /**
   * The merchTxnId an unverified message claims, when it could be decrypted and read:
   * it says which payment a forged or corrupted result names, for the log. Never trust it.
   */
  readonly claimedMerchTxnId: string | undefined;

  constructor(message: string, details: AtomErrorDetails & { claimedMerchTxnId?: string } = {}) {
    super(message, details);
    this.claimedMerchTxnId = details.claimedMerchTxnId;
  }
}

/**
 * Ciphertext we could not turn back into JSON. An integrity failure like a bad
 * signature (the message cannot be trusted), so it is a kind of signature error;
 * the subclasses say which step failed.
 */
export abstract class AtomDecryptionError extends AtomSignatureError {}

/** encData is not hex, or not a whole number of AES blocks. */
export class AtomCiphertextFormatError extends AtomDecryptionError {}

/** AES padding was wrong after decryption: the key or salt is wrong, or the ciphertext was altered. */
export class AtomWrongKeyError extends AtomDecryptionError {}

/** Decryption worked but the plaintext is not UTF-8 JSON. */
export class AtomPlaintextFormatError extends AtomDecryptionError {}

/**
 * Data that breaks the protocol's rules: our request before sending (lengths,
 * formats, amounts), a gateway OTS0600 / HTTP 400, or a gateway payload that does
 * not match its schema. `issues` lists "path: problem" lines without values.
 */
export class AtomValidationError extends AtomError {
  readonly kind = "validation" as const;
  readonly issues: readonly string[];

  constructor(message: string, issues: readonly string[] = [], details: AtomErrorDetails = {}) {
    super(issues.length === 0 ? message : `${message}: ${issues.join("; ")}`, details);
    this.issues = issues;
  }
}

/**
 * unreachable: the request never reached the gateway (connection refused, host not found);
 * network: the connection failed after it was made (the gateway may have acted);
 * timeout: no complete answer in time (it may have acted); unavailable: HTTP 5xx.
 */
export type AtomSystemReason = "unreachable" | "network" | "timeout" | "unavailable";

/** Transient trouble between us and the gateway: worth retrying with backoff. */
export class AtomSystemError extends AtomError {
  readonly kind = "system" as const;
  readonly reason: AtomSystemReason;

  constructor(message: string, reason: AtomSystemReason, details: AtomErrorDetails = {}) {
    super(message, details);
    this.reason = reason;
  }
}

export class AtomTimeoutError extends AtomSystemError {
  constructor(message: string, details: AtomErrorDetails = {}) {
    super(message, "timeout", details);
  }
}

/** Anything the gateway said that fits no other class: report it to support with its code. */
export class AtomGatewayError extends AtomError {
  readonly kind = "other" as const;
}

export function isAtomError(value: unknown): value is AtomError {
  return value instanceof AtomError;
}

/** The gateway has no record of the transaction asked about (status "no data", OTS0401). */
export class AtomTransactionNotFoundError extends AtomGatewayError {}
