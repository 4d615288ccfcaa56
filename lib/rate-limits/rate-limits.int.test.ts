import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { createTestDatabase, testServerUrl, type TestDatabase } from "@/db/testing/test-database";
import { RateLimitedError } from "@/lib/domain-error";
import { captureLogOutput } from "@/lib/log";
import { RATE_LIMITS, type RateLimitConfig } from "./limits";
import { connectRateLimitRedis, createRateLimits, type RateLimits, type RateLimitStore } from "./rate-limits";

// The limits on a real store: what is refused and when, and that two instances count
// together. In the shop's database (on PostgreSQL two connection pools; on PGlite, one
// process per database, the same one) and, in the PostgreSQL pass, in Redis too (the store
// when REDIS_URL is set: two connections), under a prefix of its own.

let database: TestDatabase;
let otherHandle: DatabaseHandle | undefined;
const redisPrefix = `test:${randomUUID()}:`;
const redisClients: Redis[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.url) otherHandle = openDatabase({ url: database.url, poolMax: 2 });
});
afterAll(async () => {
  const [first] = redisClients;
  if (first) {
    const keys = await first.keys(`${redisPrefix}*`);
    if (keys.length > 0) await first.del(...keys);
  }
  for (const client of redisClients) client.disconnect();
  await otherHandle?.close();
  await database?.destroy();
});

/** A Redis connection as the shop makes one, connected before a test counts on it. */
async function redisConnection(url: string): Promise<Redis> {
  const client = connectRateLimitRedis(url);
  redisClients.push(client);
  if (client.status !== "ready") await once(client, "ready");
  return client;
}

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

/** Two instances' stores, and the keys a store holds. */
interface StoreUnderTest {
  name: string;
  store(): Promise<RateLimitStore>;
  otherStore(): Promise<RateLimitStore>;
  keys(): Promise<string[]>;
}

const DATABASE_STORE: StoreUnderTest = {
  name: testServerUrl() ? "postgres" : "pglite",
  store: async () => ({ db: database.db }),
  otherStore: async () => ({ db: otherHandle?.db ?? database.db }),
  keys: async () => (await database.db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key),
};

const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let redisStores: Promise<[RateLimitStore, RateLimitStore]> | undefined;
const REDIS_STORE: StoreUnderTest = {
  name: "redis",
  async store() {
    redisStores ??= Promise.all([redisConnection(REDIS_TEST_URL), redisConnection(REDIS_TEST_URL)]).then(
      ([one, two]) => [
        { redis: one, keyPrefix: redisPrefix },
        { redis: two, keyPrefix: redisPrefix },
      ],
    );
    return (await redisStores)[0];
  },
  otherStore: async () => {
    await REDIS_STORE.store();
    return (await redisStores!)[1];
  },
  async keys() {
    const [{ redis }] = (await redisStores!) as [{ redis: Redis }, unknown];
    return (await redis.keys(`${redisPrefix}*`)).map((key) => key.slice(redisPrefix.length));
  },
};
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

// Redis is tested in the PostgreSQL pass (the pass that uses the machine's services).
const stores = testServerUrl() ? [DATABASE_STORE, REDIS_STORE] : [DATABASE_STORE];

describe.each(stores)("rate limits ($name)", (storeUnderTest) => {
  const limits = async (): Promise<RateLimits> => createRateLimits(await storeUnderTest.store(), SMALL);
  const otherInstance = async (): Promise<RateLimits> => createRateLimits(await storeUnderTest.otherStore(), SMALL);

  it("allows sign-ups up to the address's limit, then refuses with a wait; other addresses are not touched", async () => {
    const shop = await limits();
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
    const first = await limits();
    const second = await otherInstance();
    await first.paymentCheck("198.51.100.7");
    await second.paymentCheck("198.51.100.7");
    expect(await outcome(first.paymentCheck("198.51.100.7"))).toBeInstanceOf(RateLimitedError);
    expect(await outcome(second.paymentCheck("198.51.100.7"))).toBeInstanceOf(RateLimitedError);
  });

  it("lets exactly the limit through when twenty requests from two instances arrive at once", async () => {
    const instances = await Promise.all([limits(), otherInstance()]);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => outcome(instances[index % 2]!.signUp("198.51.100.30"))),
    );
    expect(results.filter((result) => result === "allowed")).toHaveLength(SMALL.signUpsPerAddress.points);
  });

  it("counts an IPv6 client by its /64, so rotating addresses inside it does not reset the count", async () => {
    const shop = await limits();
    await shop.signUp("2001:db8:1:2::10");
    await shop.signUp("2001:db8:1:2:aaaa::99");
    expect(await outcome(shop.signUp("2001:db8:1:2:ffff:ffff:ffff:ffff"))).toBeInstanceOf(RateLimitedError);
    expect(await outcome(shop.signUp("2001:db8:1:3::10"))).toBe("allowed");
  });

  it("limits payment starts per cart, per order and per address, and says which", async () => {
    const shop = await limits();
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
    const shop = await limits();
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
    const second = await outcome((await otherInstance()).signIn.check(account, "203.0.113.21"));
    expect((second as RateLimitedError).retryAfterSeconds).toBeGreaterThan(25);
    expect((second as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it("forgets an account's failures when it signs in, so a mistyped password now and then never locks it", async () => {
    const shop = await limits();
    const account = "forgetful@example.in";
    await shop.signIn.failed(account, "203.0.113.30");
    await shop.signIn.failed(account, "203.0.113.30");
    await shop.signIn.succeeded(account);
    await shop.signIn.failed(account, "203.0.113.30");
    await shop.signIn.failed(account, "203.0.113.30");
    expect(await outcome(shop.signIn.check(account, "203.0.113.30"))).toBe("allowed");
  });

  it("refuses an address whose failed sign-ins across accounts pass its limit, for the block's length", async () => {
    const shop = await limits();
    const address = "203.0.113.40";
    for (let account = 1; account <= 6; account++) await shop.signIn.failed(`sprayed-${account}@example.in`, address);
    const refused = await outcome(shop.signIn.check("someone-new@example.in", address));
    expect((refused as RateLimitedError).message).toBe(
      "Too many failed sign-ins from your network. Try again in 2 minutes.",
    );
    expect(await outcome(shop.signIn.check("someone-new@example.in", "203.0.113.41"))).toBe("allowed");
  });

  it("counts the gateway routes' unverifiable posts per address and refuses the address past its limit", async () => {
    const shop = await limits();
    const address = "198.51.100.80";
    for (let post = 1; post <= 3; post++) {
      expect(await shop.gateway.wait(address)).toBeNull();
      await shop.gateway.failed(address);
    }
    expect(await shop.gateway.wait(address)).toBeNull();
    await shop.gateway.failed(address);
    const wait = await (await otherInstance()).gateway.wait(address);
    expect(wait).toBeGreaterThan(100);
    expect(wait).toBeLessThanOrEqual(120);
    expect(await shop.gateway.wait("198.51.100.81")).toBeNull();
  });

  it("stores digests, never the emails or addresses it counts", async () => {
    await (await limits()).signIn.failed("private.person@example.in", "203.0.113.77");
    const keys = await storeUnderTest.keys();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^[a-z-]+:[A-Za-z0-9_-]{32}$/);
      expect(key).not.toContain("private.person");
      expect(key).not.toContain("203.0.113");
    }
  });
});

describe("rate limits whose Redis does not answer", () => {
  /** Counts `requests` sign-ups through a Redis connection made as the shop makes it; what each got and the lines logged. */
  async function signUpsThrough(url: string, requests: number) {
    const lines: string[] = [];
    const restore = captureLogOutput((line) => lines.push(line));
    const redis = connectRateLimitRedis(url);
    const outcomes: Array<RateLimitedError | "allowed"> = [];
    const started = performance.now();
    try {
      // As the shop's first limits do: wait a moment for the connection, then count.
      await Promise.race([once(redis, "ready").catch(() => undefined), sleep(1_000)]);
      const shop = createRateLimits({ redis, keyPrefix: redisPrefix }, SMALL);
      for (let request = 0; request < requests; request++) outcomes.push(await outcome(shop.signUp("203.0.113.90")));
    } finally {
      redis.disconnect();
      restore();
    }
    return { outcomes, lines, seconds: (performance.now() - started) / 1000 };
  }
  const requests = SMALL.signUpsPerAddress.points + 2;

  it("let requests through when nothing listens, logging the outage once and each request let through", async () => {
    // Nothing listens on port 1: every count fails at once (no offline queue).
    const { outcomes, lines } = await signUpsThrough("redis://127.0.0.1:1", requests);
    expect(outcomes.every((each) => each === "allowed")).toBe(true);
    expect(lines.filter((line) => line.includes("rate limit store failed: request let through"))).toHaveLength(
      requests,
    );
    expect(lines.filter((line) => line.includes("rate limit store (Redis) unreachable"))).toHaveLength(1);
  });

  it("let requests through within half a second each when Redis is connected but silent", async () => {
    // A hung Redis: it answers what a connection asks before it is ready (ioredis's HELLO,
    // refused so it stays on RESP2, its CLIENT SETINFO and the INFO of its ready check), then
    // nothing more.
    const silent = createServer((socket) => {
      socket.on("data", (data) => {
        for (const [, command] of data.toString().matchAll(/\*\d+\r\n\$\d+\r\n([A-Za-z]+)\r\n/g)) {
          const name = command!.toUpperCase();
          if (name === "HELLO") socket.write("-ERR unknown command 'HELLO'\r\n");
          else if (name === "CLIENT") socket.write("+OK\r\n");
          else if (name === "INFO") socket.write("$9\r\nloading:0\r\n");
        }
      });
    });
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    try {
      const { port } = silent.address() as AddressInfo;
      const { outcomes, lines, seconds } = await signUpsThrough(`redis://127.0.0.1:${port}`, requests);
      expect(outcomes.every((each) => each === "allowed")).toBe(true);
      expect(lines.filter((line) => line.includes("rate limit store failed: request let through"))).toHaveLength(
        requests,
      );
      expect(seconds).toBeLessThan(requests * 0.5 + 1.5);
    } finally {
      silent.close();
    }
  });
});
