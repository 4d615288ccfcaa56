import { describe, expect, it } from "vitest";
import { Secret } from "@/lib/atom";
import { bearerMatches } from "./bearer-token";

describe("bearerMatches", () => {
  const token = new Secret("a-metrics-token-of-enough-length");

  it("accepts exactly the configured token", () => {
    expect(bearerMatches("Bearer a-metrics-token-of-enough-length", token)).toBe(true);
    expect(bearerMatches("bearer  a-metrics-token-of-enough-length ", token)).toBe(true);
  });

  it("refuses another token, another scheme, no header, and any header when no token is configured", () => {
    expect(bearerMatches("Bearer a-metrics-token-of-enough-lengtH", token)).toBe(false);
    expect(bearerMatches("Bearer a-metrics-token-of-enough-length-and-more", token)).toBe(false);
    expect(bearerMatches("Bearer ", token)).toBe(false);
    expect(bearerMatches("Basic a-metrics-token-of-enough-length", token)).toBe(false);
    expect(bearerMatches("a-metrics-token-of-enough-length", token)).toBe(false);
    expect(bearerMatches(null, token)).toBe(false);
    expect(bearerMatches("Bearer a-metrics-token-of-enough-length", undefined)).toBe(false);
  });
});
