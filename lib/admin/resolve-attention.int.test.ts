import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attentionItems, notifications } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { ATTENTION_KINDS, countOpenAttention, openAttention } from "@/lib/attention/open-attention";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { listAttentionForAdmin } from "./list-attention";
import { AttentionError, resolveAttentionItem } from "./resolve-attention";
import { createOrder, createUser } from "./testing/fixtures";

let database: TestDatabase;
let admin: SessionUser;
let otherAdmin: SessionUser;
let customer: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUser(database.db, "admin");
  otherAdmin = await createUser(database.db, "admin");
  customer = await createUser(database.db, "customer");
});
afterAll(async () => {
  await database?.destroy();
});

/** An open "order not expired" item about a fresh order, as the consistency check opens it. */
async function openItem(): Promise<{ id: string; orderId: string }> {
  const order = await createOrder(database.db, { status: "pending", atomTxnId: null });
  await database.db.transaction((tx) =>
    openAttention(tx, { kind: "order_not_expired", subject: order.id, orderId: order.id, reason: "Still unpaid." }),
  );
  const [item] = await database.db.select().from(attentionItems).where(eq(attentionItems.orderId, order.id));
  return { id: item!.id, orderId: order.id };
}

async function itemRow(id: string) {
  const [row] = await database.db.select().from(attentionItems).where(eq(attentionItems.id, id));
  return row!;
}

describe(`an admin resolves a needs-attention item (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("with a note, once, and it moves to the resolved part of the list", async () => {
    const { id, orderId } = await openItem();
    const [notice] = await database.db.select().from(notifications).where(eq(notifications.orderId, orderId));
    expect(notice?.subject).toContain(ATTENTION_KINDS.order_not_expired);
    const openBefore = await countOpenAttention(database.db);
    expect((await listAttentionForAdmin(database.db, admin)).open.map((item) => item.id)).toContain(id);

    const resolved = await resolveAttentionItem(database.db, admin, { id, note: "  Shopper paid by bank transfer  " });
    expect(resolved).toMatchObject({ id, resolvedBy: admin.id, resolutionNote: "Shopper paid by bank transfer" });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    expect(await countOpenAttention(database.db)).toBe(openBefore - 1);

    const list = await listAttentionForAdmin(database.db, admin);
    expect(list.open.map((item) => item.id)).not.toContain(id);
    expect(list.resolved[0]).toMatchObject({
      id,
      orderId,
      title: ATTENTION_KINDS.order_not_expired,
      resolvedByEmail: admin.email,
      resolutionNote: "Shopper paid by bank transfer",
    });
  });

  it("two admins at once: one resolution, the other is told who was first", async () => {
    const { id } = await openItem();
    const outcomes = await Promise.allSettled([
      resolveAttentionItem(database.db, admin, { id, note: "First look" }),
      resolveAttentionItem(database.db, otherAdmin, { id, note: "Second look" }),
    ]);
    const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const rejected = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const winner = fulfilled[0]!.value;
    const error = rejected[0]!.reason as AttentionError;
    expect(error).toBeInstanceOf(AttentionError);
    expect(error.code).toBe("already_resolved");
    expect(error.message).toContain(winner.resolvedBy === admin.id ? admin.email : otherAdmin.email);
    expect(await itemRow(id)).toMatchObject({ resolvedBy: winner.resolvedBy, resolutionNote: winner.resolutionNote });
  });

  it("refuses an item already resolved, an unknown one and a missing note, changing nothing", async () => {
    const { id } = await openItem();
    await expect(
      resolveAttentionItem(database.db, admin, { id: "00000000-0000-4000-8000-000000000000", note: "Looked" }),
    ).rejects.toMatchObject({ code: "item_not_found" });
    await expect(resolveAttentionItem(database.db, admin, { id, note: " x " })).rejects.toThrow(/what you did/);
    await expect(resolveAttentionItem(database.db, admin, { id, note: "y".repeat(501) })).rejects.toThrow(/under 500/);
    expect((await itemRow(id)).resolvedAt).toBeNull();

    await resolveAttentionItem(database.db, admin, { id, note: "Refunded at the gateway" });
    const resolved = await itemRow(id);
    await expect(resolveAttentionItem(database.db, otherAdmin, { id, note: "Again" })).rejects.toMatchObject({
      code: "already_resolved",
    });
    expect(await itemRow(id)).toEqual(resolved);
  });

  it("the same problem found again after it was resolved is not put back on the list: the admin has decided", async () => {
    const { id, orderId } = await openItem();
    await resolveAttentionItem(database.db, admin, { id, note: "Looked into it" });
    const reopened = await database.db.transaction((tx) =>
      openAttention(tx, { kind: "order_not_expired", subject: orderId, orderId, reason: "Still unpaid." }),
    );
    expect(reopened).toBe(false);
    const listed = await listAttentionForAdmin(database.db, admin);
    expect(listed.open.filter((item) => item.orderId === orderId)).toEqual([]);
    expect(listed.resolved.filter((item) => item.orderId === orderId).map((item) => item.id)).toEqual([id]);
  });

  for (const who of ["no session", "a customer"] as const) {
    it(`refuses ${who}, changing nothing`, async () => {
      const { id } = await openItem();
      const before = await itemRow(id);
      const actor = who === "no session" ? null : customer;
      await expect(resolveAttentionItem(database.db, actor, { id, note: "Not an admin" })).rejects.toBeInstanceOf(
        AuthorizationError,
      );
      expect(await itemRow(id)).toEqual(before);
    });
  }
});
