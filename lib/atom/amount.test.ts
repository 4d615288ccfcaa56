import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  gatewayAmountToPaise,
  MAX_GATEWAY_PAISE,
  paiseToPayloadNumber,
  paiseToSignatureAmount,
  paiseToTwoDecimals,
} from "./amount";
import { AtomValidationError } from "./errors";

// The reference spelling is built digit by digit from integers, never from floats.
function expectedTwoDecimals(paise: number): string {
  const digits = String(paise).padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
// JSON writes 5.00 as "5" and 336.60 as "336.6".
function expectedJsonText(paise: number): string {
  const two = expectedTwoDecimals(paise);
  if (two.endsWith(".00")) return two.slice(0, -3);
  return two.endsWith("0") ? two.slice(0, -1) : two;
}

describe("amount conversions", () => {
  it("match the examples on the protocol page", () => {
    expect(paiseToPayloadNumber(500)).toBe(5);
    expect(paiseToPayloadNumber(33_667)).toBe(336.67);
    expect(paiseToSignatureAmount(500)).toBe("5");
    expect(paiseToSignatureAmount(33_660)).toBe("336.6");
    expect(paiseToSignatureAmount(33_667)).toBe("336.67");
    expect(paiseToTwoDecimals(500)).toBe("5.00");
    expect(paiseToTwoDecimals(33_667)).toBe("336.67");
    expect(paiseToTwoDecimals(5)).toBe("0.05");
    expect(paiseToTwoDecimals(0)).toBe("0.00");
  });

  it("are exact for every amount from 0.00 to 99,999.99", () => {
    // 10,000,000 amounts (about 8 s); failures are collected rather than asserted one by one
    // to keep it fast. The string path of gatewayAmountToPaise is covered by the property below.
    const failures: number[] = [];
    for (let paise = 0; paise <= 9_999_999; paise += 1) {
      const two = paiseToTwoDecimals(paise);
      const number = paiseToPayloadNumber(paise);
      const text = paiseToSignatureAmount(paise);
      if (
        two !== expectedTwoDecimals(paise) ||
        text !== expectedJsonText(paise) ||
        gatewayAmountToPaise(number) !== paise
      ) {
        failures.push(paise);
        if (failures.length > 10) break;
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("round-trip through the gateway's JSON for any safe amount of paise (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_GATEWAY_PAISE }), (paise) => {
        const json = JSON.stringify({ amount: paiseToPayloadNumber(paise) });
        const parsed = JSON.parse(json) as { amount: number };
        expect(gatewayAmountToPaise(parsed.amount)).toBe(paise);
        expect(json).toBe(`{"amount":${paiseToSignatureAmount(paise)}}`);
        expect(paiseToTwoDecimals(paise)).toBe(expectedTwoDecimals(paise));
        expect(gatewayAmountToPaise(paiseToTwoDecimals(paise))).toBe(paise);
      }),
      { numRuns: 5_000 },
    );
  });

  it("writes two decimals exactly for any safe amount (property)", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (paise) => {
        expect(paiseToTwoDecimals(paise)).toBe(expectedTwoDecimals(paise));
        expect(gatewayAmountToPaise(paiseToTwoDecimals(paise))).toBe(paise);
      }),
      { numRuns: 5_000 },
    );
  });

  it("refuses payload amounts beyond the gateway's 10 digits of rupees", () => {
    expect(paiseToSignatureAmount(MAX_GATEWAY_PAISE)).toBe("9999999999.99");
    expect(() => paiseToPayloadNumber(MAX_GATEWAY_PAISE + 1)).toThrow(AtomValidationError);
    expect(paiseToTwoDecimals(Number.MAX_SAFE_INTEGER)).toBe("90071992547409.91");
  });

  it("reads gateway amounts written either way, exactly", () => {
    expect(gatewayAmountToPaise(336.67)).toBe(33_667);
    expect(gatewayAmountToPaise("336.67")).toBe(33_667);
    expect(gatewayAmountToPaise("336.6")).toBe(33_660);
    expect(gatewayAmountToPaise(5)).toBe(500);
    expect(gatewayAmountToPaise("5.000")).toBe(500);
    // Trailing zeros past the paise do not shift the paise (found by the mutation run).
    expect(gatewayAmountToPaise("5.100")).toBe(510);
    expect(gatewayAmountToPaise("12.0500")).toBe(1_205);
    expect(gatewayAmountToPaise(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(gatewayAmountToPaise(99_999.99)).toBe(9_999_999);
  });

  it.each([
    ["negative", -1],
    ["three decimals", 1.005],
    ["three decimals as text", "1.001"],
    ["float noise", 0.1 + 0.2],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["exponent", 1e21],
    ["empty text", ""],
    ["sign", "+5"],
    ["spaces", " 5"],
    ["comma", "1,000"],
    ["more paise than a safe integer holds", "90071992547409.93"],
  ])("rejects a gateway amount with %s", (_name, value) => {
    expect(() => gatewayAmountToPaise(value)).toThrow(AtomValidationError);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, Number.POSITIVE_INFINITY])("rejects %s paise", (paise) => {
    expect(() => paiseToTwoDecimals(paise)).toThrow(AtomValidationError);
    expect(() => paiseToPayloadNumber(paise)).toThrow(AtomValidationError);
    expect(() => paiseToSignatureAmount(paise)).toThrow(AtomValidationError);
  });
});
