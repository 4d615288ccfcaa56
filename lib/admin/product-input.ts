import { z } from "zod";
import { MAX_GATEWAY_PAISE } from "@/lib/atom";
import { MAX_CART_LINE_QUANTITY } from "@/lib/constants";
import { GST_RATE_SLABS } from "@/lib/gst";
import { formatRupees, rupeesTextToPaise } from "@/lib/money";
import { MAX_STOCK } from "./stock";

// What an admin's product edit carries: the service's typed input and the edit form's text
// read into it. Each field's rule is written once and used by both.

/**
 * The highest price a product may have: a typo guard that also keeps a full cart line (99
 * units) inside an order's total (a 32-bit integer of paise) and far under the gateway's limit.
 */
export const MAX_PRICE_PAISE = Math.min(20_000_000, Math.floor(MAX_GATEWAY_PAISE / MAX_CART_LINE_QUANTITY));

/** A product's version as the edit page showed it: a hex digest of its non-stock fields (lib/admin/update-product.ts). */
const VERSION = /^[0-9a-f]{16,64}$/;

const OUT_OF_DATE = "The form is out of date: reload the page.";

const name = z
  .string()
  .transform((text) => text.replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "Give the product a name.").max(100, "Keep the name under 100 characters."));

const summary = z
  .string()
  .transform((text) => text.replace(/\s+/g, " ").trim())
  .pipe(z.string().max(200, "Keep the summary under 200 characters (one line)."));

// Paragraphs are separated by a blank line; whatever the browser sends, lines end in \n.
const description = z
  .string()
  .transform((text) =>
    text
      .replace(/\r\n?/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  )
  .pipe(
    z
      .string()
      .min(1, "Describe the product (paragraphs separated by a blank line).")
      .max(10_000, "Keep the description under 10,000 characters."),
  );

const pricePaise = z
  .number()
  .int("The price must be in whole paise.")
  .positive("Enter a price above ₹0.00.")
  .max(MAX_PRICE_PAISE, `The price can be at most ${formatRupees(MAX_PRICE_PAISE)}.`);

const stock = z
  .number({ error: "Enter a whole number of units." })
  .int("Enter a whole number of units.")
  .min(0, "Stock cannot be below 0.")
  .max(MAX_STOCK, `At most ${MAX_STOCK.toLocaleString("en-IN")} units.`);

const GST_SLABS = "Choose one of the GST slabs: 0, 5, 18 or 40 %.";

const gstRateBasisPoints = z
  .number()
  .refine(
    (rate) => (GST_RATE_SLABS as readonly number[]).includes(rate),
    "Choose one of the GST slabs: 0, 5, 18 or 40 %.",
  );

const hsnCode = z
  .string()
  .regex(/^([0-9]{4}|[0-9]{6}|[0-9]{8})$/, "An HSN code is 4, 6 or 8 digits (or leave it empty).")
  .nullable();

const expectedStock = z.number({ error: OUT_OF_DATE }).int(OUT_OF_DATE).min(0, OUT_OF_DATE);
const expectedPrice = z.number({ error: OUT_OF_DATE }).int(OUT_OF_DATE).positive(OUT_OF_DATE);
const version = z.string().regex(VERSION, OUT_OF_DATE);

/** The service's input: the product's new values and what the admin was shown. */
export const updateProductSchema = z.object({
  productId: z.uuid("Unknown product."),
  name,
  summary,
  description,
  pricePaise,
  stock,
  gstRateBasisPoints,
  hsnCode,
  active: z.boolean(),
  // What the page showed: the stock level and price, and the version of everything else.
  expectedStock,
  expectedPrice,
  version,
});
export type UpdateProductInput = z.input<typeof updateProductSchema>;

/** A whole number typed in a form, or what it was when it is not one (the number's schema then says why). */
const wholeNumberText = (text: string): number => (/^\s*\d{1,9}\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * The edit form's fields (all text) → the service's input, each problem beside its field
 * (all of them at once). The service validates its input again.
 */
export const productFormSchema = z
  .object({
    productId: z.uuid("Unknown product."),
    name,
    summary,
    description,
    price: z
      .string()
      .trim()
      .min(1, "Enter the price.")
      .transform((text, ctx) => {
        const paise = rupeesTextToPaise(text);
        if (paise === null) {
          ctx.addIssue({ code: "custom", message: "Enter rupees with at most 2 decimals, e.g. 250 or 250.50." });
          return z.NEVER;
        }
        return paise;
      })
      .pipe(pricePaise),
    stock: z.string().trim().min(1, "Enter the stock level.").transform(wholeNumberText).pipe(stock),
    gstRate: z
      .string()
      .regex(/^\d{1,5}$/, GST_SLABS)
      .transform(Number)
      .pipe(gstRateBasisPoints),
    hsnCode: z
      .string()
      .transform((text) => text.replace(/[\s.]/g, ""))
      .transform((text) => (text === "" ? null : text))
      .pipe(hsnCode),
    // A checkbox: "on" when ticked, "" or absent otherwise.
    active: z.string().optional(),
    expectedStock: z.string().transform(wholeNumberText).pipe(expectedStock),
    expectedPrice: z.string().transform(wholeNumberText).pipe(expectedPrice),
    version,
  })
  .transform((form): UpdateProductInput => ({
    productId: form.productId,
    name: form.name,
    summary: form.summary,
    description: form.description,
    pricePaise: form.price,
    stock: form.stock,
    gstRateBasisPoints: form.gstRate,
    hsnCode: form.hsnCode,
    active: form.active === "on",
    expectedStock: form.expectedStock,
    expectedPrice: form.expectedPrice,
    version: form.version,
  }));
