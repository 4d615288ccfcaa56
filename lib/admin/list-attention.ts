import { asc, desc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Queryable } from "@/db";
import { attentionItems, users, type AttentionItem } from "@/db/schema";
import { ATTENTION_KINDS, countOpenAttention, type AttentionKind } from "@/lib/attention/open-attention";
import { assertAdmin } from "@/lib/auth/authorize";
import type { SessionUser } from "@/lib/auth/session";

/** At most this many open items are shown (oldest first: they have waited longest); the count says if there are more. */
const OPEN_LIMIT = 100;
const RESOLVED_LIMIT = 20;

export type AdminAttentionItem = Pick<
  AttentionItem,
  "id" | "kind" | "orderId" | "reason" | "openedAt" | "resolvedAt" | "resolutionNote"
> & {
  /** What the kind means, for people. */
  title: string;
  resolvedByEmail: string | null;
};

export interface AdminAttentionList {
  open: AdminAttentionItem[];
  /** Every open item, beyond those shown. */
  openTotal: number;
  /** The most recently resolved, newest first. */
  resolved: AdminAttentionItem[];
}

function isAttentionKind(kind: string): kind is AttentionKind {
  return Object.hasOwn(ATTENTION_KINDS, kind);
}

const columns = {
  id: attentionItems.id,
  kind: attentionItems.kind,
  orderId: attentionItems.orderId,
  reason: attentionItems.reason,
  openedAt: attentionItems.openedAt,
  resolvedAt: attentionItems.resolvedAt,
  resolutionNote: attentionItems.resolutionNote,
  resolvedByEmail: users.email,
};

type AttentionRow = Omit<AdminAttentionItem, "title">;

function titled(row: AttentionRow): AdminAttentionItem {
  return { ...row, title: isAttentionKind(row.kind) ? ATTENTION_KINDS[row.kind] : row.kind };
}

/** The oldest open items (they have waited longest), at most `limit`; for pages that have checked the caller. */
export async function listOpenAttention(db: Queryable, limit: number): Promise<AdminAttentionItem[]> {
  const open = await db
    .select(columns)
    .from(attentionItems)
    .leftJoin(users, eq(users.id, attentionItems.resolvedBy))
    .where(isNull(attentionItems.resolvedAt))
    .orderBy(asc(attentionItems.openedAt), asc(attentionItems.id))
    .limit(limit);
  return open.map(titled);
}

/** The needs-attention page: what is open, then what was resolved lately, by whom and how. */
export async function listAttentionForAdmin(db: Queryable, actor: SessionUser | null): Promise<AdminAttentionList> {
  assertAdmin(actor);
  const [open, openTotal, resolved] = await Promise.all([
    listOpenAttention(db, OPEN_LIMIT),
    countOpenAttention(db),
    db
      .select(columns)
      .from(attentionItems)
      .leftJoin(users, eq(users.id, attentionItems.resolvedBy))
      .where(isNotNull(attentionItems.resolvedAt))
      .orderBy(desc(attentionItems.resolvedAt), desc(attentionItems.id))
      .limit(RESOLVED_LIMIT),
  ]);
  return { open, openTotal, resolved: resolved.map(titled) };
}
