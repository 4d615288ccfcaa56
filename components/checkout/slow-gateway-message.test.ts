import { describe, expect, it } from "vitest";
import { slowGatewayMessage } from "./slow-gateway-message";

describe("slowGatewayMessage", () => {
  it("says nothing for the first three seconds", () => {
    expect(slowGatewayMessage(0)).toBe("");
    expect(slowGatewayMessage(2_999)).toBe("");
  });

  it("then says the gateway is awaited, and later not to pay twice", () => {
    expect(slowGatewayMessage(3_000)).toBe("Still waiting for the payment gateway…");
    expect(slowGatewayMessage(9_999)).toBe("Still waiting for the payment gateway…");
    expect(slowGatewayMessage(10_000)).toMatch(/^Still waiting for the payment gateway… .*do not press Pay again/);
    expect(slowGatewayMessage(60_000)).toMatch(/nothing has been charged yet/);
  });
});
