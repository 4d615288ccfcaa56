import { AuthorizationError, type SessionUser } from "@/lib/auth/session";

export type AdminUser = SessionUser & { role: "admin" };

/**
 * Every admin service starts here: the caller is passed in (never read from a global),
 * so a service refuses a missing or customer session whoever calls it — a server
 * action, a route, a test.
 */
export function assertAdmin(actor: SessionUser | null): asserts actor is AdminUser {
  if (actor === null) throw new AuthorizationError("Sign in as an admin to do this.");
  if (actor.role !== "admin") throw new AuthorizationError("Only admins can do this.");
}

/** The admin as the audit trail (payment_events) names them. */
export function auditActor(admin: AdminUser): { userId: string; email: string } {
  return { userId: admin.id, email: admin.email };
}
