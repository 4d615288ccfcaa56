import { describe, expect, it } from "vitest";
import { COMMON_CARRIERS, shipmentDetailsSchema } from "./shipment-details";

const problems = (carrier: string, trackingNumber: string) => {
  const parsed = shipmentDetailsSchema.safeParse({ carrier, trackingNumber });
  return parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("shipment details", () => {
  it("take any carrier up to 60 characters and a tracking number of letters, digits and hyphens", () => {
    expect(shipmentDetailsSchema.parse({ carrier: "  Blue   Dart ", trackingNumber: " 8123 4567 890 " })).toEqual({
      carrier: "Blue Dart",
      trackingNumber: "81234567890",
    });
    expect(problems("A local courier", "EE123456789IN")).toEqual([]);
    expect(problems("x".repeat(60), "AB-12")).toEqual([]);
    expect(problems("DTDC", "ABCD")).toEqual([]);
    expect(problems("DTDC", "A".repeat(40))).toEqual([]);
  });

  it("refuse a missing carrier and a malformed tracking number, saying which", () => {
    expect(problems(" ", "EE123456789IN")).toEqual([["carrier", "Enter the carrier"]]);
    expect(problems("x".repeat(61), "EE123456789IN")).toEqual([
      ["carrier", "The carrier must be at most 60 characters"],
    ]);
    expect(problems("India Post", "")[0]).toEqual(["trackingNumber", "Enter the tracking number"]);
    expect(problems("India Post", "ABC")).toEqual([["trackingNumber", "A tracking number has at least 4 characters"]]);
    expect(problems("India Post", "A".repeat(41))).toEqual([
      ["trackingNumber", "A tracking number has at most 40 characters"],
    ]);
    for (const bad of ["EE12/3456", "EE_123456", "EE123456#", "ई123456"]) {
      expect(problems("India Post", bad)[0], bad).toEqual([
        "trackingNumber",
        "A tracking number has only letters, digits and hyphens",
      ]);
    }
  });

  it("suggest the common Indian carriers", () => {
    expect(COMMON_CARRIERS).toEqual([
      "India Post",
      "Delhivery",
      "Blue Dart",
      "DTDC",
      "Ekart",
      "Xpressbees",
      "Shadowfax",
    ]);
  });
});
