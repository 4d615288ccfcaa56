import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications, orders, paymentAttempts, refunds, type Order } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { addPaymentAttempt, createOrder, payingAttemptOf } from "@/lib/admin/testing/fixtures";
import { getEnv } from "@/lib/env";
import { recordPaymentEvent } from "@/lib/lifecycle/events";
import { transitionAttempt, transitionOrder } from "@/lib/lifecycle/transitions";
import { orderPath, receiptPath } from "@/lib/order-link";
import { applyRefundOutcome } from "@/lib/refunds/settle-refund";

// Every change a shopper hears of puts exactly one email to them in the outbox, in the
// transaction of the change, however often the change is recorded.

let database: TestDatabase;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

const shopperEmailsOf = (orderId: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.orderId, orderId), isNotNull(notifications.recipient)));

const orderLink = (orderId: string) => `${getEnv().appUrl}${orderPath(getEnv().authSecret, orderId)}`;

const failure = {
  statusCode: "OTS0600",
  message: "FAILED",
  atomTxnId: "",
  amount: 0,
  surcharge: 0,
  totalAmount: 0,
  subChannel: "NB",
  bankName: null,
};

/** An unpaid order whose attempt has its token, waiting for the shopper to pay. */
async function unpaidOrder(): Promise<Order> {
  const order = await createOrder(db(), { status: "pending", atomTxnId: null, totalPaise: 54_900 });
  await db()
    .update(orders)
    .set({
      deliveryName: "Asha Rao",
      deliveryLine1: "12 MG Road",
      deliveryCity: "Bengaluru",
      deliveryState: "Karnataka",
      deliveryPinCode: "560001",
    })
    .where(eq(orders.id, order.id));
  return order;
}

async function pay(order: Order) {
  const [attempt] = await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
  return db().transaction((tx) =>
    transitionOrder(tx, {
      id: order.id,
      from: "pending",
      to: "paid",
      set: { atomTxnId: String(Date.now()) + randomBytes(2).toString("hex"), surchargeAmount: 1_180 },
      event: { type: "order_paid", source: "callback", attemptId: attempt!.id, detail: { atomTxnId: "x" } },
    }),
  );
}

describe(`shopper emails (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("writes one confirmation to the shopper when the order is paid, with items, GST, surcharge, total, address and links", async () => {
    const order = await unpaidOrder();
    await pay(order);

    const emails = await shopperEmailsOf(order.id);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email).toMatchObject({ kind: "order_paid", recipient: order.email, status: "pending" });
    expect(email!.subject).toContain("is confirmed");
    const text = email!.body.split("\n");
    expect(text).toEqual(
      expect.arrayContaining([
        "Fixture Tea × 1 at ₹549.00: ₹549.00",
        // 54 900 × 5 / 105 = 2 614.28… paise of GST.
        "of which GST at 5%: ₹26.14",
        "Convenience fee (payment gateway): ₹11.80",
        "Total paid: ₹560.80",
        "Asha Rao",
        "Bengaluru, Karnataka 560001",
        `View your order: ${orderLink(order.id)}`,
        `Receipt (tax invoice): ${getEnv().appUrl}${receiptPath(getEnv().authSecret, order.id)}`,
      ]),
    );
    expect(email!.html).toContain("Fixture Tea");
    expect(email!.html).toContain("₹560.80");
    // The admins hear nothing of an ordinary payment.
    const all = await db().select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(all).toHaveLength(1);
  });

  it("writes it once however often the payment is recorded (a retried job, a repair)", async () => {
    const order = await unpaidOrder();
    await pay(order);
    await db().transaction((tx) =>
      recordPaymentEvent(tx, { orderId: order.id, type: "order_paid", source: "system", detail: { atomTxnId: "x" } }),
    );
    expect(await shopperEmailsOf(order.id)).toHaveLength(1);
  });

  it("writes nothing when the transition's transaction rolls back", async () => {
    const order = await unpaidOrder();
    await expect(
      db().transaction(async (tx) => {
        await transitionOrder(tx, {
          id: order.id,
          from: "pending",
          to: "paid",
          event: { type: "order_paid", source: "callback", detail: { atomTxnId: "x" } },
        });
        expect(await tx.select().from(notifications).where(eq(notifications.orderId, order.id))).toHaveLength(1);
        throw new Error("the transaction fails after the transition");
      }),
    ).rejects.toThrow("fails after the transition");
    expect(await shopperEmailsOf(order.id)).toHaveLength(0);
    const [still] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(still?.status).toBe("pending");
  });

  it("offers a declined payment's order page to pay again, once per failure", async () => {
    const order = await unpaidOrder();
    const [attempt] = await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
    const fail = (atomTxnId: string) =>
      db().transaction((tx) =>
        transitionAttempt(tx, {
          id: attempt!.id,
          from: "token_generated",
          to: "payment_failed",
          event: { type: "payment_failed", source: "callback", detail: { ...failure, atomTxnId, amount: 54_900 } },
        }),
      );
    expect((await fail("9001")).changed).toBe(true);
    // The same failure arriving again moves nothing and records nothing more.
    expect((await fail("9001")).changed).toBe(false);
    await db().transaction((tx) =>
      recordPaymentEvent(tx, {
        orderId: order.id,
        attemptId: attempt!.id,
        type: "payment_failed",
        source: "requery",
        detail: { ...failure, atomTxnId: "9001", amount: 54_900 },
      }),
    );

    const emails = await shopperEmailsOf(order.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: "payment_failed", recipient: order.email });
    expect(emails[0]!.body).toContain(`Pay again: ${orderLink(order.id)}`);
    expect(emails[0]!.body).toContain("₹549.00");
  });

  it("says nothing of a payment the shopper cancelled on the gateway's page (not a decline)", async () => {
    const order = await unpaidOrder();
    const [attempt] = await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
    await db().transaction((tx) =>
      transitionAttempt(tx, {
        id: attempt!.id,
        from: "token_generated",
        to: "payment_failed",
        event: {
          type: "payment_failed",
          source: "callback",
          detail: { ...failure, statusCode: "OTS0101", message: "CANCELLED", atomTxnId: "9101", amount: 54_900 },
        },
      }),
    );
    expect(await shopperEmailsOf(order.id)).toHaveLength(0);
  });

  it("says nothing of a failed attempt on an order already paid, nor of an abandoned one", async () => {
    const paid = await createOrder(db(), { status: "paid" });
    await addPaymentAttempt(db(), paid, { outcome: "failed" });
    expect(await shopperEmailsOf(paid.id)).toHaveLength(0);

    const order = await unpaidOrder();
    const [attempt] = await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
    await db().transaction((tx) =>
      transitionAttempt(tx, {
        id: attempt!.id,
        from: "token_generated",
        to: "payment_failed",
        event: { type: "payment_abandoned", source: "requery", detail: { statusCode: "OTS0551", checks: 3 } },
      }),
    );
    expect(await shopperEmailsOf(order.id)).toHaveLength(0);
  });

  it("names the carrier and tracking number when the order ships, once", async () => {
    const order = await createOrder(db(), { status: "paid" });
    const ship = () =>
      db().transaction(async (tx) => {
        // As the admin's shipping form does: carrier and tracking first, then the transition.
        await tx
          .update(orders)
          .set({ shippingCarrier: "India Post", trackingNumber: "EE123456789IN" })
          .where(eq(orders.id, order.id));
        return transitionOrder(tx, {
          id: order.id,
          from: "paid",
          to: "shipped",
          event: { type: "order_shipped", source: "admin", detail: { from: "paid" } },
        });
      });
    expect((await ship()).changed).toBe(true);
    expect((await ship()).changed).toBe(false);

    const emails = await shopperEmailsOf(order.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: "order_shipped", recipient: order.email });
    expect(emails[0]!.body).toContain("Carrier: India Post\nTracking number: EE123456789IN");
  });

  it("tells the shopper of each completed refund, partial then full, once each", async () => {
    const order = await createOrder(db(), { status: "paid", totalPaise: 100_000 });
    const attempt = await payingAttemptOf(db(), order);
    const refundOf = async (amount: number) => {
      const [refund] = await db()
        .insert(refunds)
        .values({
          orderId: order.id,
          attemptId: attempt.id,
          refundAmount: amount,
          prodRefundId: `R${randomUUID().replace(/-/g, "").slice(0, 12)}`,
          status: "processing",
          reason: "test",
        })
        .returning();
      const complete = () =>
        applyRefundOutcome(
          db(),
          refund!.id,
          "processing",
          { kind: "completed", refundTxnId: `RT${randomUUID().slice(0, 8)}`, statusCode: "OTS0000", message: "ok" },
          { source: "system" },
        );
      await complete();
      await complete();
      return refund!;
    };

    await refundOf(30_000);
    let emails = await shopperEmailsOf(order.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: "refund_completed", recipient: order.email });
    expect(emails[0]!.subject).toBe(
      `Refund of ₹300.00 for your Lotus Bazaar order ${order.id.slice(0, 8).toUpperCase()}`,
    );
    expect(emails[0]!.body).toContain("partial refund");
    expect(emails[0]!.body).toContain("₹300.00 of ₹1,000.00 refunded so far");

    await refundOf(70_000);
    emails = await shopperEmailsOf(order.id);
    expect(emails).toHaveLength(2);
    const full = emails.find((email) => email.subject.startsWith("Refund of ₹700.00"));
    expect(full?.body).toContain("refunded in full: ₹1,000.00");
    const [refunded] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(refunded?.status).toBe("refunded");
  });
});
