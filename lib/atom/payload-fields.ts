import { z } from "zod";
import { gatewayAmountToPaise } from "./amount";
import { AtomValidationError, type AtomErrorDetails } from "./errors";

/** Zod issues as "path: problem" lines. zod's messages name the rule, not the value. */
function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`);
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  details?: AtomErrorDetails,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new AtomValidationError(`${what} does not match the protocol`, describeIssues(result.error), details);
  return result.data;
}

// Outbound ---------------------------------------------------------------------

/** merchTxnId / prodRefundId: ids the shop makes; kept to characters every kit handles. */
export const merchantReference = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9._-]+$/, "use only letters, digits, '.', '_' and '-'");

/** A rupee amount as the gateway's JSON wants it: ≥ 0, at most 2 decimals, ≤ 10 digits before the point. */
export const payloadAmount = z
  .number()
  .refine((value) => toPaiseOrNull(value) !== null, "must be a non-negative rupee amount with at most 2 decimals")
  .refine((value) => value < 1e10, "must have at most 10 digits before the decimal point");

/** merchId goes out as a JSON number (the gateway echoes it back as one). */
export const merchIdNumber = z.number().int().nonnegative().max(9_999_999_999);

export function toPaiseOrNull(value: number | string): number | null {
  try {
    return gatewayAmountToPaise(value);
  } catch {
    return null;
  }
}

// Inbound ----------------------------------------------------------------------

/** Ids the gateway may send as number or string (merchId, atomTxnId, bankTxnId...): the app keeps strings. */
export const gatewayId = z.union([z.number().int().nonnegative(), z.string()]).transform((value) => String(value));

/** A gateway amount (JSON number or decimal string) read exactly into paise. */
export const gatewayPaise = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const paise = toPaiseOrNull(value);
  if (paise === null) {
    ctx.addIssue({ code: "custom", message: "must be a non-negative rupee amount with at most 2 decimals" });
    return z.NEVER;
  }
  return paise;
});

/** Text the gateway may leave out or send as null. */
export const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? "");

export const responseDetailsSchema = z.object({
  statusCode: z.string().min(1),
  message: optionalText,
  description: optionalText,
});
