import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRuns, paymentAttempts } from "@/db/schema";
import { testServerUrl } from "@/db/testing/test-database";
import { listNotificationsForAdmin, parseNotificationListFilters } from "@/lib/admin/list-notifications";
import { createOrder, createUser, snapshotOrder } from "@/lib/admin/testing/fixtures";
import { Secret } from "@/lib/atom";
import { CARD, payOnPage, startSandbox, type SandboxHarness } from "@/lib/atom-sandbox/testing/sandbox-harness";
import { openAttention } from "@/lib/attention/open-attention";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import type { JobContext } from "./job-context";
import { JOBS, listJobStatus } from "./run-jobs";
import { runJobsNow } from "./run-jobs-now";

// The admin's "Run all jobs now" against the embedded sandbox and a real SMTP server.

interface ReceivedMail {
  to: string[];
  text: string;
}

let sandbox: SandboxHarness;
let smtp: SMTPServer;
let smtpPort: number;
const mails: ReceivedMail[] = [];
let admin: SessionUser;
let customer: SessionUser;

beforeAll(async () => {
  sandbox = await startSandbox();
  admin = await createUser(sandbox.database.db, "admin");
  customer = await createUser(sandbox.database.db, "customer");
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          text: Buffer.concat(chunks).toString("utf8"),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(resolve));
  await sandbox?.close();
});

function context(): JobContext {
  return {
    db: sandbox.database.db,
    gateway: sandbox.client(),
    merchId: sandbox.atom.merchId,
    appUrl: "http://shop.test",
    jobs: {
      enabled: true,
      intervalMs: 5_000,
      requerySchedule: [60],
      paymentHorizonSeconds: 48 * 3600,
      abandonAfterSeconds: 15 * 60,
      refundSyncSchedule: [60],
      refundHorizonSeconds: 48 * 3600,
      consistencyCheckSeconds: 300,
    },
    mail: {
      smtpUrl: new Secret(`smtp://127.0.0.1:${smtpPort}`),
      from: "Lotus Bazaar <shop@test>",
      notifyEmails: ["ops@example.test"],
    },
  };
}

describe(`an admin runs every job now (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  for (const who of ["no session", "a customer"] as const) {
    it(`refuses ${who}: no job starts`, async () => {
      await expect(runJobsNow(context(), who === "no session" ? null : customer)).rejects.toBeInstanceOf(
        AuthorizationError,
      );
      expect(await sandbox.database.db.select().from(jobRuns)).toEqual([]);
    });
  }

  it("runs each job once, periodic ones included, and says what each did", async () => {
    const { db } = sandbox.database;
    // A payment the gateway took but whose callback never came, first due for its requery.
    const order = await createOrder(db, { status: "pending", atomTxnId: null, totalPaise: 32_000 });
    const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
    const token = await sandbox.client().auth({
      merchTxnId: attempt!.merchTxnId,
      merchTxnDate: attempt!.merchTxnDate,
      amountPaise: attempt!.amount,
      custEmail: order.email,
      custMobile: order.mobile,
    });
    await payOnPage(sandbox.url, token.atomTokenId, CARD.success);
    await db
      .update(paymentAttempts)
      .set({ createdAt: sql`now() - interval '2 minutes'` })
      .where(eq(paymentAttempts.id, attempt!.id));
    // Something for the admins to read.
    await db.transaction((tx) =>
      openAttention(tx, {
        kind: "over_refunded",
        subject: "run-jobs-now",
        reason: "Refunds exceed the payment (a test).",
      }),
    );

    const summaries = await runJobsNow(context(), admin);
    expect(summaries.map((summary) => summary.name)).toEqual(JOBS.map((job) => job.name));
    expect(summaries.every((summary) => summary.ran && summary.error === undefined)).toBe(true);
    expect(summaries.find((summary) => summary.name === "requery-payments")?.items).toBe(1);
    // The admins' notice, and the shopper's confirmation of the payment the requery found.
    expect(summaries.find((summary) => summary.name === "send-notifications")?.items).toBe(2);

    expect((await snapshotOrder(db, order.id)).order.status).toBe("paid");
    expect(mails).toHaveLength(2);
    const [toAdmins] = mails.filter((mail) => mail.to.includes(admin.email));
    expect(toAdmins?.to.sort()).toEqual([admin.email, "ops@example.test"].sort());
    expect(toAdmins?.text).toContain("Refunds exceed the payment (a test).");
    expect(mails.filter((mail) => mail.to.includes(order.email))).toHaveLength(1);

    const notifications = (await listNotificationsForAdmin(db, admin, parseNotificationListFilters({}))).rows;
    expect(notifications).toHaveLength(2);
    for (const notification of notifications)
      expect(notification).toMatchObject({ status: "sent", channel: "smtp", attempts: 1, lastError: null });

    const status = await listJobStatus(context());
    for (const job of status) {
      expect(job).toMatchObject({ runs: 1, lastError: null });
      expect(job.lastFinishedAt).toBeInstanceOf(Date);
    }
    expect(status.find((job) => job.name === "check-consistency")?.waiting).toBe(1);
  });
});
