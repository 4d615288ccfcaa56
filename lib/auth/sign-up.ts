import "server-only";
import type { Queryable } from "@/db";
import { log } from "@/lib/log";
import type { RateLimits } from "@/lib/rate-limits/rate-limits";
import { registerCustomer } from "./accounts";
import type { SignUpInput } from "./schemas";

/**
 * A sign-up form, answered the same whether or not the email already has an account: the
 * account is created when the email is new, and nothing changes when it is not (the
 * existing account keeps its password). Either way the password is hashed (registerCustomer
 * hashes before it looks), so the time taken does not tell them apart, and the caller's
 * address is counted against its sign-up limit first (RateLimitedError past it).
 */
export async function signUpCustomer(
  db: Queryable,
  limits: Pick<RateLimits, "signUp">,
  input: SignUpInput,
  address: string | undefined,
): Promise<void> {
  await limits.signUp(address);
  const result = await registerCustomer(db, input);
  if (!result.ok) log.info({ action: "sign up" }, "sign-up for an email that already has an account: nothing changed");
}
