import pino from "pino";

/**
 * The server's structured log: one JSON line per event on stdout. Fields that could hold
 * a secret or a bearer token are redacted wherever they appear, as a second line of
 * defence; callers log ids and outcomes, never payloads.
 */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

// An unknown LOG_LEVEL falls back to info here; lib/env.ts reports it by name at start-up.
const configured = LOG_LEVELS.find((level) => level === process.env.LOG_LEVEL);

export const log = pino({
  level: configured ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: undefined,
  redact: {
    paths: [
      "password",
      "*.password",
      "encData",
      "*.encData",
      "secret",
      "*.secret",
      "cartId",
      "*.cartId",
      "key",
      "*.key",
      "authorization",
      "*.authorization",
    ],
    censor: "[redacted]",
  },
});

/**
 * What to log of an error: its class, code and a message without the query parameters a
 * database error carries (they can hold emails, password hashes or cart ids).
 */
export function errorFields(error: unknown): { errorName: string; errorCode?: string; errorMessage: string } {
  if (!(error instanceof Error)) return { errorName: "unknown", errorMessage: String(error).slice(0, 200) };
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  // Drizzle wraps driver errors as "Failed query: <sql>\nparams: <values>"; keep the driver's own message.
  const message =
    error.message.startsWith("Failed query:") && cause ? cause.message : error.message.split("\nparams:")[0]!;
  return {
    errorName: error.name,
    ...(typeof code === "string" ? { errorCode: code } : {}),
    errorMessage: message.slice(0, 500),
  };
}
