import { spawn } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxRefunds } from "@/db/sandbox-schema";
import { notifications, orders } from "@/db/schema";
import { createUser, snapshotOrder } from "@/lib/admin/testing/fixtures";
import { Secret } from "@/lib/atom";
import { CARD, eventually } from "@/lib/atom-sandbox/testing/sandbox-harness";
import type { SessionUser } from "@/lib/auth/session";
import type { CrashPoint } from "@/lib/crash-point";
import { startSmtpCatcher, type SmtpCatcher } from "@/lib/notifications/testing/smtp-catcher";
import { checkConsistency } from "@/lib/reconciliation/check-consistency";
import { runJobsOnce } from "./run-jobs";
import { startShop, type ShopHarness } from "./testing/shop-harness";

// A real crash: a second shop process (tsx lib/jobs/testing/crash-child.ts) does the work
// and is killed at a crash point; this process, the restarted shop, must repair what it
// left behind. Two processes must share the database, so these run on PostgreSQL only: an
// in-memory PGlite belongs to the process that opened it (CI runs them on PostgreSQL).

const onPostgres = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);

let shop: ShopHarness;
let smtp: SmtpCatcher;
let admin: SessionUser & { role: "admin" };

beforeAll(async () => {
  if (!onPostgres) return;
  [shop, smtp] = await Promise.all([startShop(), startSmtpCatcher()]);
  admin = { ...(await createUser(shop.sandbox.database.db, "admin")), role: "admin" };
});
afterAll(async () => {
  await smtp?.close();
  await shop?.close();
});

const messageIdOf = (notificationId: string) => `<notification-${notificationId}@lotus-bazaar>`;

/** Runs the child shop process until it dies; resolves with the signal that ended it. */
function runChild(crashPoint: CrashPoint, action: Record<string, unknown>): Promise<NodeJS.Signals | null> {
  const child = spawn(
    process.execPath,
    ["--import", "./scripts/without-server-only.mjs", "--import", "tsx", "lib/jobs/testing/crash-child.ts"],
    {
      env: {
        ...process.env,
        SHOP_CRASH_POINT: crashPoint,
        CRASH_CHILD: JSON.stringify({
          databaseUrl: shop.sandbox.database.url,
          sandboxUrl: shop.sandbox.url,
          smtpUrl: smtp.url,
          action,
        }),
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`the child shop failed (${code}): ${stderr}`));
      else resolve(signal);
    });
  });
}

describe.skipIf(!onPostgres)("a shop process killed mid-way (postgres)", () => {
  it("dies after the gateway made a refund and before it was stored; the restarted shop completes it, refunded once", async () => {
    const { order, attempt } = await shop.placeOrder();
    await shop.pay(attempt, CARD.success);
    await eventually(
      async () => ((await shop.order(order.id)).status === "paid" ? true : undefined),
      10_000,
      "payment",
    );

    const signal = await runChild("refund:after-gateway", {
      kind: "refund",
      orderId: order.id,
      amountPaise: order.totalAmount,
      admin,
    });

    expect(signal).toBe("SIGKILL");
    const [left] = (await snapshotOrder(shop.sandbox.database.db, order.id)).refunds;
    expect(left).toMatchObject({ status: "processing", refundTxnId: null });
    const atGateway = await shop.sandbox.database.db
      .select()
      .from(sandboxRefunds)
      .where(eq(sandboxRefunds.prodRefundId, left!.prodRefundId));
    expect(atGateway).toHaveLength(1);

    const settled = await eventually(
      async () => {
        await runJobsOnce(shop.context());
        const [refund] = (await snapshotOrder(shop.sandbox.database.db, order.id)).refunds;
        return refund?.status === "completed" ? refund : undefined;
      },
      15_000,
      "the restarted shop to settle the refund",
    );
    expect(settled.refundTxnId).toBe(String(atGateway[0]!.refundTxnId));
    expect(settled.sendCount).toBe(1);
    expect(
      await shop.sandbox.database.db
        .select()
        .from(sandboxRefunds)
        .where(eq(sandboxRefunds.prodRefundId, left!.prodRefundId)),
    ).toHaveLength(1);
    expect((await shop.order(order.id)).status).toBe("refunded");
  });

  it("dies after claiming a notification and before sending it; the restarted shop sends it once", async () => {
    const { order } = await shop.placeOrder();
    await shop.sandbox.database.db.update(orders).set({ status: "paid" }).where(eq(orders.id, order.id));
    // (A paid order with no atomTxnId and no completed payment: the check puts it on the list, which notifies.)
    await checkConsistency(shop.context());
    const [queued] = await shop.sandbox.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.orderId, order.id));
    expect(queued).toMatchObject({ kind: "attention:paid_without_transaction", status: "pending" });

    expect(await runChild("notification:before-send", { kind: "jobs" })).toBe("SIGKILL");
    const [claimed] = await shop.sandbox.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, queued!.id));
    expect(claimed).toMatchObject({ status: "pending", attempts: 1 });
    expect(smtp.mails.filter((mail) => mail.messageId === messageIdOf(queued!.id))).toHaveLength(0);

    // The dead process's lease runs out (here: at once), and the restarted shop sends it.
    await shop.sandbox.database.db
      .update(notifications)
      .set({ nextAttemptAt: new Date() })
      .where(eq(notifications.id, queued!.id));
    const smtpContext = shop.context({
      mail: { smtpUrl: new Secret(smtp.url), from: "Lotus Bazaar <alerts@shop.test>", notifyEmails: [] },
    });
    await runJobsOnce(smtpContext);
    await runJobsOnce(smtpContext);

    expect(smtp.mails.filter((mail) => mail.messageId === messageIdOf(queued!.id))).toHaveLength(1);
  });
});
