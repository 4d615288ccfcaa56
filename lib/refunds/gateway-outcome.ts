import {
  AtomConfigurationError,
  AtomDecryptionError,
  AtomError,
  AtomSignatureError,
  AtomSystemError,
  AtomValidationError,
  type RefundResult,
  type RefundStatusResult,
} from "@/lib/atom";

/** What the gateway's answer means for one refund row. */
export type RefundGatewayOutcome =
  | { kind: "completed"; refundTxnId: string; statusCode: string | null; message: string }
  | { kind: "failed"; statusCode: string | null; message: string }
  // We cannot tell whether the gateway refunded: the row stays `processing` for the status sync.
  | { kind: "unknown"; message: string };

export interface RefundLineRef {
  prodRefundId: string;
  refundAmount: number;
}

const SUCCESS = "OTS0000";

/** A decrypted REFUND answer → the outcome for our line. */
export function outcomeOfRefundAnswer(result: RefundResult, refund: RefundLineRef): RefundGatewayOutcome {
  const said = (code: string, ...texts: string[]) => `${[code, ...texts.filter((text) => text !== "")].join(" ")}`;
  if (!result.accepted) {
    return {
      kind: "failed",
      statusCode: result.statusCode,
      message: said(result.statusCode, result.message, result.description),
    };
  }
  // A lone line without an id is ours; a line naming another id is not.
  const line =
    result.lines.find((candidate) => candidate.prodRefundId === refund.prodRefundId) ??
    (result.lines.length === 1 && result.lines[0]?.prodRefundId === "" ? result.lines[0] : undefined);
  if (line === undefined) {
    return {
      kind: "unknown",
      message: `The gateway accepted the request but listed no line for ${refund.prodRefundId}.`,
    };
  }
  if (line.statusCode !== "" && line.statusCode !== SUCCESS) {
    return { kind: "failed", statusCode: line.statusCode, message: said(line.statusCode, line.description) };
  }
  if (line.refundTxnId === null) {
    return { kind: "unknown", message: "The gateway accepted the request but sent no refundTxnId." };
  }
  if (line.amountPaise !== null && line.amountPaise !== refund.refundAmount) {
    return {
      kind: "unknown",
      message: `The gateway answered a different amount (${line.amountPaise} paise) for ${refund.prodRefundId}: check with the gateway.`,
    };
  }
  return {
    kind: "completed",
    refundTxnId: line.refundTxnId,
    statusCode: line.statusCode || result.statusCode,
    message: said(result.statusCode, result.message, line.description),
  };
}

/**
 * A REFUND call that threw → failed when the gateway certainly did not refund (it
 * refused us, or nothing was sent), unknown when it may have (no answer, or an answer
 * we could not read).
 */
export function outcomeOfRefundError(error: unknown): RefundGatewayOutcome {
  if (!(error instanceof AtomError)) {
    return { kind: "unknown", message: "The refund call failed unexpectedly; its outcome is not known." };
  }
  const statusCode = error.gatewayCode ?? null;
  // Refused connection or unknown host: the request never reached the gateway.
  if (error instanceof AtomSystemError && error.reason === "unreachable")
    return { kind: "failed", statusCode: null, message: error.message };
  if (error instanceof AtomSystemError) return { kind: "unknown", message: error.message };
  // An answer we could not decrypt may still report a refund that happened.
  if (error instanceof AtomDecryptionError) return { kind: "unknown", message: error.message };
  // Refusals: wrong credentials or URL, a signature the gateway rejected, an empty body.
  if (error instanceof AtomConfigurationError || error instanceof AtomSignatureError) {
    return { kind: "failed", statusCode, message: error.message };
  }
  if (error instanceof AtomValidationError) {
    // Without an api the request failed our own checks and was never sent; with a
    // gateway code or HTTP status the gateway refused it; otherwise its answer did not
    // match the protocol, so what it did is unknown.
    const neverSent = error.api === undefined;
    const refused = error.gatewayCode !== undefined || error.httpStatus !== undefined;
    return neverSent || refused
      ? { kind: "failed", statusCode, message: error.message }
      : { kind: "unknown", message: error.message };
  }
  // Any other gateway answer: a status code means it declined; none means we cannot tell.
  return statusCode !== null
    ? { kind: "failed", statusCode, message: error.message }
    : { kind: "unknown", message: error.message };
}

/**
 * A REFUNDSTATUS answer → the outcome for our line, or null when the gateway lists no
 * refund with our prodRefundId (yet): that settles nothing.
 */
export function outcomeOfRefundStatus(result: RefundStatusResult, refund: RefundLineRef): RefundGatewayOutcome | null {
  for (const product of result.products) {
    const entry = product.refunds.find((candidate) => candidate.prodRefundId === refund.prodRefundId);
    if (entry === undefined) continue;
    // Listed, so the gateway has it: never a reason to send it again, only to wait.
    if (entry.refundTxnId === null)
      return { kind: "unknown", message: `The gateway lists ${refund.prodRefundId} without a refundTxnId yet.` };
    if (entry.amountPaise !== refund.refundAmount) {
      return {
        kind: "unknown",
        message: `The gateway lists a different amount (${entry.amountPaise} paise) for ${refund.prodRefundId}: check with the gateway.`,
      };
    }
    return {
      kind: "completed",
      refundTxnId: entry.refundTxnId,
      statusCode: result.statusCode,
      message: entry.remarks || "Refund found by status check",
    };
  }
  return null;
}
