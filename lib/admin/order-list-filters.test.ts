import { describe, expect, it } from "vitest";
import { extraFiltersSet, hrefWith, orderListParams, parseOrderListFilters, sortHref } from "./order-list-filters";

const CURSOR = "0e7f3f6c-9f1c-4a55-a4a8-3b2d1c0f9e11.2026-12-02 10:15:00.123456+00";

describe("orders list filters", () => {
  it("defaults to every order, newest first", () => {
    const filters = parseOrderListFilters({});
    expect(filters).toMatchObject({ attention: false, sort: "placed", dir: "desc" });
    expect([filters.after, filters.before]).toEqual([undefined, undefined]);
    expect(filters.method).toBeUndefined();
    expect(extraFiltersSet(filters)).toBe(0);
    expect(hrefWith("/admin/orders", orderListParams(filters))).toBe("/admin/orders");
  });

  it("reads needs attention, payment method and an amount range in rupees", () => {
    const filters = parseOrderListFilters({ attention: "1", method: "UP", min: "1,000", max: "₹ 2499.5" });
    expect(filters).toMatchObject({ attention: true, method: "UP", minPaise: 100_000, maxPaise: 249_950 });
    expect(extraFiltersSet(filters)).toBe(4);
    expect(orderListParams(filters)).toMatchObject({ attention: "1", method: "UP", min: "1000.00", max: "2499.50" });
  });

  it("drops bad values from the URL rather than failing the page", () => {
    const filters = parseOrderListFilters({
      attention: "yes",
      method: "XX",
      min: "12.345",
      max: "-5",
      sort: "surname",
      dir: "sideways",
      after: "not-a-row",
      before: "0e7f3f6c-9f1c-4a55-a4a8-3b2d1c0f9e11",
    });
    expect(filters).toMatchObject({
      attention: false,
      sort: "placed",
      dir: "desc",
      after: undefined,
      before: undefined,
    });
    expect(filters.method).toBeUndefined();
    expect(filters.minPaise).toBeUndefined();
    expect(filters.maxPaise).toBeUndefined();
    // An empty field from the form is no filter.
    expect(parseOrderListFilters({ min: "", max: "", method: "" }).minPaise).toBeUndefined();
  });

  it("reads a keyset cursor as the row's id and its sort key", () => {
    expect(parseOrderListFilters({ before: CURSOR }).before).toEqual({
      id: "0e7f3f6c-9f1c-4a55-a4a8-3b2d1c0f9e11",
      key: "2026-12-02 10:15:00.123456+00",
    });
  });

  it("takes each column's first direction unless the URL says", () => {
    expect(parseOrderListFilters({ sort: "total" })).toMatchObject({ sort: "total", dir: "desc" });
    expect(parseOrderListFilters({ sort: "email" })).toMatchObject({ sort: "email", dir: "asc" });
    expect(parseOrderListFilters({ sort: "total", dir: "asc" })).toMatchObject({ sort: "total", dir: "asc" });
    expect(parseOrderListFilters({ sort: ["refunded", "total"] })).toMatchObject({ sort: "refunded" });
  });

  it("links headers that keep the filters, turn the sort round, and go back to the first page", () => {
    const filters = parseOrderListFilters({ status: "paid", method: "NB", sort: "total", dir: "desc", after: CURSOR });
    const params = (href: string) => Object.fromEntries(new URL(href, "http://shop.test").searchParams);
    expect(params(sortHref("/admin/orders", filters, "total"))).toEqual({
      status: "paid",
      method: "NB",
      sort: "total",
      dir: "asc",
    });
    expect(params(sortHref("/admin/orders", filters, "email"))).toEqual({
      status: "paid",
      method: "NB",
      sort: "email",
      dir: "asc",
    });
    // Back to the default sort: the parameters go.
    expect(params(sortHref("/admin/orders", parseOrderListFilters({ sort: "placed", dir: "asc" }), "placed"))).toEqual(
      {},
    );
  });
});
