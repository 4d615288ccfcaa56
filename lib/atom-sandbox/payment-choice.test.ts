import { describe, expect, it } from "vitest";
import { parseIndiaDateTime } from "./apis/auth";
import { html } from "./html";
import { choosePayment } from "./payment-choice";
import { TEST_BANKS, TEST_CARDS, TEST_VPAS } from "./test-inputs";

const now = new Date("2026-11-25T10:00:00Z");
const card = (cardNumber: string, extra: Record<string, string> = {}) =>
  choosePayment(
    { method: "card", cardNumber, cardExpiry: "12/30", cardCvv: "123", cardName: "Test Shopper", ...extra },
    null,
    now,
  );

describe("choosePayment", () => {
  it.each(TEST_CARDS.map((test) => [test.number, test.outcome] as const))("card %s → %s", (number, outcome) => {
    expect(card(number)).toMatchObject({ kind: "decision", decision: { outcome } });
  });

  it("adds the surcharge card's fee and masks the number", () => {
    expect(card("5555 5555 5555 4444")).toMatchObject({
      decision: {
        subChannel: "DC",
        surchargePaise: 1_180,
        bankDetails: { cardMaskNumber: "555555XXXXXX4444", scheme: "MASTERCARD" },
      },
    });
  });

  it("follows the AUTH request's card subChannel", () => {
    const choice = choosePayment(
      { method: "card", cardNumber: "4111111111111111", cardExpiry: "12/30", cardCvv: "123", cardName: "A" },
      "DC",
      now,
    );
    expect(choice).toMatchObject({ decision: { subChannel: "DC" } });
  });

  it("explains each wrong card field", () => {
    expect(card("4111111111111112", { cardExpiry: "10/26", cardCvv: "12", cardName: " " })).toEqual({
      kind: "invalid",
      method: "card",
      errors: {
        cardNumber: "Enter a valid card number.",
        cardExpiry: "This card has expired.",
        cardCvv: "Enter the 3 or 4 digit security code.",
        cardName: "Enter the name on the card.",
      },
    });
    expect(card("4242424242424242")).toMatchObject({ errors: { cardNumber: expect.stringMatching(/test cards/) } });
    expect(card("4111111111111111", { cardExpiry: "13/30" })).toMatchObject({
      errors: { cardExpiry: "The month must be 01 to 12." },
    });
    expect(card("4111111111111111", { cardExpiry: "11/26" })).toMatchObject({ kind: "decision" });
  });

  it.each(TEST_VPAS.map((test) => [test.vpa, test.outcome] as const))("VPA %s → %s", (vpa, outcome) => {
    expect(choosePayment({ method: "upi", vpa: vpa.toUpperCase() }, null, now)).toMatchObject({
      decision: { outcome, subChannel: "UP" },
    });
  });

  it.each(TEST_BANKS.map((bank) => [bank.name, String(bank.id), bank.outcome] as const))(
    "bank %s → %s",
    (_name, bankId, outcome) => {
      expect(choosePayment({ method: "netbanking", bankId }, null, now)).toMatchObject({
        decision: { outcome, subChannel: "NB" },
      });
    },
  );

  it("cancels, and refuses a method the AUTH request ruled out", () => {
    expect(choosePayment({ action: "cancel" }, null, now)).toMatchObject({ decision: { outcome: "cancelled" } });
    expect(choosePayment({ method: "card" }, "UP", now)).toEqual({
      kind: "invalid",
      method: "upi",
      errors: { method: "Choose a payment method." },
    });
  });
});

describe("parseIndiaDateTime", () => {
  it("reads India time and rejects impossible dates", () => {
    expect(parseIndiaDateTime("2025-01-15 10:20:30")?.toISOString()).toBe("2025-01-15T04:50:30.000Z");
    expect(parseIndiaDateTime("2025-02-30 10:20:30")).toBeNull();
    expect(parseIndiaDateTime("2025-01-15 24:00:00")).toBeNull();
    expect(parseIndiaDateTime("2025-01-15T10:20:30")).toBeNull();
  });
});

describe("html", () => {
  it("escapes values, keeps nested markup, drops empty ones", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${null}${false}${["a&", html`<br>`]}</p>`.value).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>a&amp;<br></p>',
    );
  });
});
