import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { NextRequest } from "next/server";
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
 * from the request itself rather than Next's request scope), or null. next-auth reads its
 * own cookie (its name under https, a large one split in chunks); only the cookie counts,
 * so an Authorization header (an API token) is taken off first — getToken would read it too.
 */
export async function getRequestUser(request: Request): Promise<SessionUser | null> {
  const { secret } = getAuthOptions();
  const headers = new Headers(request.headers);
  headers.delete("authorization");
  const jwt = await getToken({ req: new NextRequest(request.url, { headers }), secret }).catch(() => null);
  const token = sessionShapeOfToken.safeParse(jwt);
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
