import "server-only";
import { notFound } from "next/navigation";
import { bearerMatches } from "@/lib/bearer-token";
import { getEnv } from "@/lib/env";
import { AuthorizationError, getCurrentUser, requireSignedInUser, type SessionUser } from "./session";

// Who may do what, in one place. Services take the caller as an argument (never from a
// global) and check it here, so a missing or customer session is refused whoever calls
// them — a server action, a route, a test. Pages use requireAdminPage.

export type AdminUser = SessionUser & { role: "admin" };

/** Every admin service starts here. */
export function assertAdmin(actor: SessionUser | null): asserts actor is AdminUser {
  if (actor === null) throw new AuthorizationError("Sign in as an admin to do this.");
  if (actor.role !== "admin") throw new AuthorizationError("Only admins can do this.");
}

/** The admin as the audit trail (payment_events) names them. */
export function auditActor(admin: AdminUser): { userId: string; email: string } {
  return { userId: admin.id, email: admin.email };
}

/**
 * For /admin pages (the layout and each page, since a page can be fetched without its
 * layout rendering again): signed out → sign-in, coming back here; a customer → 404,
 * so the admin area does not announce itself.
 */
export async function requireAdminPage(returnTo: string): Promise<AdminUser> {
  const user = await requireSignedInUser(returnTo);
  if (user.role !== "admin") notFound();
  return { ...user, role: "admin" };
}

/**
 * Who may read /api/metrics: a machine holding `METRICS_TOKEN` (Prometheus) or an admin's
 * session. "anonymous" (401) for anyone else, "forbidden" (403) for a signed-in customer.
 */
export async function metricsReader(headers: Pick<Headers, "get">): Promise<"allowed" | "anonymous" | "forbidden"> {
  if (bearerMatches(headers.get("authorization"), getEnv().metricsToken)) return "allowed";
  const user = await getCurrentUser();
  if (user === null) return "anonymous";
  return user.role === "admin" ? "allowed" : "forbidden";
}
