import { describe, expect, it } from "vitest";
import { SAMPLE_SELLER } from "./env";
import { gstinCheckCharacter, isValidGstin } from "./gstin";

// Known answers: registered GSTINs published by their holders, and the shop's sample.
const VALID = ["27AAPFU0939F1ZV", "29AAGCB7383J1Z4", "33AAACH7409R1Z8", SAMPLE_SELLER.gstin];

describe("GSTIN", () => {
  it.each(VALID)("accepts %s, whose check character it computes", (gstin) => {
    expect(gstinCheckCharacter(gstin.slice(0, 14))).toBe(gstin[14]);
    expect(isValidGstin(gstin)).toBe(true);
  });

  it("refuses every single-character change of a valid GSTIN's check character", () => {
    const [valid] = VALID;
    for (const character of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".replace(valid![14]!, ""))
      expect(isValidGstin(`${valid!.slice(0, 14)}${character}`)).toBe(false);
  });

  it("refuses a swap of two neighbouring characters (the check weighs positions)", () => {
    expect(isValidGstin("27AAPFU0939F1ZV".replace("0939", "0399"))).toBe(false);
  });

  it.each([
    ["too short", "27AAPFU0939F1Z"],
    ["lower case", "27aapfu0939f1zv"],
    ["no Z in the 14th place", "27AAPFU0939F1YV"],
    ["entity 0", "27AAPFU0939F0ZV"],
    ["a PAN with a digit where a letter goes", "27AAPF10939F1ZV"],
    ["state code 00", `00AAPFU0939F1Z${gstinCheckCharacter("00AAPFU0939F1Z")}`],
    ["state code 40", `40AAPFU0939F1Z${gstinCheckCharacter("40AAPFU0939F1Z")}`],
  ])("refuses %s", (_, gstin) => {
    expect(isValidGstin(gstin)).toBe(false);
  });

  it("accepts state code 97 (other territory) with its check character", () => {
    expect(isValidGstin(`97AAPFU0939F1Z${gstinCheckCharacter("97AAPFU0939F1Z")}`)).toBe(true);
  });
});
