import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notifications, orders } from "@/db/schema";
import { testServerUrl } from "@/db/testing/test-database";
import { createOrder, createUser } from "@/lib/admin/testing/fixtures";
import { Secret } from "@/lib/atom";
import { CARD, eventually } from "@/lib/atom-sandbox/testing/sandbox-harness";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { transitionOrder } from "@/lib/lifecycle/transitions";
import { startShop, type ShopHarness } from "@/lib/jobs/testing/shop-harness";
import { checkConsistency } from "@/lib/reconciliation/check-consistency";
import { mailTransportFor } from "./mail-transport";
import { sendDueNotifications } from "./send-notifications";
import { startSmtpCatcher, type SmtpCatcher } from "./testing/smtp-catcher";

// Admin notifications end to end: written with their cause, sent by the job runner to a
// real SMTP server, once.

let shop: ShopHarness;
let smtp: SmtpCatcher;
let adminEmail: string;

beforeAll(async () => {
  [shop, smtp] = await Promise.all([startShop(), startSmtpCatcher()]);
  adminEmail = (await createUser(shop.sandbox.database.db, "admin")).email;
});
afterAll(async () => {
  await smtp?.close();
  await shop?.close();
});
beforeEach(async () => {
  smtp.mails.length = 0;
  smtp.refuse = false;
  // Each test starts with an empty outbox (what earlier tests queued is marked sent).
  await shop.sandbox.database.db
    .update(notifications)
    .set({ status: "sent" })
    .where(eq(notifications.status, "pending"));
});

const db = () => shop.sandbox.database.db;
const mail = {
  smtpUrl: undefined as Secret | undefined,
  from: "Lotus Bazaar <alerts@shop.test>",
  notifyEmails: ["ops@shop.test"],
};
const smtpContext = () => shop.context({ mail: { ...mail, smtpUrl: new Secret(smtp.url) } });
const sendContext = () => ({
  db: db(),
  transport: mailTransportFor({ ...mail, smtpUrl: new Secret(smtp.url) }),
  appUrl: "http://shop.test",
  notifyEmails: mail.notifyEmails,
});

describe(`notifications over SMTP (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("sends a tampered result's one notification to every admin and NOTIFY_EMAILS, however often the result arrives", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.sandbox.control.set({
      scope: { merchTxnId: attempt.merchTxnId },
      callback: { duplicates: 3, tamperAmountPaise: 1 },
    });
    await shop.pay(attempt, CARD.success);
    await eventually(
      async () => {
        const deliveries = await shop.sandbox.control.deliveries({ merchTxnId: attempt.merchTxnId });
        return deliveries.length === 3 && deliveries.every((delivery) => delivery.status !== "scheduled")
          ? true
          : undefined;
      },
      10_000,
      "the tampered callbacks",
    );

    await runJobsOnce(smtpContext());
    await runJobsOnce(smtpContext());

    // The admins' notice (the shopper's confirmation of the payment goes to the shopper alone).
    const mine = smtp.mails.filter(
      (caught) => caught.raw.replace(/=\r?\n/g, "").includes(order.id) && caught.to.includes(adminEmail),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ from: "alerts@shop.test", subject: expect.stringContaining("does not match") });
    expect(mine[0]!.to).toEqual(expect.arrayContaining([adminEmail, "ops@shop.test"]));
    const [row] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.orderId, order.id), isNull(notifications.recipient)));
    expect(row).toMatchObject({ kind: "result_mismatch", status: "sent", channel: "smtp" });
    expect(mine[0]!.messageId).toBe(`<notification-${row!.id}@lotus-bazaar>`);
  });

  it("sends an automatic repair's notification once, and a second check finds nothing more to say", async () => {
    const order = await createOrder(db(), { status: "paid" });
    await db().update(orders).set({ atomTxnId: null }).where(eq(orders.id, order.id));

    const report = await checkConsistency(shop.context());
    expect(report).toMatchObject({ repaired: 1 });
    expect((await checkConsistency(shop.context())).found).toBe(0);
    await sendDueNotifications(sendContext());

    const mine = smtp.mails.filter((caught) => caught.raw.replace(/=\r?\n/g, "").includes(order.id));
    expect(mine.map((caught) => caught.subject)).toEqual([expect.stringContaining("repaired automatically")]);
    const [repaired] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(repaired?.atomTxnId).toBe(order.atomTxnId);
  });

  it("keeps a notification the SMTP server refused, and sends it on a later try", async () => {
    const order = await createOrder(db(), { status: "paid" });
    await db().update(orders).set({ atomTxnId: null }).where(eq(orders.id, order.id));
    await checkConsistency(shop.context());
    smtp.refuse = true;

    await sendDueNotifications(sendContext());
    const [refused] = await db().select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(refused).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("550") });
    // The server's answer quoted the refused address; what is kept of it does not.
    expect(refused!.lastError).toContain("<address>");
    expect(refused!.lastError).not.toMatch(/@/);
    expect(smtp.mails).toHaveLength(0);

    // Its retry comes due (here: at once), and the server accepts.
    smtp.refuse = false;
    await db().update(notifications).set({ nextAttemptAt: new Date() }).where(eq(notifications.id, refused!.id));
    await sendDueNotifications(sendContext());
    expect(smtp.mails.filter((caught) => caught.raw.replace(/=\r?\n/g, "").includes(order.id))).toHaveLength(1);
    const [sent] = await db().select().from(notifications).where(eq(notifications.id, refused!.id));
    expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("sends a shopper's email to the shopper alone, as text and HTML, once", async () => {
    const order = await createOrder(db(), { status: "paid" });
    await db().transaction((tx) =>
      transitionOrder(tx, {
        id: order.id,
        from: "paid",
        to: "shipped",
        event: { type: "order_shipped", source: "admin", detail: { from: "paid" } },
      }),
    );

    await sendDueNotifications(sendContext());
    await sendDueNotifications(sendContext());

    const mine = smtp.mails.filter((caught) => caught.subject.includes(order.id.slice(0, 8).toUpperCase()));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.to).toEqual([order.email]);
    expect(mine[0]!.subject).toContain("has shipped");
    const raw = mine[0]!.raw.replace(/=\r?\n/g, "");
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    // The admins' links (the admin order page, the outbox) stay out of a shopper's email.
    expect(raw).not.toContain("/admin/");
    const [row] = await db().select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(row).toMatchObject({ kind: "order_shipped", recipient: order.email, status: "sent", channel: "smtp" });
  });

  it("keeps notifications in the outbox, marked as such, when no SMTP server is configured", async () => {
    const order = await createOrder(db(), { status: "paid" });
    await db().update(orders).set({ atomTxnId: null }).where(eq(orders.id, order.id));
    await checkConsistency(shop.context());

    await runJobsOnce(shop.context());

    expect(smtp.mails).toHaveLength(0);
    const [row] = await db().select().from(notifications).where(eq(notifications.orderId, order.id));
    expect(row).toMatchObject({ status: "sent", channel: "outbox" });
  });
});
