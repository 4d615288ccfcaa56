import "server-only";
import { getServerSession } from "next-auth";
import { decode } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { getDatabase } from "@/db";
import { DomainError } from "@/lib/domain-error";
import type { UserRole } from "@/db/schema";
import { findSessionUser } from "./accounts";
import { signInPath } from "./callback-url";
import { getAuthOptions } from "./options";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
}

/** The caller may not do this: not signed in, or not in the role it needs. */
export class AuthorizationError extends DomainError<"unauthorized"> {
  override name = "AuthorizationError";
  constructor(message: string) {
    super("unauthorized", message);
  }
}

const sessionShape = z.object({ user: z.object({ id: z.uuid() }) });

/**
 * The signed-in user, read again from the database on every request (a role change or a
 * deleted account takes effect at once), or null. Memoised for one server render.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = sessionShape.safeParse(await getServerSession(getAuthOptions()));
  if (!session.success) return null;
  return findSessionUser(await getDatabase(), session.data.user.id);
});

/**
 * The user whose session cookie a route handler's request carries (as getCurrentUser, read
 * from the request itself rather than Next's request scope), or null. Only the cookie
 * counts: a bearer token is not a session.
 */
export async function getRequestUser(request: Request): Promise<SessionUser | null> {
  const { secret } = getAuthOptions();
  // getAuthOptions has set NEXTAUTH_URL; next-auth names its cookie __Secure-… under https,
  // and splits a large one into name.0, name.1, ….
  const name = `${(process.env.NEXTAUTH_URL ?? "").startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
  const chunks: Array<[number, string]> = [];
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    const cookie = pair.slice(0, at).trim();
    if (at < 0 || (cookie !== name && !cookie.startsWith(`${name}.`))) continue;
    chunks.push([cookie === name ? 0 : Number(cookie.slice(name.length + 1)), pair.slice(at + 1).trim()]);
  }
  if (chunks.length === 0) return null;
  const jwt = chunks
    .sort(([a], [b]) => a - b)
    .map(([, value]) => value)
    .join("");
  const token = sessionShapeOfToken.safeParse(await decode({ token: jwt, secret: secret! }).catch(() => null));
  if (!token.success) return null;
  return findSessionUser(await getDatabase(), token.data.sub);
}

const sessionShapeOfToken = z.object({ sub: z.uuid() });

/** For pages: the signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireSignedInUser(returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}
