import { describe, expect, it } from "vitest";
import { delayAfterChecks, jittered } from "./backoff";

describe("delayAfterChecks", () => {
  it("walks the schedule and repeats its last step", () => {
    const schedule = [60, 120, 300];
    expect([0, 1, 2, 3, 10].map((done) => delayAfterChecks(schedule, done))).toEqual([60, 120, 300, 300, 300]);
  });

  it("refuses an empty schedule", () => {
    expect(() => delayAfterChecks([], 0)).toThrow(/at least one step/);
  });
});

describe("jittered", () => {
  it("stays within the spread around the interval", () => {
    expect(jittered(1000, 0.5, () => 0)).toBe(500);
    expect(jittered(1000, 0.5, () => 0.5)).toBe(1000);
    expect(jittered(1000, 0.5, () => 1)).toBe(1500);
  });
});
