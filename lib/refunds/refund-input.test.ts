import { describe, expect, it } from "vitest";
import { prodRefundIdFor, refundFormSchema } from "./refund-input";

describe("refundFormSchema", () => {
  const form = {
    orderId: "0b0f4f0e-9a0b-4d44-8d4f-2f6f7f1c3a11",
    amount: "100.25",
    reason: " Damaged ",
    idempotencyKey: "8c1b2f0e-2d4f-4b9e-9e7a-0c2d3e4f5a6b",
  };

  it("turns the form's text into the service's input", () => {
    expect(refundFormSchema.parse(form)).toEqual({
      ...form,
      amount: undefined,
      amountPaise: 10_025,
      reason: "Damaged",
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
    expect(refundFormSchema.safeParse({ ...form, amount: "0" }).error?.issues[0]?.path).toEqual(["amountPaise"]);
    expect(refundFormSchema.safeParse({ ...form, reason: "x" }).error?.issues[0]?.path).toEqual(["reason"]);
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
