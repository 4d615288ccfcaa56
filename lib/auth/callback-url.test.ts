import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPath, signUpPath } from "./callback-url";

describe("callback URLs", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/account/orders")).toBe("/account/orders");
    expect(safeCallbackPath("/checkout?step=pay")).toBe("/checkout?step=pay");
  });

  it("replaces anything that could leave the site", () => {
    for (const value of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "/\r\n//evil.example",
      "/.//evil.example",
      "/..//evil.example",
      "/a/..//evil.example",
      "/%2e//evil.example",
      "javascript:alert(1)",
      "",
      undefined,
      ["/a"],
    ]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });

  it("builds sign-in and sign-up links that come back", () => {
    expect(signInPath("/account/orders")).toBe("/sign-in?callbackUrl=%2Faccount%2Forders");
    expect(signUpPath("/checkout")).toBe("/sign-up?callbackUrl=%2Fcheckout");
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath("//evil.example")).toBe("/sign-in");
  });
});
