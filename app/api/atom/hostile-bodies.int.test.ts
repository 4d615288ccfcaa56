import { asc, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { orders, paymentAttempts, paymentEvents, type PaymentAttempt } from "@/db/schema";
import { PROCESS_APP_URL, useProcessDatabase } from "@/db/testing/process-database";
import { testServerUrl } from "@/db/testing/test-database";
import { createOrder, payingAttemptOf } from "@/lib/admin/testing/fixtures";
import { buildPaymentResult, encryptForMerchant, withSignature } from "@/lib/atom/gateway-side";
import { samplePayment, testAtomConfig } from "@/lib/atom/testing/samples";
import { PEER_HEADER, stampPeerAddress } from "@/lib/client-address";
import { POST as callback } from "./callback/route";
import { POST as returnRoute } from "./return/route";

// Thousands of hostile bodies at the real callback and return route handlers: garbage,
// forms, random ciphertext, encrypted junk, forged signatures on real attempts, bit-flipped
// copies of genuine results, replays, lying headers, oversized bodies, from many addresses
// and from none. Every answer is a 2xx, 3xx or 4xx, and no order, payment attempt or
// payment event changes.

const RUNS = 3_000;
const gateway = testAtomConfig();
let db: Database;
let release: () => Promise<void>;
let pending: PaymentAttempt[];
/** Genuine bodies that change nothing even when they verify: a replayed success, a failure for no attempt of ours. */
let genuine: string[];

const form = (encData: string) => `encData=${encData}&merchId=${gateway.merchId}`;

beforeAll(async () => {
  ({ db, release } = await useProcessDatabase());
  pending = [];
  for (let index = 0; index < 3; index++) {
    const order = await createOrder(db, { status: "pending", atomTxnId: null });
    const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
    pending.push(attempt!);
  }
  const paid = await createOrder(db, { status: "paid" });
  const paying = await payingAttemptOf(db, paid);
  // The paid order's own result, as the gateway sent it once already.
  const replay = buildPaymentResult(
    gateway,
    samplePayment({ merchTxnId: paying.merchTxnId, amountPaise: paying.amount, atomTxnId: paying.atomTxnId! }),
  );
  const strangerFailure = buildPaymentResult(
    gateway,
    samplePayment({ merchTxnId: "LBNEVERISSUED", statusCode: "OTS0600", message: "FAILED" }),
  );
  genuine = [form(await encryptForMerchant(gateway, replay)), form(await encryptForMerchant(gateway, strangerFailure))];
}, 120_000);
afterAll(() => release?.());

/** Every row the routes could change, in a stable order. */
async function paymentRows(): Promise<string> {
  return JSON.stringify({
    orders: await db.select().from(orders).orderBy(asc(orders.id)),
    attempts: await db.select().from(paymentAttempts).orderBy(asc(paymentAttempts.id)),
    events: await db.select().from(paymentEvents).orderBy(asc(paymentEvents.id)),
  });
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex").toUpperCase();
const HEX_DIGITS = "0123456789ABCDEF";

/** A genuine body changed at one place, so that it can no longer be the same message. */
const mutatedGenuine = fc
  .record({
    base: fc.nat(),
    at: fc.nat(),
    how: fc.constantFrom("flip", "truncate", "insert", "double", "drop-encdata"),
    digit: fc.integer({ min: 1, max: 15 }),
  })
  .map(({ base, at, how, digit }) => {
    const body = genuine[base % genuine.length]!;
    const encData = new URLSearchParams(body).get("encData")!;
    const index = at % encData.length;
    switch (how) {
      case "flip": {
        // Another hex value at one position (never the same value in another letter case).
        const value = (HEX_DIGITS.indexOf(encData[index]!.toUpperCase()) + digit) % 16;
        return form(`${encData.slice(0, index)}${HEX_DIGITS[value]}${encData.slice(index + 1)}`);
      }
      case "truncate":
        return form(encData.slice(0, index));
      case "insert":
        return form(`${encData.slice(0, index)}${HEX_DIGITS[digit]}${encData.slice(index)}`);
      case "double":
        return form(`${encData}${encData}`);
      case "drop-encdata":
        return `merchId=${gateway.merchId}&encdata=${encData}`;
    }
  });

/** A well-formed result for one of the pending attempts, encrypted with the right key, under a forged signature. */
const forgedForRealAttempt = fc
  .record({
    which: fc.nat(),
    amountPaise: fc.oneof(fc.integer({ min: -1_000, max: 10_000_000 }), fc.constant(0)),
    signature: fc.uint8Array({ minLength: 0, maxLength: 64 }),
    status: fc.constantFrom("OTS0000", "OTS0600", "OTS0551", "OTS9999"),
  })
  .map(({ which, amountPaise, signature, status }) => {
    const attempt = pending[which % pending.length]!;
    const result = buildPaymentResult(
      gateway,
      samplePayment({ merchTxnId: attempt.merchTxnId, amountPaise: Math.abs(amountPaise) || 1, statusCode: status }),
    );
    return { payInstrument: withSignature(result.payInstrument, hex(signature).toLowerCase()) };
  });

type Hostile = { text: string } | { encrypt: unknown };

const hostileBody: fc.Arbitrary<Hostile> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }).map((text) => ({ text })),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 80 })).map((fields) => ({
    text: new URLSearchParams(fields).toString(),
  })),
  fc.uint8Array({ maxLength: 600 }).map((bytes) => ({ text: form(hex(bytes)) })),
  // Whole cipher blocks: these reach the decryption's padding check.
  fc
    .integer({ min: 1, max: 40 })
    .chain((blocks) =>
      fc.uint8Array({ minLength: blocks * 16, maxLength: blocks * 16 }).map((bytes) => ({ text: form(hex(bytes)) })),
    ),
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ encrypt: value })),
  forgedForRealAttempt.map((payload) => ({ encrypt: payload })),
  mutatedGenuine.map((text) => ({ text })),
  fc.nat().map((index) => ({ text: genuine[index % genuine.length]! })),
  fc
    .constantFrom(`encData=${"A".repeat(300_000)}`, "encData=", "encData=%ZZ", "=&=&&", "encData=ab&encData=cd")
    .map((text) => ({ text })),
);

const request = fc.record({
  route: fc.constantFrom("callback" as const, "return" as const),
  body: hostileBody,
  contentType: fc.constantFrom(
    "application/x-www-form-urlencoded",
    "application/json",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded; charset=utf-16",
    undefined,
  ),
  lyingLength: fc.boolean(),
  sender: fc.oneof(
    { weight: 6, arbitrary: fc.ipV4() },
    { weight: 2, arbitrary: fc.constantFrom("203.0.113.1", "203.0.113.2", "2001:db8::7") },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
});

describe(`hostile bodies at the gateway routes (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it(`answers ${RUNS} of them without a 5xx and changes no order, attempt or event`, async () => {
    const before = await paymentRows();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, body, contentType, lyingLength, sender }) => {
        const text = "text" in body ? body.text : form(await encryptForMerchant(gateway, body.encrypt));
        const headers: Record<string, string | string[] | undefined> = {};
        if (contentType) headers["content-type"] = contentType;
        if (lyingLength) headers["content-length"] = "999999999";
        if (sender === undefined) headers[PEER_HEADER] = "forged 127.0.0.1";
        else stampPeerAddress(headers, sender);
        const answer = await (route === "callback" ? callback : returnRoute)(
          new Request(`${PROCESS_APP_URL}/api/atom/${route}`, {
            method: "POST",
            headers: headers as Record<string, string>,
            body: text,
          }),
        );
        await answer.body?.cancel();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status).toBeLessThan(500);
        expect(route === "callback" ? [200, 400, 429] : [303, 429]).toContain(answer.status);
      }),
      { numRuns: RUNS },
    );
    expect(await paymentRows()).toBe(before);
    // The full path (a refusal read through) and the limited one were both exercised.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 10);
    expect(statuses.get(303) ?? 0).toBeGreaterThan(RUNS / 10);
    expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
  }, 600_000);
});
