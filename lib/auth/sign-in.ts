import "server-only";
import type { Queryable } from "@/db";
import type { RateLimits } from "@/lib/rate-limits/rate-limits";
import { verifyCredentials } from "./accounts";
import type { SessionUser } from "./session";

/**
 * A sign-in with email and password, held to its limits: a locked account or an address
 * that failed too often is refused (RateLimitedError) before any password is hashed, the
 * right password included; a wrong password counts against the account and the address;
 * a right one clears the account's failures. The account is the email typed, whether or
 * not it has an account, so a lockout says nothing about which emails exist.
 */
export async function signInWithPassword(
  db: Queryable,
  limits: RateLimits["signIn"],
  input: { email: string; password: string; address: string | undefined },
): Promise<SessionUser | null> {
  await limits.check(input.email, input.address);
  const user = await verifyCredentials(db, input.email, input.password);
  if (user === null) await limits.failed(input.email, input.address);
  else await limits.succeeded(input.email);
  return user;
}
