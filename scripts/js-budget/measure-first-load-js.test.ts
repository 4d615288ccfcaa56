import { describe, expect, it } from "vitest";
import { entryChunksOf, firstLoadChunks, routeOfAppPath } from "./measure-first-load-js";

describe("routeOfAppPath", () => {
  it("drops route groups and the page segment", () => {
    expect(routeOfAppPath("/(storefront)/page")).toBe("/");
    expect(routeOfAppPath("/(storefront)/products/[slug]/page")).toBe("/products/[slug]");
    expect(routeOfAppPath("/admin/orders/[id]/page")).toBe("/admin/orders/[id]");
  });

  it("skips route handlers and Next's own pages", () => {
    expect(routeOfAppPath("/api/health/route")).toBeNull();
    expect(routeOfAppPath("/_not-found/page")).toBeNull();
    expect(routeOfAppPath("/_global-error/page")).toBeNull();
  });
});

describe("entryChunksOf", () => {
  const manifest = (entries: Record<string, string[]>) =>
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/(storefront)/cart/page"] = ${JSON.stringify(
      { moduleLoading: { prefix: "" }, clientModules: {}, entryCSSFiles: {}, entryJSFiles: entries },
    )};\n`;

  it("lists every segment's chunks once", () => {
    const text = manifest({
      "[project]/app/layout": ["static/chunks/a.js", "static/chunks/b.js"],
      "[project]/app/(storefront)/cart/page": ["static/chunks/a.js", "static/chunks/c.js"],
    });
    expect(entryChunksOf(text)).toEqual(["static/chunks/a.js", "static/chunks/b.js", "static/chunks/c.js"]);
  });

  it("refuses text that is not such a manifest", () => {
    expect(() => entryChunksOf("module.exports = {}")).toThrow(/client reference manifest/);
    expect(() => entryChunksOf('globalThis.__RSC_MANIFEST["/page"] = {"entryJSFiles": 3};')).toThrow();
  });
});

describe("firstLoadChunks", () => {
  it("joins the runtime's chunks and the route's, each once, whatever their prefix", () => {
    expect(firstLoadChunks(["static/chunks/r.js"], ["/_next/static/chunks/r.js", "static/chunks/p.js"])).toEqual([
      "static/chunks/p.js",
      "static/chunks/r.js",
    ]);
  });
});
