import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { gatewayAmountToPaise, type AtomConfig } from "@/lib/atom";

// Field rules as the gateway states them (protocol page §6), written from the gateway's
// side: lenient about types it can read (a numeric string for a number), strict about
// limits. Unknown fields are ignored, as the gateway ignores them.

export const mandatoryText = (max: number) =>
  z.string({ error: "is mandatory" }).trim().min(1, "is mandatory").max(max, `must be at most ${max} characters`);

export const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).optional();

/** merchId and other gateway ids: a JSON number or a string of digits. */
export const numericId = (maxDigits: number) =>
  z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)], { error: "is mandatory and must be numeric" })
    .transform((value) => String(value))
    .refine((value) => value.length <= maxDigits, `must be at most ${maxDigits} digits`);

const MAX_PAISE = 10_000_000_000 * 100; // ten digits before the decimal point

/** A rupee amount (number or decimal string) → paise: > 0, ≤ 2 decimals, ≤ 10 digits before the point. */
export const amountInPaise = z
  .union([z.number(), z.string()], { error: "is mandatory and must be a number" })
  .transform((value, ctx) => {
    let paise: number;
    try {
      paise = gatewayAmountToPaise(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a rupee amount with at most 2 decimals" });
      return z.NEVER;
    }
    if (paise <= 0) ctx.addIssue({ code: "custom", message: "must be more than zero" });
    if (paise >= MAX_PAISE)
      ctx.addIssue({ code: "custom", message: "must have at most 10 digits before the decimal point" });
    return paise;
  });

/** The first problem, as "field: problem" with the payload path (no values: they may be secret). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "request is malformed";
  const path = issue.path.filter((part) => part !== "payInstrument").join(".");
  return `${path === "" ? "request" : path} ${issue.message}`;
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The merchant check every API starts with. "unknown" when merchId or password is not
 * this merchant's; "absent" when they are missing (a validation failure instead).
 */
export function checkMerchant(
  atom: AtomConfig,
  merchDetails: unknown,
  options: { password: "plain" | "base64" | "optional" },
): "ok" | "unknown" | "absent" {
  const details = (typeof merchDetails === "object" && merchDetails !== null ? merchDetails : {}) as Record<
    string,
    unknown
  >;
  const merchId = details.merchId;
  const password = details.password;
  if (merchId === undefined || merchId === null || merchId === "") return "absent";
  if (String(merchId) !== atom.merchId) return "unknown";
  if (password === undefined || password === null || password === "") {
    return options.password === "optional" ? "ok" : "absent";
  }
  if (typeof password !== "string") return "unknown";
  const given = options.password === "base64" ? Buffer.from(password, "base64").toString("utf8") : password;
  return sameSecret(given, atom.password.reveal()) ? "ok" : "unknown";
}

/** payInstrument.<section> of a decrypted request, whatever its shape. */
export function sectionOf(payload: Record<string, unknown>, section: string): unknown {
  const instrument = payload.payInstrument;
  return typeof instrument === "object" && instrument !== null
    ? (instrument as Record<string, unknown>)[section]
    : undefined;
}

/** A string field inside a section, for choosing fault-switch scopes before validation. */
export function textIn(section: unknown, field: string): string | null {
  const value =
    typeof section === "object" && section !== null ? (section as Record<string, unknown>)[field] : undefined;
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}
