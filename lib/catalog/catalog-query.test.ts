import fc from "fast-check";
import { MAX_SEARCH_LENGTH } from "@/lib/constants";
import { describe, expect, it } from "vitest";
import {
  CATALOG_SORTS,
  catalogHref,
  parseCatalogQuery,
  searchTsQuery,
  sortsFor,
  type CatalogQuery,
} from "./catalog-query";

describe("parseCatalogQuery", () => {
  it("reads no parameters as every product, featured first", () => {
    expect(parseCatalogQuery({})).toEqual({ q: null, category: null, sort: "featured" });
  });

  it("reads a search, a category and a sort", () => {
    expect(parseCatalogQuery({ q: "chai", category: "tea", sort: "price-asc" })).toEqual({
      q: "chai",
      category: "tea",
      sort: "price-asc",
    });
  });

  it("trims a search, makes runs of spaces one, cuts a long one, and reads a blank one as none", () => {
    expect(parseCatalogQuery({ q: "  masala \t  chai \n" })?.q).toBe("masala chai");
    expect(parseCatalogQuery({ q: "   " })?.q).toBeNull();
    expect(parseCatalogQuery({ q: "" })?.q).toBeNull();
    const long = parseCatalogQuery({ q: "saffron ".repeat(40) })?.q;
    expect(long?.length).toBeLessThanOrEqual(MAX_SEARCH_LENGTH);
    expect(long?.startsWith("saffron saffron")).toBe(true);
    expect(long?.endsWith(" ")).toBe(false);
  });

  it("takes the first of a repeated parameter, as a form sends it", () => {
    expect(parseCatalogQuery({ q: ["kettle", "cup"], category: ["tea", "spices"], sort: ["name", "newest"] })).toEqual({
      q: "kettle",
      category: "tea",
      sort: "name",
    });
  });

  it("sorts a search by best match unless asked otherwise, and never offers best match without one", () => {
    expect(parseCatalogQuery({ q: "tea" })?.sort).toBe("relevance");
    expect(parseCatalogQuery({ q: "tea", sort: "newest" })?.sort).toBe("newest");
    expect(parseCatalogQuery({ sort: "relevance" })?.sort).toBe("featured");
    expect(parseCatalogQuery({ q: " ", sort: "relevance" })?.sort).toBe("featured");
  });

  it("falls back to the default sort for an unknown or empty one", () => {
    expect(parseCatalogQuery({ sort: "cheapest" })?.sort).toBe("featured");
    expect(parseCatalogQuery({ sort: "" })?.sort).toBe("featured");
    expect(parseCatalogQuery({ q: "tea", sort: "PRICE-ASC" })?.sort).toBe("relevance");
  });

  it("reads an empty category as every category, and refuses one no category can be called", () => {
    expect(parseCatalogQuery({ category: "" })?.category).toBeNull();
    for (const category of ["Tea", "tea cups", "../admin", "tea--cups", "-tea", "x".repeat(101), "चाय"]) {
      expect(parseCatalogQuery({ category }), category).toBeUndefined();
    }
    expect(parseCatalogQuery({ category: "kitchen-serveware" })?.category).toBe("kitchen-serveware");
  });

  it("offers best match only for a search", () => {
    expect(sortsFor({ q: null })).toEqual(["featured", "price-asc", "price-desc", "newest", "name"]);
    expect(sortsFor({ q: "tea" })).toEqual(CATALOG_SORTS);
  });
});

describe("catalogHref", () => {
  it("leaves out what is the default", () => {
    expect(catalogHref({})).toBe("/");
    expect(catalogHref({ q: null, category: null, sort: "featured" })).toBe("/");
    expect(catalogHref({ category: "tea" })).toBe("/?category=tea");
    expect(catalogHref({ q: "chai", sort: "relevance" })).toBe("/?q=chai");
    expect(catalogHref({ q: "chai", sort: "featured" })).toBe("/?q=chai&sort=featured");
    expect(catalogHref({ category: "tea", sort: "price-desc" })).toBe("/?category=tea&sort=price-desc");
  });

  it("encodes the search", () => {
    expect(catalogHref({ q: "tea & cups?" })).toBe("/?q=tea+%26+cups%3F");
  });

  it("gives back the query it was made from", () => {
    const query = fc.record({
      q: fc.option(
        fc
          .string({ minLength: 1, maxLength: MAX_SEARCH_LENGTH })
          .map((text) => text.replace(/\s+/g, " ").trim())
          .filter((text) => text !== ""),
        { nil: null },
      ),
      category: fc.option(fc.constantFrom("tea", "spices", "home-living"), { nil: null }),
      sort: fc.constantFrom(...CATALOG_SORTS),
    });
    fc.assert(
      fc.property(query, (original) => {
        const expected: CatalogQuery = {
          ...original,
          sort: original.sort === "relevance" && original.q === null ? "featured" : original.sort,
        };
        const href = catalogHref(original);
        const params = Object.fromEntries(new URL(href, "http://shop.test").searchParams);
        expect(parseCatalogQuery(params)).toEqual(expected);
      }),
    );
  });
});

describe("searchTsQuery", () => {
  it("asks for every word, each also as the start of a longer word", () => {
    expect(searchTsQuery("Masala Chai")).toBe("masala:* & chai:*");
    expect(searchTsQuery("cardam")).toBe("cardam:*");
  });

  it("keeps only letters, digits and combining marks, so nothing typed is read as an operator", () => {
    expect(searchTsQuery("tea & !cups | (kettle):* 'x'")).toBe("tea:* & cups:* & kettle:* & x:*");
    expect(searchTsQuery("block-print")).toBe("block:* & print:*");
    expect(searchTsQuery("चाय पत्ती")).toBe("चाय:* & पत्ती:*");
    expect(searchTsQuery("!!! ---")).toBeNull();
    expect(searchTsQuery("")).toBeNull();
  });

  it("uses at most eight words", () => {
    expect(searchTsQuery("a b c d e f g h i j")).toBe("a:* & b:* & c:* & d:* & e:* & f:* & g:* & h:*");
  });

  it("never lets through a character tsquery treats as syntax", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const tsQuery = searchTsQuery(text);
        if (tsQuery === null) return;
        for (const term of tsQuery.split(" & ")) expect(term).toMatch(/^[\p{L}\p{M}\p{N}]+:\*$/u);
      }),
    );
  });
});
