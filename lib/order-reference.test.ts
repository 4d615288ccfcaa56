import { describe, expect, it } from "vitest";
import { orderReference } from "./order-reference";

describe("orderReference", () => {
  it("is the id's first eight characters, in capitals", () => {
    expect(orderReference("3f2a9c1b-0d4e-4f5a-8b6c-7d8e9f0a1b2c")).toBe("3F2A9C1B");
  });
});
