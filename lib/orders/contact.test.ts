import { describe, expect, it } from "vitest";
import { checkoutContactSchema, indianMobileSchema } from "./contact";

describe("checkout contact", () => {
  it("normalises Indian mobile numbers", () => {
    expect(indianMobileSchema.parse("98765 43210")).toBe("9876543210");
    expect(indianMobileSchema.parse("+91 98765-43210")).toBe("9876543210");
    expect(indianMobileSchema.parse("09876543210")).toBe("9876543210");
  });

  it("refuses numbers that are not Indian mobiles", () => {
    for (const bad of ["12345", "5876543210", "98765432101", "abcdefghij", "+1 415 555 0100"]) {
      expect(indianMobileSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("lower-cases and checks the email", () => {
    expect(checkoutContactSchema.parse({ email: " Asha@Example.IN ", mobile: "9876543210" })).toEqual({
      email: "asha@example.in",
      mobile: "9876543210",
    });
    expect(checkoutContactSchema.safeParse({ email: "not-an-email", mobile: "9876543210" }).success).toBe(false);
  });
});
