import "server-only";
import { z } from "zod";
import type { Database } from "@/db";
import { createApiToken, listApiTokens, revokeApiToken, type ApiTokenSummary } from "@/lib/api/api-tokens";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";

// The admin page's API tokens (/admin/api-tokens): an admin makes tokens that act as
// themselves, and may revoke anyone's (a token leaked from a script someone else wrote).

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Say what the token is for (at least 2 characters).")
    .max(100, "Keep the name under 100 characters."),
});

export const revokeTokenSchema = z.object({ tokenId: z.uuid("Unknown token.") });

export async function listTokensForAdmin(db: Database, actor: SessionUser | null): Promise<ApiTokenSummary[]> {
  assertAdmin(actor);
  return listApiTokens(db);
}

/** A new token acting as the admin who makes it; the token is returned this once. */
export async function makeApiToken(
  db: Database,
  actor: SessionUser | null,
  input: z.infer<typeof createTokenSchema>,
): Promise<{ id: string; token: string }> {
  assertAdmin(actor);
  return createApiToken(db, { email: actor.email, name: input.name });
}

export async function revokeToken(
  db: Database,
  actor: SessionUser | null,
  input: z.infer<typeof revokeTokenSchema>,
): Promise<void> {
  assertAdmin(actor);
  await revokeApiToken(db, input.tokenId);
}
