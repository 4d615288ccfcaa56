import { describe, expect, it } from "vitest";
import { GST_STATE_CODES, INDIAN_STATES_AND_TERRITORIES, gstStateCodeOf, placeOfSupplyOf } from "./indian-states";

describe("GST state codes", () => {
  it("give every state and union territory a two-digit code of its own", () => {
    const codes = INDIAN_STATES_AND_TERRITORIES.map((name) => gstStateCodeOf(name));
    expect(codes.every((code) => code !== undefined && /^\d{2}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(INDIAN_STATES_AND_TERRITORIES.length);
    expect(Object.keys(GST_STATE_CODES)).toHaveLength(INDIAN_STATES_AND_TERRITORIES.length);
  });

  it("are the GST Network's codes", () => {
    expect(gstStateCodeOf("Jammu and Kashmir")).toBe("01");
    expect(gstStateCodeOf("Delhi")).toBe("07");
    expect(gstStateCodeOf("Dadra and Nagar Haveli and Daman and Diu")).toBe("26");
    expect(gstStateCodeOf("Maharashtra")).toBe("27");
    expect(gstStateCodeOf("Karnataka")).toBe("29");
    expect(gstStateCodeOf("Tamil Nadu")).toBe("33");
    expect(gstStateCodeOf("Telangana")).toBe("36");
    expect(gstStateCodeOf("Andhra Pradesh")).toBe("37");
    expect(gstStateCodeOf("Ladakh")).toBe("38");
  });

  it("know no other names", () => {
    expect(gstStateCodeOf("maharashtra")).toBeUndefined();
    expect(gstStateCodeOf("Bombay")).toBeUndefined();
    expect(gstStateCodeOf("toString")).toBeUndefined();
  });

  it("make the place of supply of a delivery state, and refuse a state the list does not know", () => {
    expect(placeOfSupplyOf("Telangana")).toEqual({ name: "Telangana", code: "36" });
    expect(placeOfSupplyOf(null)).toBeNull();
    expect(() => placeOfSupplyOf("Bombay Presidency")).toThrow(RangeError);
  });
});
