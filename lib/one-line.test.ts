import { describe, expect, it } from "vitest";
import { oneLine } from "./one-line";

describe("oneLine", () => {
  it("makes white space one space, drops other control characters, trims", () => {
    expect(oneLine("  Blue\t\tDart \n")).toBe("Blue Dart");
    expect(oneLine("\u0000India\u0007 Post\u009f")).toBe("India Post");
  });

  it("keeps the joiners Indic scripts need", () => {
    expect(oneLine("क्\u200dष")).toBe("क्\u200dष");
  });
});
