import "server-only";
import { notFound } from "next/navigation";
import { requireSignedInUser } from "@/lib/auth/session";
import type { AdminUser } from "./access";

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
