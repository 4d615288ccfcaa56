import { describe, expect, it } from "vitest";
import { productSlugSchema } from "./products";

describe("product slugs", () => {
  it("accepts lower-case words joined by hyphens and nothing else", () => {
    for (const slug of ["assam-breakfast-tea", "kulhad-cups-set", "a1"])
      expect(productSlugSchema.safeParse(slug).success).toBe(true);
    for (const slug of ["", "Assam", "-tea", "tea-", "tea--cup", "../etc", "tea cup", "x".repeat(101), null]) {
      expect(productSlugSchema.safeParse(slug).success).toBe(false);
    }
  });
});
