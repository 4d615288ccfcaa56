// The public face of the Atom gateway layer. Server code only (by convention; no
// "server-only" import so scripts, the sandbox and vitest can load it).
export { Secret } from "./secret";
export * from "./errors";
export * from "./config";
export * from "./cipher";
export * from "./signature";
export * from "./amount";
export * from "./outcome";
