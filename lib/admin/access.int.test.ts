import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import { checkRefundStatus, requestRefund } from "@/lib/refunds";
import { startRefundGateway, type RefundGatewayStub } from "@/lib/refunds/testing/refund-gateway";
import { listAttentionForAdmin } from "./list-attention";
import { listNotificationsForAdmin, parseNotificationListFilters } from "./list-notifications";
import { getOrderForAdmin, listOrdersForAdmin } from "./orders";
import { parseOrderListFilters } from "./order-list-filters";
import { listRefundsForAdmin, parseRefundListFilters } from "./refunds";
import { markOrderReviewed } from "./review";
import { markOrderDelivered, markOrderShipped } from "./shipping";
import { createOrder, createUser, idempotencyKey, snapshotOrder, TEST_SHIPMENT } from "./testing/fixtures";

let database: TestDatabase;
let atom: RefundGatewayStub;
let customer: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  atom = await startRefundGateway("accept");
  customer = await createUser(database.db, "customer");
});
afterAll(async () => {
  await atom?.close();
  await database?.destroy();
});

type Action = (actor: SessionUser | null, orderId: string) => Promise<unknown>;

// Every admin service, as a signed-out visitor or a customer would call it through its action.
const actions: Record<string, Action> = {
  requestRefund: (actor, orderId) =>
    requestRefund(database.db, atom.client, actor, {
      orderId,
      amountPaise: 100,
      reason: "Not an admin",
      idempotencyKey: idempotencyKey(),
    }),
  checkRefundStatus: (actor) =>
    checkRefundStatus(
      { db: database.db, gateway: atom.client, jobs: { refundSyncSchedule: [60], refundHorizonSeconds: 3600 } },
      actor,
      { refundId: "00000000-0000-4000-8000-000000000000" },
    ),
  markOrderShipped: (actor, orderId) => markOrderShipped(database.db, actor, { orderId, ...TEST_SHIPMENT }),
  markOrderDelivered: (actor, orderId) => markOrderDelivered(database.db, actor, { orderId }),
  listOrdersForAdmin: (actor) => listOrdersForAdmin(database.db, actor, parseOrderListFilters({})),
  getOrderForAdmin: (actor, orderId) => getOrderForAdmin(database.db, actor, orderId),
  listRefundsForAdmin: (actor) => listRefundsForAdmin(database.db, actor, parseRefundListFilters({})),
  listAttentionForAdmin: (actor) => listAttentionForAdmin(database.db, actor),
  listNotificationsForAdmin: (actor) => listNotificationsForAdmin(database.db, actor, parseNotificationListFilters({})),
  markOrderReviewed: async (actor, orderId) => {
    await database.db.update(orders).set({ needsReview: true }).where(eq(orders.id, orderId));
    return markOrderReviewed(database.db, actor, { orderId, note: "Not an admin", seenEventId: 0 });
  },
};

describe(`admin services refuse anyone but an admin (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  for (const [name, action] of Object.entries(actions)) {
    for (const who of ["no session", "a customer"] as const) {
      it(`${name} with ${who}: refused, nothing changed`, async () => {
        const order = await createOrder(database.db, { status: name === "markOrderDelivered" ? "shipped" : "paid" });
        if (name === "markOrderReviewed")
          await database.db.update(orders).set({ needsReview: true }).where(eq(orders.id, order.id));
        const before = await snapshotOrder(database.db, order.id);
        const requestsBefore = atom.requests.length;

        await expect(action(who === "no session" ? null : customer, order.id)).rejects.toBeInstanceOf(
          AuthorizationError,
        );

        expect(await snapshotOrder(database.db, order.id)).toEqual(before);
        expect(atom.requests.length).toBe(requestsBefore);
      });
    }
  }
});
