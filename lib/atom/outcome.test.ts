import { describe, expect, it } from "vitest";
import { isCancelledByShopper, paymentOutcomeFor } from "./outcome";

describe("paymentOutcomeFor", () => {
  it.each([
    ["OTS0000", "success"],
    ["OTS0002", "success"],
    ["OTS0551", "pending"],
    ["OTS0201", "pending"],
    ["OTS0301", "pending"],
    ["OTS0351", "pending"],
    ["OTS0001", "failed"],
    ["OTS0101", "failed"],
    ["OTS0401", "failed"],
    ["OTS0506", "failed"],
    ["OTS0600", "failed"],
    ["OTS0601", "failed"],
    ["OTS0641", "failed"],
    ["OTS0951", "failed"],
    ["OTS9999", "pending"],
    ["", "pending"],
  ] as const)("%s → %s", (code, outcome) => {
    expect(paymentOutcomeFor(code)).toBe(outcome);
  });
});

describe("isCancelledByShopper", () => {
  it("is the gateway's cancel code only, not a decline or a missing code", () => {
    expect(isCancelledByShopper("OTS0101")).toBe(true);
    for (const code of ["OTS0600", "OTS0001", "OTS0000", "", null, undefined])
      expect(isCancelledByShopper(code)).toBe(false);
  });
});
