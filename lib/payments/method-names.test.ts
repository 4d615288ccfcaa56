import { describe, expect, it } from "vitest";
import { SUB_CHANNELS } from "@/lib/atom/auth-payload";
import { paymentMethodName } from "./method-names";

describe("paymentMethodName", () => {
  it("names the gateway's sub-channels", () => {
    expect(paymentMethodName("UP")).toBe("UPI");
    expect(paymentMethodName("CC")).toBe("Credit card");
    expect(paymentMethodName("XX")).toBe("XX");
    expect(paymentMethodName(null)).toBe("—");
  });

  it("has a name for every sub-channel the gateway knows", () => {
    for (const code of SUB_CHANNELS) expect(paymentMethodName(code)).not.toBe(code);
  });
});
