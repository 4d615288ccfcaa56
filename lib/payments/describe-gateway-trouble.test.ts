import { describe, expect, it } from "vitest";
import {
  AtomConfigurationError,
  AtomGatewayError,
  AtomSystemError,
  AtomTimeoutError,
  AtomValidationError,
} from "@/lib/atom";
import { describeGatewayTrouble } from "./describe-gateway-trouble";

describe("describeGatewayTrouble", () => {
  it("says the gateway is down when it answered 5xx, and slow only when it timed out", () => {
    const down = describeGatewayTrouble(new AtomSystemError("AUTH: HTTP 503", "unavailable", { httpStatus: 503 }));
    const slow = describeGatewayTrouble(new AtomTimeoutError("AUTH timed out"));
    expect(down).toMatch(/^The payment service is down at the moment\./);
    expect(down).not.toMatch(/in time/);
    expect(slow).toMatch(/^The payment service did not answer in time\./);
    expect(describeGatewayTrouble(new AtomSystemError("refused", "unreachable"))).toMatch(/could not reach/);
    expect(describeGatewayTrouble(new AtomSystemError("reset", "network"))).toMatch(/connection .* broke off/);
  });

  it("tells every shopper that nothing was paid and the cart is kept", () => {
    for (const error of [
      new AtomSystemError("x", "unavailable"),
      new AtomTimeoutError("x"),
      new AtomConfigurationError("x"),
      new AtomGatewayError("x"),
    ])
      expect(describeGatewayTrouble(error)).toContain("No payment was started and your cart is saved");
    expect(describeGatewayTrouble(new AtomValidationError("x"))).toMatch(/check your email and mobile number/);
  });
});
