import { describe, expect, it } from "vitest";
import { maskEmail, maskPersonalData, maskPhone } from "./mask-personal-data";

describe("maskPersonalData", () => {
  it("masks the shopper's email, mobile and name wherever they sit, and nothing else", () => {
    const payload = {
      payInstrument: {
        merchDetails: { merchId: 317157, merchTxnId: "LB123" },
        payDetails: { prodDetails: [{ prodName: "NSE", prodAmount: 100 }], custAccNo: "213232323" },
        payModeSpecificData: {
          bankDetails: { otsBankName: "Sandbox Card Network", cardMaskNumber: "411111XXXXXX1111" },
        },
        custDetails: { custEmail: "asha.rao@example.in", custMobile: "98765 43210", custFirstName: "Asha" },
        extras: { udf1: "order-42" },
      },
      list: [{ billingEmail: "b@example.in", phone: 9876543210, cardHolderName: "Asha Rao" }],
    };
    expect(maskPersonalData(payload)).toEqual({
      payInstrument: {
        ...payload.payInstrument,
        custDetails: { custEmail: "a***@example.in", custMobile: "******3210", custFirstName: "A***" },
      },
      list: [{ billingEmail: "b***@example.in", phone: "******3210", cardHolderName: "A***" }],
    });
    expect(JSON.stringify(maskPersonalData(payload))).not.toMatch(/asha\.rao|43210|"Asha"/);
  });

  it("leaves nothing readable of odd values", () => {
    expect(maskEmail("no-at-sign")).toBe("***");
    expect(maskEmail("@example.in")).toBe("***");
    expect(maskPhone("123")).toBe("****");
    expect(maskPersonalData(null)).toBe(null);
    expect(maskPersonalData("text")).toBe("text");
  });
});
