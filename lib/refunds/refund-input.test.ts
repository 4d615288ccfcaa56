import { describe, expect, it } from "vitest";
import { quantityField } from "./refund-form-fields";
import { prodRefundIdFor, refundFormSchema, refundRequestSchema } from "./refund-input";

const TEA = "5d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const HONEY = "6e1d2c3b-4f5a-4b6c-9d7e-8f9a0b1c2d3e";

describe("refundFormSchema", () => {
  const form = {
    orderId: "0b0f4f0e-9a0b-4d44-8d4f-2f6f7f1c3a11",
    refundBy: "amount",
    amount: "100.25",
    reason: " Damaged ",
    idempotencyKey: "8c1b2f0e-2d4f-4b9e-9e7a-0c2d3e4f5a6b",
  };
  const { orderId, idempotencyKey } = form;

  it("turns an amount's text into the service's input; the first submit is not confirmed", () => {
    expect(refundFormSchema.parse(form)).toEqual({
      orderId,
      idempotencyKey,
      amountPaise: 10_025,
      reason: "Damaged",
      confirmed: false,
    });
    expect(refundFormSchema.parse({ ...form, confirmed: "yes", restock: "on" })).toMatchObject({
      confirmed: true,
      restock: true,
    });
    expect(refundFormSchema.parse({ ...form, restock: "" })).not.toHaveProperty("restock");
  });

  it("by item, reads each line's units, skipping lines left empty or at 0, and ignores the amount", () => {
    const byItem = {
      ...form,
      refundBy: "items",
      [quantityField(TEA)]: " 2 ",
      [quantityField(HONEY)]: "0",
      [quantityField("7f2e3d4c-5a6b-4c7d-8e9f-0a1b2c3d4e5f")]: "",
    };
    expect(refundFormSchema.parse(byItem)).toEqual({
      orderId,
      idempotencyKey,
      items: [{ orderItemId: TEA, quantity: 2 }],
      reason: "Damaged",
      confirmed: false,
    });
  });

  it("by item, says what is wrong beside the line, or beside the items when none is chosen", () => {
    const byItem = { ...form, refundBy: "items" };
    const wrong = refundFormSchema.safeParse({ ...byItem, [quantityField(TEA)]: "1.5" });
    expect(wrong.error?.issues.map((issue) => issue.path)).toEqual([[quantityField(TEA)], ["items"]]);
    expect(refundFormSchema.safeParse({ ...byItem, [quantityField(TEA)]: "0" }).error?.issues[0]).toMatchObject({
      path: ["items"],
      message: "Choose at least one unit to refund.",
    });
  });

  it("asks for a choice first", () => {
    // An absent field reaches the schema as "" (lib/server-action.ts formText).
    expect(refundFormSchema.safeParse({ ...form, refundBy: "" }).error?.issues[0]).toMatchObject({
      path: ["refundBy"],
      message: "Choose to refund by item or by amount.",
    });
  });

  it("names the extra payment to refund when the form carries one, and none when it is empty", () => {
    const attemptId = "5d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    expect(refundFormSchema.parse({ ...form, attemptId })).toMatchObject({ attemptId, amountPaise: 10_025 });
    expect(refundFormSchema.parse({ ...form, attemptId: "" })).not.toHaveProperty("attemptId");
    expect(refundFormSchema.safeParse({ ...form, attemptId: "not-a-payment" }).error?.issues[0]?.message).toBe(
      "Unknown payment.",
    );
  });

  it("says what is wrong next to the field", () => {
    const result = refundFormSchema.safeParse({ ...form, amount: "ten" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["amount"]);
    expect(refundFormSchema.safeParse({ ...form, amount: "" }).error?.issues[0]).toMatchObject({
      path: ["amount"],
      message: "Enter the amount to refund.",
    });
    expect(refundFormSchema.safeParse({ ...form, amount: "0" }).error?.issues[0]?.path).toEqual(["amountPaise"]);
    expect(refundFormSchema.safeParse({ ...form, reason: "x" }).error?.issues[0]?.path).toEqual(["reason"]);
  });
});

describe("refundRequestSchema", () => {
  const request = { orderId: TEA, reason: "Damaged", idempotencyKey: "8c1b2f0e-2d4f-4b9e-9e7a-0c2d3e4f5a6b" };

  it("takes an amount or items, never both nor neither", () => {
    expect(refundRequestSchema.safeParse({ ...request, amountPaise: 100 }).success).toBe(true);
    expect(refundRequestSchema.safeParse({ ...request, items: [{ orderItemId: HONEY, quantity: 1 }] }).success).toBe(
      true,
    );
    expect(
      refundRequestSchema.safeParse({ ...request, amountPaise: 100, items: [{ orderItemId: HONEY, quantity: 1 }] })
        .success,
    ).toBe(false);
    expect(refundRequestSchema.safeParse(request).success).toBe(false);
  });

  it("names each line once, in whole units above 0", () => {
    const twice = [
      { orderItemId: HONEY, quantity: 1 },
      { orderItemId: HONEY, quantity: 1 },
    ];
    expect(refundRequestSchema.safeParse({ ...request, items: twice }).error?.issues[0]?.message).toBe(
      "Name each item once.",
    );
    expect(refundRequestSchema.safeParse({ ...request, items: [{ orderItemId: HONEY, quantity: 0 }] }).success).toBe(
      false,
    );
  });
});

describe("prodRefundIdFor", () => {
  it("is stable, unique per refund and within the gateway's limits", () => {
    const id = "0b0f4f0e-9a0b-4d44-8d4f-2f6f7f1c3a11";
    expect(prodRefundIdFor(id)).toBe(prodRefundIdFor(id));
    expect(prodRefundIdFor(id)).toMatch(/^[A-Z0-9]{1,50}$/);
    expect(prodRefundIdFor(id)).not.toBe(prodRefundIdFor("1b0f4f0e-9a0b-4d44-8d4f-2f6f7f1c3a11"));
  });
});
