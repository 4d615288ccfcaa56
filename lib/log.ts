import pino, { type DestinationStream } from "pino";
import pretty from "pino-pretty";
import { currentLogContext } from "./log-context";

/**
 * The server's structured log (pino). Every line carries the log context of the work it
 * belongs to (lib/log-context.ts: the request id, the job round, the order), and the keys
 * named in REDACTED_KEYS are replaced wherever they appear, so a secret, a card or a VPA
 * that reaches a log call by mistake is still never written. Callers log ids and outcomes,
 * never payloads.
 *
 * Format (LOG_FORMAT): `pretty` (pino-pretty: one readable, coloured line per event) or
 * `json` (one JSON object per line, for collectors). Unset: pretty when stdout is a
 * terminal, JSON otherwise. A terminal means a person is watching (`npm run dev`,
 * `npm run shop`); a deployment's output goes to a pipe or a file, read by a collector.
 * NODE_ENV cannot tell them apart: `next start` sets it to production either way.
 */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const LOG_FORMATS = ["pretty", "json"] as const;
type LogLevel = (typeof LOG_LEVELS)[number];
type LogFormat = (typeof LOG_FORMATS)[number];

/** LOG_FORMAT if valid, otherwise pretty for a terminal and JSON for anything else. */
export function logFormatFor(configured: string | undefined, stdoutIsTerminal: boolean): LogFormat {
  return LOG_FORMATS.find((format) => format === configured) ?? (stdoutIsTerminal ? "pretty" : "json");
}

/**
 * The keys whose values are never written, at the top of a line's fields and nested
 * down to REDACT_DEPTH objects (pino's `*.key` reaches one level, so each depth is listed).
 */
const REDACTED_KEYS = [
  // Secrets and credentials: the Atom merchant's password, keys, salts and hash keys,
  // the session secret, database and SMTP URLs (they may hold a password).
  "password",
  "passwordHash",
  "secret",
  "authSecret",
  "key",
  "keys",
  "salt",
  "hashKey",
  "requestEncKey",
  "responseEncKey",
  "requestHashKey",
  "responseHashKey",
  "signature",
  "databaseUrl",
  "smtpUrl",
  // Bearer tokens, cookies and what carries them.
  "token",
  "accessToken",
  "refreshToken",
  "sessionToken",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  // The gateway's encrypted message, and the guest cart's cookie value.
  "encData",
  "cartId",
  // Cards.
  "cardNumber",
  "cardNo",
  "pan",
  "cvv",
  "cvc",
  "cardCvv",
  "expiry",
  "expiryDate",
  "cardExpiry",
  "cardName",
  // UPI ids (VPAs) and shoppers' contact details.
  "vpa",
  "upiId",
  "payerVpa",
  "custEmail",
  "custMobile",
  "custFirstName",
  "custLastName",
  // A bank account number (AUTH's custAccNo), and whole gateway payloads, which carry all of the above.
  "custAccNo",
  "accountNumber",
  "payload",
  "gatewayPayload",
  "email",
  "mobile",
] as const;
const REDACT_DEPTH = 4;
const REDACT_PATHS = REDACTED_KEYS.flatMap((key) =>
  Array.from({ length: REDACT_DEPTH + 1 }, (_, depth) => {
    const parents = Array<string>(depth).fill("*");
    // `*.*.password`; a key that is no identifier in brackets: `*.*["set-cookie"]`.
    return /^[A-Za-z_$][\w$]*$/.test(key)
      ? [...parents, key].join(".")
      : `${parents.join(".")}[${JSON.stringify(key)}]`;
  }),
);

// An unknown LOG_LEVEL or LOG_FORMAT falls back here; lib/env.ts reports it by name at start-up.
const configuredLevel = LOG_LEVELS.find((level) => level === process.env.LOG_LEVEL);
const defaultLevel: LogLevel = process.env.NODE_ENV === "test" ? "silent" : "info";
const format = logFormatFor(process.env.LOG_FORMAT, process.stdout.isTTY === true);

/** Where lines go: stdout, synchronously (a line written just before a crash is not lost). */
function standardOutput(): DestinationStream {
  if (format === "json") return pino.destination({ dest: 1, sync: true });
  // pino-pretty as a synchronous stream in this thread, not a pino transport: a transport's
  // worker thread cannot load its module from inside Next's server bundles.
  return pretty({
    sync: true,
    destination: 1,
    colorize: process.stdout.isTTY === true,
    singleLine: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname",
  });
}

let destination: DestinationStream = standardOutput();

export const log = pino(
  {
    level: configuredLevel ?? defaultLevel,
    base: undefined,
    mixin: () => ({ ...currentLogContext() }),
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  },
  { write: (line: string) => destination.write(line) },
);

/**
 * Tests: sends every line (JSON, redacted, as a collector would receive it) to `write`
 * instead of stdout, at `level`, until the returned function puts things back.
 */
export function captureLogOutput(write: (line: string) => void, level: LogLevel = "debug"): () => void {
  const previous = { destination, level: log.level };
  destination = { write };
  log.level = level;
  return () => {
    destination = previous.destination;
    log.level = previous.level;
  };
}

/**
 * What to log of an error: its class, kind (a gateway error's: configuration, signature,
 * system…; class names do not survive the production bundle's minifier), code and a
 * message without the query parameters a database error carries (they can hold emails,
 * password hashes or cart ids).
 */
export function errorFields(error: unknown): {
  errorName: string;
  errorKind?: string;
  errorCode?: string;
  errorMessage: string;
} {
  if (!(error instanceof Error)) return { errorName: "unknown", errorMessage: String(error).slice(0, 200) };
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  const kind = (error as { kind?: unknown }).kind;
  // Drizzle wraps driver errors as "Failed query: <sql>\nparams: <values>"; keep the driver's own message.
  const message =
    error.message.startsWith("Failed query:") && cause ? cause.message : error.message.split("\nparams:")[0]!;
  return {
    errorName: error.name,
    ...(typeof kind === "string" ? { errorKind: kind } : {}),
    ...(typeof code === "string" ? { errorCode: code } : {}),
    errorMessage: message.slice(0, 500),
  };
}
