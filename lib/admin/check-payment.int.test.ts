import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { paymentAttempts, type PaymentAttempt } from "@/db/schema";
import { testServerUrl } from "@/db/testing/test-database";
import { CARD, payOnPage, startSandbox, type SandboxHarness } from "@/lib/atom-sandbox/testing/sandbox-harness";
import { AuthorizationError, type SessionUser } from "@/lib/auth/session";
import type { RequeryContext } from "@/lib/payments/requery-payment";
import { CheckPaymentError, checkPaymentWithGateway } from "./check-payment";
import { createOrder, createUser, snapshotOrder } from "./testing/fixtures";

// The admin's "Check with the gateway" against the embedded sandbox over real HTTP: the
// shop's order and attempt are in the sandbox's database, the sandbox knows the payment
// only from AUTH and the payment page, and its callbacks go elsewhere, so the shop learns
// of a payment only by asking.

let sandbox: SandboxHarness;
let admin: SessionUser;
let customer: SessionUser;

beforeAll(async () => {
  sandbox = await startSandbox();
  admin = await createUser(sandbox.database.db, "admin");
  customer = await createUser(sandbox.database.db, "customer");
});
afterEach(() => sandbox.control.reset());
afterAll(() => sandbox?.close());

function context(jobs: Partial<RequeryContext["jobs"]> = {}): RequeryContext {
  return {
    db: sandbox.database.db,
    gateway: sandbox.client(),
    merchId: sandbox.atom.merchId,
    jobs: { requerySchedule: [60, 120], paymentHorizonSeconds: 48 * 3600, abandonAfterSeconds: 15 * 60, ...jobs },
  };
}

/** A pending order whose one attempt got its token from the sandbox; `pay` pays it on the payment page. */
async function orderAtGateway(pay?: Record<string, string>): Promise<PaymentAttempt> {
  const order = await createOrder(sandbox.database.db, { status: "pending", atomTxnId: null, totalPaise: 45_000 });
  const [attempt] = await sandbox.database.db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.orderId, order.id))
    .orderBy(asc(paymentAttempts.createdAt));
  const token = await sandbox.client().auth({
    merchTxnId: attempt!.merchTxnId,
    merchTxnDate: attempt!.merchTxnDate,
    amountPaise: attempt!.amount,
    custEmail: order.email,
    custMobile: order.mobile,
    udf: { udf1: order.id },
  });
  if (pay !== undefined) expect((await payOnPage(sandbox.url, token.atomTokenId, pay)).status).toBe(200);
  return attempt!;
}

async function attemptRow(id: string): Promise<PaymentAttempt> {
  const [row] = await sandbox.database.db.select().from(paymentAttempts).where(eq(paymentAttempts.id, id));
  return row!;
}

describe(`an admin checks a payment with the gateway (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("paid at the gateway: the order becomes paid, and asking again changes nothing", async () => {
    const attempt = await orderAtGateway(CARD.success);
    const check = await checkPaymentWithGateway(context(), admin, { attemptId: attempt.id });
    expect(check).toEqual({
      orderId: attempt.orderId,
      result: "success",
      message: "The gateway reports it paid; the order is paid.",
    });
    const after = await snapshotOrder(sandbox.database.db, attempt.orderId);
    expect(after.order).toMatchObject({ status: "paid", merchTxnId: attempt.merchTxnId });
    expect(after.order.atomTxnId).toMatch(/^\d+$/);
    expect(after.attempts[0]).toMatchObject({ status: "completed", lastCheckResult: "success" });
    // An admin's check does not use up the requery's backing-off schedule.
    expect(after.attempts[0]?.checkCount).toBe(0);
    expect(after.events.filter((event) => event.type === "payment_succeeded")).toMatchObject([{ source: "requery" }]);

    const again = await checkPaymentWithGateway(context(), admin, { attemptId: attempt.id });
    expect(again.message).toBe("The gateway reports it paid; the order is paid.");
    const twice = await snapshotOrder(sandbox.database.db, attempt.orderId);
    expect(twice.events).toEqual(after.events);
    expect(twice.order).toEqual(after.order);
  });

  it("declined at the gateway: the attempt fails and the order can be paid again", async () => {
    const attempt = await orderAtGateway(CARD.declined);
    const check = await checkPaymentWithGateway(context(), admin, { attemptId: attempt.id });
    expect(check).toMatchObject({
      result: "failed",
      message: "The gateway reports the payment failed; no money was taken.",
    });
    expect(await attemptRow(attempt.id)).toMatchObject({ status: "payment_failed", lastCheckResult: "failed" });
    expect((await snapshotOrder(sandbox.database.db, attempt.orderId)).order.status).toBe("pending");
  });

  it("never paid: says so; past the grace period the attempt is closed as abandoned", async () => {
    const attempt = await orderAtGateway();
    const young = await checkPaymentWithGateway(context(), admin, { attemptId: attempt.id });
    expect(young).toMatchObject({
      result: "no_data",
      message:
        "The gateway has no payment for it (yet): the shopper has not paid. Left so, it is closed as abandoned 15 minutes after it started.",
    });
    expect(await attemptRow(attempt.id)).toMatchObject({ status: "token_generated", lastCheckResult: "no_data" });

    const old = await checkPaymentWithGateway(context({ abandonAfterSeconds: 0 }), admin, { attemptId: attempt.id });
    expect(old.message).toBe(
      "The gateway has no payment for it: the attempt is closed, and the order can be paid again.",
    );
    const after = await snapshotOrder(sandbox.database.db, attempt.orderId);
    expect(after.attempts[0]).toMatchObject({ status: "payment_failed", statusCode: "NODATA", checkCount: 0 });
    expect(after.events.map((event) => event.type)).toContain("payment_abandoned");
    expect(after.order.status).toBe("pending");
  });

  it("the gateway down: says it could not be asked, and changes nothing but the check's record", async () => {
    const attempt = await orderAtGateway(CARD.success);
    await sandbox.control.set({ api: { status: { fail5xx: true } } });
    const check = await checkPaymentWithGateway(context(), admin, { attemptId: attempt.id });
    expect(check).toMatchObject({
      result: "unavailable",
      message: "The gateway could not be asked just now. Try again in a few minutes.",
    });
    expect(await attemptRow(attempt.id)).toMatchObject({ status: "token_generated", lastCheckResult: "unavailable" });
    expect((await snapshotOrder(sandbox.database.db, attempt.orderId)).order.status).toBe("pending");
  });

  it("an unknown attempt is refused without asking the gateway", async () => {
    await expect(
      checkPaymentWithGateway(context(), admin, { attemptId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toBeInstanceOf(CheckPaymentError);
    await expect(checkPaymentWithGateway(context(), admin, { attemptId: "not-an-id" })).rejects.toThrow(
      /Unknown payment attempt/,
    );
  });

  for (const who of ["no session", "a customer"] as const) {
    it(`refuses ${who}: the gateway is not asked, nothing changes`, async () => {
      const attempt = await orderAtGateway(CARD.success);
      const before = await snapshotOrder(sandbox.database.db, attempt.orderId);
      await expect(
        checkPaymentWithGateway(context(), who === "no session" ? null : customer, { attemptId: attempt.id }),
      ).rejects.toBeInstanceOf(AuthorizationError);
      // An asked gateway would have completed the attempt and bumped its check count.
      expect(await snapshotOrder(sandbox.database.db, attempt.orderId)).toEqual(before);
      expect(before.attempts[0]).toMatchObject({ status: "token_generated", checkCount: 0, lastCheckedAt: null });
    });
  }
});
