import { describe, expect, it, vi } from "vitest";
import { createReadinessCheck } from "./check-readiness";

describe("createReadinessCheck", () => {
  it("answers ok when the ping resolves, and unavailable when it rejects", async () => {
    await expect(createReadinessCheck({ ping: async () => 1, timeoutMs: 1_000, cacheMs: 0 })()).resolves.toBe("ok");
    const failing = createReadinessCheck({
      ping: () => Promise.reject(new Error("connection refused")),
      timeoutMs: 1_000,
      cacheMs: 0,
    });
    await expect(failing()).resolves.toBe("unavailable");
  });

  it("answers unavailable when the ping outlasts the timeout, and says so to drop the connection", async () => {
    const onTimeout = vi.fn();
    const check = createReadinessCheck({ ping: () => new Promise(() => {}), timeoutMs: 5, cacheMs: 0, onTimeout });
    await expect(check()).resolves.toBe("unavailable");
    expect(onTimeout).toHaveBeenCalledOnce();
  });

  it("shares one ping among probes meanwhile and reuses its answer until the cache period ends", async () => {
    let clock = 0;
    let release: () => void = () => {};
    const ping = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const check = createReadinessCheck({ ping, timeoutMs: 60_000, cacheMs: 1_000, now: () => clock });
    const flood = Array.from({ length: 50 }, () => check());
    release();
    expect(await Promise.all(flood)).toEqual(Array(50).fill("ok"));
    clock = 999;
    await check();
    expect(ping).toHaveBeenCalledOnce();
    clock = 1_000;
    const next = check();
    release();
    await next;
    expect(ping).toHaveBeenCalledTimes(2);
  });

  it("caches a failure too, so a flood of probes during an outage is not a flood of connections", async () => {
    let clock = 0;
    const ping = vi.fn(() => Promise.reject(new Error("down")));
    const check = createReadinessCheck({ ping, timeoutMs: 1_000, cacheMs: 1_000, now: () => clock });
    await check();
    clock = 500;
    await expect(check()).resolves.toBe("unavailable");
    expect(ping).toHaveBeenCalledOnce();
  });
});
