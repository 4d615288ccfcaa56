/**
 * The one error convention of the domain services (orders, payments, refunds, admin):
 * a request the shop's rules refuse throws a DomainError (or a subclass) whose message is
 * written for the person who asked and names no secret, so a server action shows it as
 * it is; `code` is for programs and tests; `field`, when set, names the form field the
 * message belongs beside. Anything else thrown is unexpected: logged, and reported as a
 * plain "try again". Outcomes that are part of a protocol (a gateway result applied,
 * a duplicate, a mismatch) are not errors: services return them as values.
 */
export class DomainError<Code extends string = string> extends Error {
  override name = "DomainError";
  constructor(
    readonly code: Code,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * Too many requests of one kind from one caller, account, cart or order: refused until the
 * limit's window ends (lib/rate-limits). A server action shows the message as it is; a
 * route answers 429 with `Retry-After: retryAfterSeconds`.
 */
export class RateLimitedError extends DomainError<"rate_limited"> {
  override name = "RateLimitedError";
  constructor(
    /** Which limit refused (lib/rate-limits/refusals.ts names them). */
    readonly limit: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", message);
  }
}
