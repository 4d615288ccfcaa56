// The public face of the Atom (NTT DATA Payment Services) gateway layer.
// Server code by convention; it has no "server-only" import so that scripts,
// the sandbox and vitest can load it in plain Node.
export { Secret } from "./secret";
export * from "./errors";
export * from "./config";
export * from "./cipher";
export * from "./signature";
export * from "./amount";
export * from "./outcome";
export { formatGatewayDateTime } from "./gateway-date";
export { type GatewayStatus } from "./gateway-errors";
export * from "./auth-payload";
export {
  verifyCallbackPayload,
  type CallbackPayload,
  type PaymentInstrument,
  type VerifiedPayment,
} from "./payment-payload";
export * from "./status-payload";
export * from "./refund-payload";
export * from "./refund-status-payload";
export { verifyGatewayResult } from "./gateway-result";
export { type RetryPolicy } from "./retry-policy";
export * from "./client";
