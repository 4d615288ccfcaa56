import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/password";
import type { SignUpInput } from "./schemas";
import type { SessionUser } from "./session";

export type RegistrationResult = { ok: true; user: SessionUser } | { ok: false; reason: "email-taken" };

const sessionColumns = { id: users.id, email: users.email, name: users.name, role: users.role };

/** Creates a shopper account (role customer). The email is expected lower-cased (signUpSchema does it). */
export async function registerCustomer(db: Queryable, input: SignUpInput): Promise<RegistrationResult> {
  const passwordHash = await hashPassword(input.password);
  // The unique index decides a race between two sign-ups with one email.
  const [user] = await db
    .insert(users)
    .values({ email: input.email.toLowerCase(), name: input.name, passwordHash, role: "customer" })
    .onConflictDoNothing({ target: users.email })
    .returning(sessionColumns);
  return user ? { ok: true, user } : { ok: false, reason: "email-taken" };
}

/** The user these credentials belong to, or null. Takes about as long whether or not the email exists. */
export async function verifyCredentials(db: Queryable, email: string, password: string): Promise<SessionUser | null> {
  const [user] = await db
    .select({ ...sessionColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email.toLowerCase()))
    .limit(1);
  // Without a user, compare against a throwaway hash so the answer's timing does not reveal which emails exist.
  const matches = await verifyPassword(password, user?.passwordHash ?? (await throwawayHash()));
  if (!user || !matches) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function findSessionUser(db: Queryable, userId: string): Promise<SessionUser | null> {
  const [user] = await db.select(sessionColumns).from(users).where(eq(users.id, userId)).limit(1);
  return user ?? null;
}

let throwaway: Promise<string> | undefined;
function throwawayHash(): Promise<string> {
  throwaway ??= hashPassword("no account has this password");
  return throwaway;
}
