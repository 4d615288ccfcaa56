import { describe, expect, it } from "vitest";
import { CHECKOUT_FIELDS } from "@/lib/checkout/checkout-fields";
import { checkoutContactSchema, checkoutDetailsSchema, indianMobileSchema } from "./contact";

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

  it("reads the whole checkout form, contact and address, and nothing else", () => {
    const form = {
      email: "asha@example.in",
      mobile: "98765 43210",
      name: "Asha Rao",
      line1: "12, 4th Cross",
      line2: "",
      city: "Bengaluru",
      state: "Karnataka",
      pinCode: "560003",
    };
    expect(Object.keys(form)).toEqual([...CHECKOUT_FIELDS]);
    expect(checkoutDetailsSchema.parse({ ...form, extra: "ignored" })).toEqual({
      ...form,
      mobile: "9876543210",
      line2: null,
    });
    const refused = checkoutDetailsSchema.safeParse({ ...form, mobile: "12345", pinCode: "060003" });
    expect(refused.error?.issues.map((issue) => issue.path[0])).toEqual(["mobile", "pinCode"]);
  });
});
