import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SLUG_PATTERN } from "@/lib/catalog/catalog-query";
import { GST_RATE_SLABS } from "@/lib/gst";
import { CATALOG, CATEGORIES } from "./catalog";

const picture = (slug: string) => readFileSync(path.join("public", "products", `${slug}.svg`), "utf8");

describe("the demo catalog", () => {
  it("names every product and category once, with a slug fit for a URL", () => {
    for (const slugs of [CATALOG.map((entry) => entry.slug), CATEGORIES.map((category) => category.slug)]) {
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN);
    }
  });

  it("puts every product in a category and every category to use", () => {
    const used = new Set(CATALOG.map((entry) => entry.category));
    expect([...used].sort()).toEqual(CATEGORIES.map((category) => category.slug).sort());
  });

  it("ranks every product once for the featured order", () => {
    expect(CATALOG.map((entry) => entry.featuredRank).sort((a, b) => a - b)).toEqual(
      CATALOG.map((_, index) => index + 1),
    );
  });

  it("gives every product a one-line summary and a description of two paragraphs or more", () => {
    for (const entry of CATALOG) {
      expect(entry.summary, entry.slug).toMatch(/^[^\n]{10,80}$/);
      const paragraphs = entry.description.split("\n\n");
      expect(paragraphs.length, entry.slug).toBeGreaterThanOrEqual(2);
      for (const paragraph of paragraphs) expect(paragraph.length, entry.slug).toBeGreaterThan(120);
    }
  });

  it("gives every product an HSN code of 4 or 6 digits and a GST rate from the slabs", () => {
    for (const entry of CATALOG) {
      expect(entry.hsnCode, entry.slug).toMatch(/^(\d{4}|\d{6})$/);
      expect(GST_RATE_SLABS, entry.slug).toContain(entry.gstRateBasisPoints);
    }
    // Tea is chapter 09's heading 0902; the kitchenware is not.
    expect(CATALOG.find((entry) => entry.slug === "assam-breakfast-tea")?.hsnCode).toBe("0902");
    expect(CATALOG.find((entry) => entry.slug === "brass-chai-kettle")?.hsnCode).toBe("7418");
  });

  it("says what every picture shows", () => {
    for (const entry of CATALOG) {
      expect(entry.imageAlt, entry.slug).toMatch(/^[A-Z].{30,200}\.$/);
    }
  });
});

describe("the product pictures", () => {
  it("are small, self-contained SVG drawings without text", () => {
    for (const entry of CATALOG) {
      const svg = picture(entry.slug);
      expect(svg, entry.slug).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 400 400">/);
      expect(svg.trimEnd(), entry.slug).toMatch(/<\/svg>$/);
      expect(Buffer.byteLength(svg), entry.slug).toBeLessThan(12_000);
      expect(svg, entry.slug).not.toMatch(/<text|<image|<script|<foreignObject|url\((?!#)/);
      // Nothing fetched from elsewhere: the namespace is the only address in it.
      expect(svg.match(/https?:\/\//g), entry.slug).toEqual(["http://"]);
    }
  });

  it("are each a drawing of their own", () => {
    const digests = CATALOG.map((entry) => createHash("sha256").update(picture(entry.slug)).digest("hex"));
    expect(new Set(digests).size).toBe(CATALOG.length);
  });
});
