import { describe, expect, it } from "vitest";
import { SAMPLE_SELLER } from "@/lib/env";
import { renderShopperEmail, type ShopperEmail } from "./render-shopper-email";

const base = {
  seller: SAMPLE_SELLER,
  orderId: "3f2a9c1e-0000-4000-8000-000000000001",
  orderUrl: "http://shop.test/orders/3f2a9c1e-0000-4000-8000-000000000001?key=KEY",
};

const confirmed: ShopperEmail = {
  ...base,
  kind: "order_confirmed",
  lines: [
    { name: "Kashmiri Saffron", quantity: 2, unitPricePaise: 125_000 },
    { name: "Darjeeling <First Flush>", quantity: 1, unitPricePaise: 54_900 },
  ],
  goodsPaise: 304_900,
  gstPaise: 14_519,
  gstRateBasisPoints: 500,
  surchargePaise: 1_180,
  paidAt: new Date("2026-12-02T10:00:00Z"),
  delivery: { name: "Asha Rao", lines: ["12 MG Road", "Bengaluru, Karnataka 560001"] },
  receiptUrl: "http://shop.test/orders/3f2a9c1e-0000-4000-8000-000000000001/receipt?key=KEY",
};

/** HTML's text with tags and entities gone, whitespace folded: what a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("shopper emails", () => {
  it("confirms an order with its items, GST, surcharge, total, address and links, in HTML and text alike", async () => {
    const email = await renderShopperEmail(confirmed);
    expect(email.subject).toBe("Your Lotus Bazaar order 3F2A9C1E is confirmed");
    const html = visible(email.html);
    expect(html).toMatch(/Kashmiri Saffron \(₹1,250.00 each\) × 2 ₹2,500.00/);
    expect(html).toMatch(/Darjeeling <First Flush> \(₹549.00 each\) × 1 ₹549.00/);
    expect(html).toMatch(/of which GST at 5% ₹145.19/);
    expect(html).toMatch(/Convenience fee \(payment gateway\) ₹11.80/);
    expect(html).toMatch(/Total paid ₹3,060.80/);
    expect(html).toMatch(/Delivering to Asha Rao 12 MG Road Bengaluru, Karnataka 560001/);
    expect(html).toContain(`GSTIN ${SAMPLE_SELLER.gstin}`);
    const text = email.text.split("\n");
    expect(text).toEqual(
      expect.arrayContaining([
        "Kashmiri Saffron × 2 at ₹1,250.00: ₹2,500.00",
        "Darjeeling <First Flush> × 1 at ₹549.00: ₹549.00",
        "Goods (prices include GST): ₹3,049.00",
        "of which GST at 5%: ₹145.19",
        "Convenience fee (payment gateway): ₹11.80",
        "Total paid: ₹3,060.80",
        "Asha Rao",
        "Bengaluru, Karnataka 560001",
        `GSTIN ${SAMPLE_SELLER.gstin}`,
      ]),
    );
    // Markup from the catalog is text, never HTML.
    expect(email.html).not.toContain("<First Flush>");
    expect(email.html).toContain(`href="${confirmed.orderUrl}"`);
    expect(email.html).toContain(`href="${confirmed.kind === "order_confirmed" ? confirmed.receiptUrl : ""}"`);
    expect(email.text).toContain(confirmed.orderUrl);
  });

  it("names no single GST rate when the items' rates differ", async () => {
    const email = await renderShopperEmail({ ...confirmed, gstRateBasisPoints: null } as ShopperEmail);
    expect(email.text.split("\n")).toContain("of which GST: ₹145.19");
    expect(email.text).not.toContain("GST at");
    expect(visible(email.html)).toMatch(/of which GST ₹145.19/);
    expect(visible(email.html)).not.toContain("GST at");
  });

  it("leaves out the surcharge and the address when there are none", async () => {
    const email = await renderShopperEmail({ ...confirmed, surchargePaise: 0, delivery: null } as ShopperEmail);
    expect(email.text).not.toContain("Convenience fee");
    expect(email.text).not.toContain("Delivering to");
    expect(email.text).toContain("Total paid: ₹3,049.00");
    expect(visible(email.html)).not.toContain("Delivering to");
  });

  it("offers a failed payment's order page to pay again", async () => {
    const email = await renderShopperEmail({ ...base, kind: "payment_failed", amountPaise: 54_900 });
    expect(email.subject).toContain("did not go through");
    expect(email.text).toContain("₹549.00");
    expect(email.text).toMatch(/Pay again/i);
    expect(email.html).toContain(`href="${base.orderUrl}"`);
  });

  it("names the carrier and tracking number of a shipped order", async () => {
    const email = await renderShopperEmail({
      ...base,
      kind: "order_shipped",
      carrier: "India Post",
      trackingNumber: "EE123456789IN",
    });
    expect(email.subject).toContain("has shipped");
    expect(email.text).toContain("Carrier: India Post\nTracking number: EE123456789IN");
    expect(visible(email.html)).toMatch(/Carrier India Post Tracking number EE123456789IN/);
  });

  it("tells a partial refund from a full one", async () => {
    const partial = await renderShopperEmail({
      ...base,
      kind: "order_refunded",
      amountPaise: 10_000,
      refundedTotalPaise: 10_000,
      paidPaise: 54_900,
      full: false,
    });
    expect(partial.subject).toBe("Refund of ₹100.00 for your Lotus Bazaar order 3F2A9C1E");
    expect(partial.text).toContain("partial refund");
    expect(partial.text).toContain("₹100.00 of ₹549.00 refunded so far");
    const full = await renderShopperEmail({
      ...base,
      kind: "order_refunded",
      amountPaise: 44_900,
      refundedTotalPaise: 54_900,
      paidPaise: 54_900,
      full: true,
    });
    expect(full.text).toContain("refunded in full: ₹549.00");
  });
});
