import { describe, expect, it } from "vitest";
import { authRequestSchema, buildAuthRequest, type AuthInput } from "./auth-payload";
import { AtomValidationError } from "./errors";
import { testAtomConfig } from "./testing/samples";

const config = testAtomConfig();
const now = new Date("2025-01-15T05:00:00Z"); // 10:30:00 in India

const input: AuthInput = {
  merchTxnId: "ORDER-42-A1",
  merchTxnDate: new Date("2025-01-15T04:50:30Z"),
  amountPaise: 33_667,
  custEmail: "shopper@example.com",
  custMobile: "9876543210",
};

function issuesOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AtomValidationError) return error.issues.join("\n");
    throw error;
  }
  throw new Error("expected an AtomValidationError");
}

describe("buildAuthRequest", () => {
  it("builds the AUTH payload with rupees, India-time date and the configured product", () => {
    expect(buildAuthRequest(config, input, now)).toEqual({
      payInstrument: {
        headDetails: { version: "OTSv1.1", api: "AUTH", platform: "FLASH" },
        merchDetails: {
          merchId: 317157,
          password: "Test@123",
          merchTxnId: "ORDER-42-A1",
          merchTxnDate: "2025-01-15 10:20:30",
        },
        payDetails: { amount: 336.67, product: "NSE", txnCurrency: "INR" },
        custDetails: { custEmail: "shopper@example.com", custMobile: "9876543210" },
      },
    });
  });

  it("splits the amount across products when asked, and the parts must add up", () => {
    const split = buildAuthRequest(
      config,
      {
        ...input,
        products: [
          { name: "NSE", amountPaise: 33_000 },
          { name: "BSE", amountPaise: 667 },
        ],
      },
      now,
    );
    expect(split.payInstrument.payDetails).toEqual({
      amount: 336.67,
      prodDetails: [
        { prodName: "NSE", prodAmount: 330 },
        { prodName: "BSE", prodAmount: 6.67 },
      ],
      txnCurrency: "INR",
    });
    expect(
      issuesOf(() => buildAuthRequest(config, { ...input, products: [{ name: "NSE", amountPaise: 33_000 }] }, now)),
    ).toMatch(/prodDetails: prodAmount values must add up to amount/);
  });

  it("passes the optional fields through", () => {
    const payload = buildAuthRequest(
      config,
      {
        ...input,
        subChannel: "UP",
        udf: { udf1: "order 42" },
        custFirstName: "Asha",
        userId: "user-7",
        clientCode: "C1",
        custAccNo: "123",
      },
      now,
    );
    expect(payload.payInstrument.payModeSpecificData).toEqual({ subChannel: "UP" });
    expect(payload.payInstrument.extras).toEqual({ udf1: "order 42" });
    expect(payload.payInstrument.custDetails.custFirstName).toBe("Asha");
    expect(payload.payInstrument.merchDetails.userId).toBe("user-7");
  });

  it.each([
    ["merchTxnId too long", { merchTxnId: "x".repeat(51) }, /merchTxnId/],
    ["merchTxnId with spaces", { merchTxnId: "order 42" }, /merchTxnId/],
    ["bad email", { custEmail: "not-an-email" }, /custEmail/],
    ["email too long", { custEmail: `${"a".repeat(95)}@example.com` }, /custEmail/],
    ["short mobile", { custMobile: "12345" }, /custMobile/],
    ["mobile with letters", { custMobile: "98765abcde" }, /custMobile/],
    ["mobile too long", { custMobile: "1".repeat(21) }, /custMobile/],
    ["unknown subChannel", { subChannel: "XX" as never }, /subChannel/],
    ["udf too long", { udf: { udf3: "u".repeat(46) } }, /extras\.udf3/],
    ["userId too long", { userId: "u".repeat(46) }, /userId/],
  ])("refuses %s before sending", (_name, change, field) => {
    const run = () => buildAuthRequest(config, { ...input, ...change } as AuthInput, now);
    expect(issuesOf(run)).toMatch(field);
  });

  it("refuses an amount above 10 digits of rupees", () => {
    expect(() => buildAuthRequest(config, { ...input, amountPaise: 1_000_000_000_000 }, now)).toThrow(
      AtomValidationError,
    );
  });

  it("refuses a future or invalid merchTxnDate", () => {
    expect(
      issuesOf(() => buildAuthRequest(config, { ...input, merchTxnDate: new Date(now.getTime() + 1000) }, now)),
    ).toMatch(/future/);
    expect(() => buildAuthRequest(config, { ...input, merchTxnDate: new Date("nope") }, now)).toThrow(
      AtomValidationError,
    );
  });

  it("never puts a value in the validation message (only paths and rules)", () => {
    const message = issuesOf(() => buildAuthRequest(config, { ...input, custEmail: "leaky-value" }, now));
    expect(message).not.toContain("leaky-value");
  });

  it("the schema also rejects malformed dates, product and prodDetails together, or another currency", () => {
    const good = buildAuthRequest(config, input, now);
    const withDate = structuredClone(good);
    withDate.payInstrument.merchDetails.merchTxnDate = "2025-01-15T10:20:30";
    expect(authRequestSchema.safeParse(withDate).success).toBe(false);
    const both = structuredClone(good);
    both.payInstrument.payDetails.prodDetails = [{ prodName: "NSE", prodAmount: 336.67 }];
    expect(authRequestSchema.safeParse(both).success).toBe(false);
    const dollars = structuredClone(good) as { payInstrument: { payDetails: { txnCurrency: string } } };
    dollars.payInstrument.payDetails.txnCurrency = "USD";
    expect(authRequestSchema.safeParse(dollars).success).toBe(false);
  });
});
