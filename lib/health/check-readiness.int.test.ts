import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-database";
import { openPostgresPing } from "@/db/ping-database";
import { createReadinessCheck } from "./check-readiness";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.destroy();
});

describe("the readiness check on the database", () => {
  it("answers ok when the database answers", async () => {
    const check = createReadinessCheck({ ping: () => test.db.execute(sql`select 1`), timeoutMs: 5_000, cacheMs: 0 });
    expect(await check()).toBe("ok");
  });

  it("on PostgreSQL, answers ok over its own connection while every pooled connection is held", async ({ skip }) => {
    if (test.url === undefined) skip("PGlite is one engine in this process: there is no pool to wait for");
    const url = test.url!;
    // The app's pool, one connection, held by a transaction that waits: a `select 1` through
    // the pool (what /api/health ran before) would wait as long.
    const app: DatabaseHandle = openDatabase({ url, poolMax: 1 });
    let finish: () => void = () => {};
    const held = new Promise<void>((resolve) => (finish = resolve));
    let holding: () => void = () => {};
    const entered = new Promise<void>((resolve) => (holding = resolve));
    const transaction = app.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      holding();
      await held;
    });
    await entered;
    let poolAnswered = false;
    const throughPool = app.db.execute(sql`select 1`).then(() => (poolAnswered = true));
    const readiness = openPostgresPing(url, 5_000);
    try {
      const check = createReadinessCheck({ ping: readiness.ping, timeoutMs: 5_000, cacheMs: 0 });
      expect(await check()).toBe("ok");
      expect(poolAnswered).toBe(false);
    } finally {
      finish();
      await transaction;
      await throughPool;
      await readiness.close();
      await app.close();
    }
  });

  it("on PostgreSQL, answers unavailable when the server cannot be reached, and recovers after a reset", async ({
    skip,
  }) => {
    if (test.url === undefined) skip("PGlite has no server to lose");
    // Nothing listens on port 1.
    const unreachable = openPostgresPing("postgres://postgres@127.0.0.1:1/none", 1_000);
    try {
      const check = createReadinessCheck({ ping: unreachable.ping, timeoutMs: 1_000, cacheMs: 0 });
      expect(await check()).toBe("unavailable");
    } finally {
      await unreachable.close().catch(() => {});
    }
    const reachable = openPostgresPing(test.url!, 1_000);
    try {
      reachable.reset();
      const check = createReadinessCheck({ ping: reachable.ping, timeoutMs: 5_000, cacheMs: 0 });
      expect(await check()).toBe("ok");
    } finally {
      await reachable.close();
    }
  });
});
