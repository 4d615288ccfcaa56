import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { apiTokens, users } from "@/db/schema";
import { findSessionUser } from "@/lib/auth/accounts";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/domain-error";

// API tokens for machines calling the admin API: `lbk_` and 43 characters of base64url (256
// random bits). Only the token's SHA-256 digest is stored; the token is shown once, when made.
// A token acts as its user, so it works only while that user is an admin and it is not revoked.

const PREFIX = "lbk_";
const TOKEN_SHAPE = /^lbk_[A-Za-z0-9_-]{43}$/;
/** last_used_at is written at most this often per token, so a busy script does not write on every call. */
const LAST_USED_EVERY_SECONDS = 60;

export type ApiTokenErrorCode = "user_not_found" | "user_not_admin" | "token_not_found";

export class ApiTokenError extends DomainError<ApiTokenErrorCode> {
  override name = "ApiTokenError";
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The digest stored for a token (and looked up by): SHA-256, hex. */
export function apiTokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Makes a token for an admin; the token itself is returned once and never stored. */
export async function createApiToken(
  db: Database,
  input: { email: string; name: string },
): Promise<{ id: string; token: string }> {
  const [user] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.email, input.email.trim().toLowerCase()));
  if (user === undefined) throw new ApiTokenError("user_not_found", `No account has the email ${input.email}.`);
  if (user.role !== "admin")
    throw new ApiTokenError("user_not_admin", `${input.email} is not an admin: API tokens act as an admin.`);
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: user.id, name: input.name.trim(), tokenDigest: apiTokenDigest(token) })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/** Revokes a token at once (kept, with when it was revoked). Revoking twice keeps the first time. */
export async function revokeApiToken(db: Database, id: string): Promise<void> {
  const [row] = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, id));
  if (row === undefined) throw new ApiTokenError("token_not_found", `No API token has the id ${id}.`);
  await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
}

/** Every token, newest first, with its user's email (never the token: it is not stored). */
export async function listApiTokens(db: Database): Promise<ApiTokenSummary[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      email: users.email,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.createdAt));
}

/**
 * The user a presented token acts as, read afresh (a demoted user's token acts as a
 * customer), or null for a token that is malformed, unknown or revoked. The lookup is by the
 * digest's unique index: a digest of 256 random bits gives nothing away by its timing.
 */
export async function findApiTokenUser(db: Database, token: string): Promise<SessionUser | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenDigest, apiTokenDigest(token)), isNull(apiTokens.revokedAt)));
  if (row === undefined) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, sql`now() - make_interval(secs => ${LAST_USED_EVERY_SECONDS})`),
        ),
      ),
    );
  return findSessionUser(db, row.userId);
}
