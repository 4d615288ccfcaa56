import { describe, expect, it } from "vitest";
import { deliveryAddressOf, deliveryAddressSchema, deliveryColumns, pinCodeSchema } from "./delivery-address";
import { INDIAN_STATES, INDIAN_STATES_AND_TERRITORIES, INDIAN_UNION_TERRITORIES } from "./indian-states";

const valid = {
  name: "  Asha   Rao ",
  line1: "12, 4th Cross, Malleswaram",
  line2: "",
  city: "Bengaluru",
  state: "Karnataka",
  pinCode: "560 003",
};

const issueOf = (input: Record<string, string>) => {
  const parsed = deliveryAddressSchema.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("the PIN code", () => {
  it("takes six digits whose first is not 0, spaces dropped", () => {
    expect(pinCodeSchema.parse("560003")).toBe("560003");
    expect(pinCodeSchema.parse(" 110 001 ")).toBe("110001");
    expect(pinCodeSchema.parse("999999")).toBe("999999");
  });

  it("refuses anything else", () => {
    for (const bad of ["", "012345", "56000", "5600031", "56000a", "56-0003", "٥٦٠٠٠٣"]) {
      expect(pinCodeSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(pinCodeSchema.safeParse("012345").error?.issues[0]?.message).toBe(
      "Enter a 6-digit PIN code (it does not start with 0)",
    );
  });
});

describe("the states and union territories", () => {
  it("are the official 28 and 8, each once", () => {
    expect(INDIAN_STATES).toHaveLength(28);
    expect(INDIAN_UNION_TERRITORIES).toHaveLength(8);
    expect(new Set(INDIAN_STATES_AND_TERRITORIES).size).toBe(36);
    expect(INDIAN_UNION_TERRITORIES).toContain("Ladakh");
    expect(INDIAN_STATES).not.toContain("Jammu and Kashmir");
  });

  it("are the only states an address may name", () => {
    expect(issueOf({ ...valid, state: "Tamil Nadu" })).toBeUndefined();
    expect(issueOf({ ...valid, state: "Dadra and Nagar Haveli and Daman and Diu" })).toBeUndefined();
    for (const bad of ["", "Karnatka", "karnataka", "Orissa", "Bombay"]) {
      expect(issueOf({ ...valid, state: bad }), bad).toEqual([["state", "Choose the state or union territory"]]);
    }
  });
});

describe("the delivery address", () => {
  it("tidies what was typed; an empty second line is null", () => {
    expect(deliveryAddressSchema.parse(valid)).toEqual({
      name: "Asha Rao",
      line1: "12, 4th Cross, Malleswaram",
      line2: null,
      city: "Bengaluru",
      state: "Karnataka",
      pinCode: "560003",
    });
  });

  it("drops control characters PostgreSQL could not store, and keeps Indic joiners", () => {
    const parsed = deliveryAddressSchema.parse({
      ...valid,
      name: "Asha\u0000 Rao\u0007",
      line1: "\u0000\u001f12,\t4th Cross",
      line2: "\u0000",
      city: "बेंगलु\u200dरु",
    });
    expect(parsed).toMatchObject({ name: "Asha Rao", line1: "12, 4th Cross", line2: null, city: "बेंगलु\u200dरु" });
    expect(deliveryAddressSchema.safeParse({ ...valid, city: "\u0000\u0000" }).success).toBe(false);
  });

  it("says what is wrong beside each field", () => {
    expect(issueOf({ name: " ", line1: "", line2: "x".repeat(121), city: "B", state: "", pinCode: "1234" })).toEqual([
      ["name", "Enter the full name (at least 2 characters)"],
      ["line1", "Enter the house, building and street"],
      ["line2", "The second address line must be at most 120 characters"],
      ["city", "Enter the town or city (at least 2 characters)"],
      ["state", "Choose the state or union territory"],
      ["pinCode", "Enter a 6-digit PIN code (it does not start with 0)"],
    ]);
    expect(issueOf({ ...valid, name: "x".repeat(101) })).toEqual([
      ["name", "The full name must be at most 100 characters"],
    ]);
  });

  it("goes onto the order's columns and comes back the same", () => {
    const address = deliveryAddressSchema.parse({ ...valid, line2: "Near the temple" });
    expect(deliveryAddressOf(deliveryColumns(address))).toEqual(address);
    expect(deliveryAddressOf({ ...deliveryColumns(address), deliveryPinCode: null })).toBeNull();
  });
});
