import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db";
import { attentionItems, users, type AttentionItem } from "@/db/schema";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/domain-error";
import { formatShopDateTime } from "@/lib/shop-time";

export const resolveAttentionSchema = z.object({
  id: z.uuid("Unknown item."),
  note: z.string().trim().min(3, "Say briefly what you did about it.").max(500, "Keep the note under 500 characters."),
});

export class AttentionError extends DomainError<"item_not_found" | "already_resolved"> {
  override name = "AttentionError";
}

/**
 * Takes an item off the needs-attention list, with a note of what the admin did. A
 * conditional update, so two admins resolving at once make one resolution and the other
 * is told who was first. The item stays on the list's resolved part, with the note.
 */
export async function resolveAttentionItem(
  db: Database,
  actor: SessionUser | null,
  input: { id: string; note: string },
): Promise<AttentionItem> {
  assertAdmin(actor);
  const { id, note } = resolveAttentionSchema.parse(input);
  const [resolved] = await db
    .update(attentionItems)
    .set({ resolvedAt: sql`now()`, resolvedBy: actor.id, resolutionNote: note })
    .where(and(eq(attentionItems.id, id), isNull(attentionItems.resolvedAt)))
    .returning();
  if (resolved !== undefined) return resolved;

  const [existing] = await db
    .select({ resolvedAt: attentionItems.resolvedAt, resolvedByEmail: users.email })
    .from(attentionItems)
    .leftJoin(users, eq(users.id, attentionItems.resolvedBy))
    .where(eq(attentionItems.id, id));
  if (existing?.resolvedAt == null) throw new AttentionError("item_not_found", "No such item on the list.");
  throw new AttentionError(
    "already_resolved",
    `Already resolved by ${existing.resolvedByEmail ?? "another admin"} on ${formatShopDateTime(existing.resolvedAt)}.`,
  );
}
