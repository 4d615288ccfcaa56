import { describe, expect, it } from "vitest";
import { phoneLink } from "./phone-link";

describe("phoneLink", () => {
  it("keeps the digits and a leading plus only", () => {
    expect(phoneLink("+91 80 0000 0000")).toBe("tel:+918000000000");
    expect(phoneLink(" +91 (22) 4000-1234 ")).toBe("tel:+912240001234");
    expect(phoneLink("080 4000 1234")).toBe("tel:08040001234");
  });
});
