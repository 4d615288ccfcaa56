import { describe, expect, it } from "vitest";
import { SUB_CHANNELS } from "@/lib/atom/auth-payload";
import { PAYMENT_METHOD_NAMES, paymentMethodLabel } from "./method-names";

describe("paymentMethodLabel", () => {
  it("names the gateway's sub-channels", () => {
    expect(paymentMethodLabel("UP")).toBe("UPI");
    expect(paymentMethodLabel("NB")).toBe("Net banking");
    expect(paymentMethodLabel("CC")).toBe("Credit card");
    expect(paymentMethodLabel("XX")).toBe("XX");
    expect(paymentMethodLabel("toString")).toBe("toString");
    expect(paymentMethodLabel(null)).toBe("—");
  });

  it("has a name for every sub-channel the gateway accepts", () => {
    expect(Object.keys(PAYMENT_METHOD_NAMES).sort()).toEqual([...SUB_CHANNELS].sort());
  });
});
