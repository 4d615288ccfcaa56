import { describe, expect, it } from "vitest";
import { MAX_GATEWAY_PAISE } from "@/lib/atom";
import { MAX_CART_LINE_QUANTITY } from "@/lib/constants";
import { MAX_PRICE_PAISE, productFormSchema, updateProductSchema } from "./product-input";

const form = {
  productId: "0b0f4f0e-9a0b-4d44-8d4f-2f6f7f1c3a11",
  name: "  Handloom   Cotton Towel ",
  summary: "Soft,\nthick cotton ",
  description: "First paragraph.\r\n\r\n\r\n\r\nSecond one.\r\n",
  price: "₹1,249.5",
  stock: " 12 ",
  gstRate: "1800",
  hsnCode: "6302 60",
  active: "on",
  expectedStock: "10",
  expectedPrice: "64900",
  version: "0123456789abcdef0123456789abcdef",
};

/** Each field's first problem, as the form shows it. */
function fieldErrors(input: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of productFormSchema.safeParse(input).error?.issues ?? [])
    errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

describe("productFormSchema", () => {
  it("turns the form's text into the service's input", () => {
    const input = productFormSchema.parse(form);
    expect(input).toEqual({
      productId: form.productId,
      name: "Handloom Cotton Towel",
      summary: "Soft, thick cotton",
      description: "First paragraph.\n\nSecond one.",
      pricePaise: 124_950,
      stock: 12,
      gstRateBasisPoints: 1800,
      hsnCode: "630260",
      active: true,
      expectedStock: 10,
      expectedPrice: 64_900,
      version: form.version,
    });
    // The service reads the same input again and agrees.
    expect(updateProductSchema.parse(input)).toEqual(input);
  });

  it("reads an unticked box as not for sale and an empty HSN code as none", () => {
    expect(productFormSchema.parse({ ...form, active: "", hsnCode: " " })).toMatchObject({
      active: false,
      hsnCode: null,
    });
    const withoutBox: Partial<typeof form> = { ...form };
    delete withoutBox.active;
    expect(productFormSchema.parse(withoutBox)).toMatchObject({ active: false });
  });

  it("says what is wrong beside each field, all at once", () => {
    expect(
      fieldErrors({
        ...form,
        name: " ",
        description: "\n\n",
        price: "12.345",
        stock: "-1",
        gstRate: "1200",
        hsnCode: "12345",
      }),
    ).toEqual({
      name: "Give the product a name.",
      description: "Describe the product (paragraphs separated by a blank line).",
      price: "Enter rupees with at most 2 decimals, e.g. 250 or 250.50.",
      stock: "Enter a whole number of units.",
      gstRate: "Choose one of the GST slabs: 0, 5, 18 or 40 %.",
      hsnCode: "An HSN code is 4, 6 or 8 digits (or leave it empty).",
    });
  });

  it("refuses a price of nothing, of zero or above the limit", () => {
    expect(fieldErrors({ ...form, price: "" })).toEqual({ price: "Enter the price." });
    expect(fieldErrors({ ...form, price: "0" })).toEqual({ price: "Enter a price above ₹0.00." });
    expect(fieldErrors({ ...form, price: "0.00" })).toEqual({ price: "Enter a price above ₹0.00." });
    expect(fieldErrors({ ...form, price: "abc" })).toEqual({
      price: "Enter rupees with at most 2 decimals, e.g. 250 or 250.50.",
    });
    expect(fieldErrors({ ...form, price: "200000.01" })).toEqual({ price: "The price can be at most ₹2,00,000.00." });
    expect(productFormSchema.parse({ ...form, price: "200000" }).pricePaise).toBe(MAX_PRICE_PAISE);
  });

  it("keeps a full cart line of the dearest product under the gateway's limit and inside an order's total", () => {
    expect(MAX_PRICE_PAISE * MAX_CART_LINE_QUANTITY).toBeLessThan(MAX_GATEWAY_PAISE);
    expect(MAX_PRICE_PAISE * MAX_CART_LINE_QUANTITY).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it("refuses a stock level that is not a whole number of units, or too many", () => {
    expect(fieldErrors({ ...form, stock: "1.5" })).toEqual({ stock: "Enter a whole number of units." });
    expect(fieldErrors({ ...form, stock: "" })).toEqual({ stock: "Enter the stock level." });
    expect(fieldErrors({ ...form, stock: "100001" })).toEqual({ stock: "At most 1,00,000 units." });
    expect(productFormSchema.parse({ ...form, stock: "0" }).stock).toBe(0);
  });

  it("accepts every GST slab and 4-, 6- and 8-digit HSN codes", () => {
    for (const rate of ["0", "500", "1800", "4000"])
      expect(productFormSchema.parse({ ...form, gstRate: rate }).gstRateBasisPoints).toBe(Number(rate));
    for (const code of ["0902", "090230", "09023010"])
      expect(productFormSchema.parse({ ...form, hsnCode: code }).hsnCode).toBe(code);
    expect(fieldErrors({ ...form, gstRate: "" })).toHaveProperty("gstRate");
    expect(fieldErrors({ ...form, hsnCode: "09O2" })).toHaveProperty("hsnCode");
  });

  it("refuses a form that is out of date or names no product", () => {
    expect(productFormSchema.safeParse({ ...form, version: "" }).error?.issues[0]?.message).toBe(
      "The form is out of date: reload the page.",
    );
    expect(productFormSchema.safeParse({ ...form, expectedStock: "x" }).error?.issues[0]?.message).toBe(
      "The form is out of date: reload the page.",
    );
    expect(productFormSchema.safeParse({ ...form, productId: "tea" }).error?.issues[0]?.message).toBe(
      "Unknown product.",
    );
  });
});
