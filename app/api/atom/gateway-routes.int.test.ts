import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { orders, paymentAttempts, type Order, type PaymentAttempt } from "@/db/schema";
import { PROCESS_APP_URL, useProcessDatabase } from "@/db/testing/process-database";
import { testServerUrl } from "@/db/testing/test-database";
import { createOrder } from "@/lib/admin/testing/fixtures";
import { buildPaymentResult, encryptForMerchant } from "@/lib/atom/gateway-side";
import { samplePayment, testAtomConfig, type SamplePaymentOptions } from "@/lib/atom/testing/samples";
import { stampPeerAddress } from "@/lib/client-address";
import { RATE_LIMITS } from "@/lib/rate-limits/limits";
import { POST as callback } from "./callback/route";
import { POST as returnRoute } from "./return/route";

// The real route handlers on this process's own database: the gateway's genuine results
// go through whatever the sender's address has done, forgeries are limited per address,
// and a refused return never leads to an order's private link.

const gateway = testAtomConfig();
let db: Database;
let release: () => Promise<void>;

beforeAll(async () => {
  ({ db, release } = await useProcessDatabase());
});
afterAll(() => release?.());

/** A form post to a gateway route as it reaches the handler from a connection at `sender`. */
function post(route: "callback" | "return", sender: string, body: string): Request {
  const headers: Record<string, string | string[] | undefined> = {
    "content-type": "application/x-www-form-urlencoded",
  };
  stampPeerAddress(headers, sender);
  return new Request(`${PROCESS_APP_URL}/api/atom/${route}`, {
    method: "POST",
    headers: headers as Record<string, string>,
    body,
  });
}

const signed = async (options: SamplePaymentOptions) =>
  `encData=${await encryptForMerchant(gateway, buildPaymentResult(gateway, samplePayment(options)))}&merchId=${gateway.merchId}`;

let atomTxnId = 12_000_000_000_000;
/** A genuine success for an attempt, as the gateway would sign it. */
const successFor = (attempt: PaymentAttempt, extra: SamplePaymentOptions = {}) =>
  signed({ merchTxnId: attempt.merchTxnId, amountPaise: attempt.amount, atomTxnId: String(++atomTxnId), ...extra });

async function awaitingPayment(): Promise<{ order: Order; attempt: PaymentAttempt }> {
  const order = await createOrder(db, { status: "pending", atomTxnId: null });
  const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
  return { order, attempt: attempt! };
}

const orderStatus = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]?.status;
const FORGERY = `encData=${"AB".repeat(64)}&merchId=317157`;

describe(`the gateway routes under load from one address (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("refuse an address's forgeries past its limit with 429 and Retry-After, and still store the gateway's genuine callback from it", async () => {
    const sender = "198.51.100.200";
    const { points, blockSeconds } = RATE_LIMITS.gatewayFailuresPerAddress;
    // Every forgery up to the one that crosses the limit is read and refused as before.
    for (let forgery = 1; forgery <= points + 1; forgery++)
      expect((await callback(post("callback", sender, FORGERY))).status).toBe(400);
    const limited = await callback(post("callback", sender, FORGERY));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(blockSeconds! - 10);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(blockSeconds!);
    // The browser's return from that address is refused too, when it cannot be verified.
    expect((await returnRoute(post("return", sender, FORGERY))).status).toBe(429);

    // The gateway's genuine result from the same address is stored.
    const { order, attempt } = await awaitingPayment();
    expect((await callback(post("callback", sender, await successFor(attempt)))).status).toBe(200);
    expect(await orderStatus(order.id)).toBe("paid");

    // Another address is not touched by the first one's count.
    expect((await callback(post("callback", "198.51.100.201", FORGERY))).status).toBe(400);
  });

  it("send a genuine return to the order's private link", async () => {
    const { order, attempt } = await awaitingPayment();
    const answer = await returnRoute(post("return", "198.51.100.210", await successFor(attempt)));
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toMatch(new RegExp(`^${PROCESS_APP_URL}/orders/${order.id}\\?key=[\\w-]+$`));
  });

  it("send a signed but mismatched return, and an unverifiable one, to a page that names no order", async () => {
    const { order, attempt } = await awaitingPayment();
    const mismatched = await successFor(attempt, { amountPaise: attempt.amount + 100 });
    const answer = await returnRoute(post("return", "198.51.100.211", mismatched));
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`${PROCESS_APP_URL}/payment-problem`);
    expect(await orderStatus(order.id)).toBe("pending");

    const forged = await returnRoute(post("return", "198.51.100.211", FORGERY));
    expect(forged.headers.get("location")).toBe(`${PROCESS_APP_URL}/payment-problem`);
  });
});
