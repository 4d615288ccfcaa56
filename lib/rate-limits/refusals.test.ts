import { describe, expect, it } from "vitest";
import { REFUSALS, waitText } from "./refusals";

describe("waitText", () => {
  it("says seconds under a minute, then whole minutes rounded up, then hours", () => {
    expect(waitText(0.2)).toBe("in 1 second");
    expect(waitText(1)).toBe("in 1 second");
    expect(waitText(41.3)).toBe("in 42 seconds");
    expect(waitText(60)).toBe("in a minute");
    expect(waitText(61)).toBe("in 2 minutes");
    expect(waitText(15 * 60)).toBe("in 15 minutes");
    expect(waitText(119 * 60)).toBe("in 119 minutes");
    expect(waitText(120 * 60)).toBe("in 2 hours");
    expect(waitText(150 * 60)).toBe("in 3 hours");
  });

  it("puts the wait in each refusal", () => {
    expect(REFUSALS.signInAccount(300)).toBe(
      "Too many failed sign-ins for this account: it is locked. Try again in 5 minutes.",
    );
    for (const refusal of Object.values(REFUSALS)) expect(refusal(90)).toMatch(/\. Try again in 2 minutes\.$/);
  });
});
