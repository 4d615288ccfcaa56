import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { RateLimitedError } from "@/lib/domain-error";
import { RATE_LIMITS, type RateLimitConfig } from "./limits";
import { createRateLimits, type RateLimits } from "./rate-limits";

// The limits on a real database: what is refused and when, and that two instances (on
// PostgreSQL, two connection pools) count together.

let database: TestDatabase;
// Another instance: its own pool on PostgreSQL; on PGlite (one process per database) the same one.
let otherHandle: DatabaseHandle | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.url) otherHandle = openDatabase({ url: database.url, poolMax: 2 });
});
afterAll(async () => {
  await otherHandle?.close();
  await database?.destroy();
});

/** Small numbers, so a test reaches each limit in a few calls and sees windows end. */
const SMALL: RateLimitConfig = {
  ...RATE_LIMITS,
  signInFailuresPerAccount: { points: 3, durationSeconds: 60 },
  signInLockoutSeconds: [1, 30, 120],
  signInFailuresPerAddress: { points: 5, durationSeconds: 60, blockSeconds: 90 },
  signUpsPerAddress: { points: 2, durationSeconds: 60 },
  paymentStartsPerAddress: { points: 4, durationSeconds: 60 },
  paymentStartsPerCart: { points: 2, durationSeconds: 60 },
  paymentStartsPerOrder: { points: 2, durationSeconds: 1 },
  paymentChecksPerAddress: { points: 2, durationSeconds: 60 },
  gatewayFailuresPerAddress: { points: 3, durationSeconds: 60, blockSeconds: 120 },
};

const limits = (): RateLimits => createRateLimits(database.db, SMALL);
const otherInstance = (): RateLimits => createRateLimits(otherHandle?.db ?? database.db, SMALL);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a call was refused with, or "allowed". */
async function outcome(call: Promise<void>): Promise<RateLimitedError | "allowed"> {
  try {
    await call;
    return "allowed";
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

describe(`rate limits (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("allows sign-ups up to the address's limit, then refuses with a wait; other addresses are not touched", async () => {
    const shop = limits();
    expect(await outcome(shop.signUp("203.0.113.1"))).toBe("allowed");
    expect(await outcome(shop.signUp("203.0.113.1"))).toBe("allowed");
    const refused = await outcome(shop.signUp("203.0.113.1"));
    expect(refused).toBeInstanceOf(RateLimitedError);
    if (refused === "allowed") return;
    expect(refused.message).toBe("Too many sign-ups from your network. Try again in a minute.");
    expect(refused.retryAfterSeconds).toBeGreaterThan(50);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await outcome(shop.signUp("203.0.113.2"))).toBe("allowed");
  });

  it("counts once for every instance: what one counted, another refuses", async () => {
    const first = limits();
    const second = otherInstance();
    await first.paymentCheck("198.51.100.7");
    await second.paymentCheck("198.51.100.7");
    expect(await outcome(first.paymentCheck("198.51.100.7"))).toBeInstanceOf(RateLimitedError);
    expect(await outcome(second.paymentCheck("198.51.100.7"))).toBeInstanceOf(RateLimitedError);
  });

  it("lets exactly the limit through when twenty requests from two instances arrive at once", async () => {
    const instances = [limits(), otherInstance()];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => outcome(instances[index % 2]!.signUp("198.51.100.30"))),
    );
    expect(results.filter((result) => result === "allowed")).toHaveLength(SMALL.signUpsPerAddress.points);
  });

  it("counts an IPv6 client by its /64, so rotating addresses inside it does not reset the count", async () => {
    const shop = limits();
    await shop.signUp("2001:db8:1:2::10");
    await shop.signUp("2001:db8:1:2:aaaa::99");
    expect(await outcome(shop.signUp("2001:db8:1:2:ffff:ffff:ffff:ffff"))).toBeInstanceOf(RateLimitedError);
    expect(await outcome(shop.signUp("2001:db8:1:3::10"))).toBe("allowed");
  });

  it("limits payment starts per cart, per order and per address, and says which", async () => {
    const shop = limits();
    const address = "192.0.2.50";
    await shop.paymentStart({ address, cartId: "cart-1" });
    await shop.paymentStart({ address, cartId: "cart-1" });
    const cart = await outcome(shop.paymentStart({ address, cartId: "cart-1" }));
    expect(cart).toBeInstanceOf(RateLimitedError);
    expect((cart as RateLimitedError).message).toMatch(/^Too many payments started for this cart\. Try again in /);

    // The address's fourth and last start goes to an order; its fifth is refused whatever it is for.
    expect(await outcome(shop.paymentStart({ address, orderId: "order-1" }))).toBe("allowed");
    const fromAddress = await outcome(shop.paymentStart({ address, cartId: "cart-2" }));
    expect((fromAddress as RateLimitedError).message).toMatch(/^Too many payments started from your network\./);

    // An order's window ends (1 s here), and it may be paid again.
    const elsewhere = "192.0.2.51";
    await shop.paymentStart({ address: elsewhere, orderId: "order-2" });
    await shop.paymentStart({ address: elsewhere, orderId: "order-2" });
    expect(
      ((await outcome(shop.paymentStart({ address: elsewhere, orderId: "order-2" }))) as RateLimitedError).message,
    ).toMatch(/^Too many payments started for this order\. Try again in 1 second\.$/);
    await sleep(1_100);
    expect(await outcome(shop.paymentStart({ address: elsewhere, orderId: "order-2" }))).toBe("allowed");
  });

  it("locks an account after its failures, refusing even the right password, each lockout longer", async () => {
    const shop = limits();
    const account = "Lockout@Example.in";
    for (let failure = 1; failure <= 3; failure++) {
      expect(await outcome(shop.signIn.check(account, "203.0.113.20"))).toBe("allowed");
      await shop.signIn.failed(account, "203.0.113.20");
    }
    // Locked for the first step (1 s), from every address and in any letter case.
    const first = await outcome(shop.signIn.check("lockout@example.in", "203.0.113.99"));
    expect(first).toBeInstanceOf(RateLimitedError);
    expect((first as RateLimitedError).message).toBe(
      "Too many failed sign-ins for this account: it is locked. Try again in 1 second.",
    );
    await sleep(1_100);
    expect(await outcome(shop.signIn.check(account, "203.0.113.20"))).toBe("allowed");

    // The second lockout lasts the second step (30 s).
    for (let failure = 1; failure <= 3; failure++) await shop.signIn.failed(account, "203.0.113.21");
    const second = await outcome(otherInstance().signIn.check(account, "203.0.113.21"));
    expect((second as RateLimitedError).retryAfterSeconds).toBeGreaterThan(25);
    expect((second as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it("forgets an account's failures when it signs in, so a mistyped password now and then never locks it", async () => {
    const shop = limits();
    const account = "forgetful@example.in";
    await shop.signIn.failed(account, "203.0.113.30");
    await shop.signIn.failed(account, "203.0.113.30");
    await shop.signIn.succeeded(account);
    await shop.signIn.failed(account, "203.0.113.30");
    await shop.signIn.failed(account, "203.0.113.30");
    expect(await outcome(shop.signIn.check(account, "203.0.113.30"))).toBe("allowed");
  });

  it("refuses an address whose failed sign-ins across accounts pass its limit, for the block's length", async () => {
    const shop = limits();
    const address = "203.0.113.40";
    for (let account = 1; account <= 6; account++) await shop.signIn.failed(`sprayed-${account}@example.in`, address);
    const refused = await outcome(shop.signIn.check("someone-new@example.in", address));
    expect((refused as RateLimitedError).message).toBe(
      "Too many failed sign-ins from your network. Try again in 2 minutes.",
    );
    expect(await outcome(shop.signIn.check("someone-new@example.in", "203.0.113.41"))).toBe("allowed");
  });

  it("counts the gateway routes' unverifiable posts per address and refuses the address past its limit", async () => {
    const shop = limits();
    const address = "198.51.100.80";
    for (let post = 1; post <= 3; post++) {
      expect(await shop.gateway.wait(address)).toBeNull();
      await shop.gateway.failed(address);
    }
    expect(await shop.gateway.wait(address)).toBeNull();
    await shop.gateway.failed(address);
    const wait = await otherInstance().gateway.wait(address);
    expect(wait).toBeGreaterThan(100);
    expect(wait).toBeLessThanOrEqual(120);
    expect(await shop.gateway.wait("198.51.100.81")).toBeNull();
  });

  it("stores digests, never the emails or addresses it counts", async () => {
    await limits().signIn.failed("private.person@example.in", "203.0.113.77");
    const keys = (await database.db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^[a-z-]+:[A-Za-z0-9_-]{32}$/);
      expect(key).not.toContain("private.person");
      expect(key).not.toContain("203.0.113");
    }
  });
});
