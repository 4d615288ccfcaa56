import { randomInt } from "node:crypto";
import { z } from "zod";
import type { PaymentDecision } from "./payments";
import { methodsFor, TEST_BANKS, TEST_CARDS, TEST_VPAS, type PaymentMethod } from "./test-inputs";

/** What the payment page's form posts. */
export type PaymentForm = Record<string, string>;

export type FieldErrors = Partial<
  Record<"cardNumber" | "cardExpiry" | "cardCvv" | "cardName" | "vpa" | "bankId" | "method", string>
>;

export type PaymentChoice =
  { kind: "decision"; decision: PaymentDecision } | { kind: "invalid"; method: PaymentMethod; errors: FieldErrors };

const DECLINE_REASONS: Record<PaymentMethod, string> = {
  card: "DECLINED BY ISSUING BANK",
  upi: "COLLECT REQUEST DECLINED BY CUSTOMER",
  netbanking: "DECLINED BY BANK",
};

const methodSchema = z.enum(["card", "upi", "netbanking"]);

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** "MM/YY" (spaces allowed) that has not ended yet. */
function expiryProblem(text: string, now: Date): string | null {
  const match = /^\s*(\d{2})\s*\/?\s*(\d{2})\s*$/.exec(text);
  if (match === null) return "Enter the expiry as MM/YY.";
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  if (month < 1 || month > 12) return "The month must be 01 to 12.";
  const endOfMonth = Date.UTC(year, month, 1);
  return endOfMonth <= now.getTime() ? "This card has expired." : null;
}

function cardChoice(form: PaymentForm, requestedSubChannel: string | null, now: Date): PaymentChoice {
  const errors: FieldErrors = {};
  const number = (form.cardNumber ?? "").replace(/[\s-]/g, "");
  const card = TEST_CARDS.find((candidate) => candidate.number === number);
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) errors.cardNumber = "Enter a valid card number.";
  else if (card === undefined) errors.cardNumber = "This sandbox only accepts its test cards (listed below).";
  const expiry = expiryProblem(form.cardExpiry ?? "", now);
  if (expiry !== null) errors.cardExpiry = expiry;
  if (!/^\d{3,4}$/.test((form.cardCvv ?? "").trim())) errors.cardCvv = "Enter the 3 or 4 digit security code.";
  const name = (form.cardName ?? "").trim();
  if (name === "" || name.length > 60) errors.cardName = "Enter the name on the card.";
  if (card === undefined || Object.keys(errors).length > 0) return { kind: "invalid", method: "card", errors };
  // The AUTH request may have asked for one card type; the page then processes it as that.
  const subChannel =
    requestedSubChannel === "CC" || requestedSubChannel === "DC" ? requestedSubChannel : card.subChannel;
  return {
    kind: "decision",
    decision: {
      outcome: card.outcome,
      subChannel,
      surchargePaise: card.outcome === "declined" ? 0 : card.surchargePaise,
      declineReason: DECLINE_REASONS.card,
      bankDetails: {
        otsBankId: 5,
        otsBankName: "Sandbox Card Network",
        cardType: card.cardType,
        cardMaskNumber: `${number.slice(0, 6)}XXXXXX${number.slice(-4)}`,
        scheme: card.scheme,
        authId: String(randomInt(100_000, 1_000_000)),
      },
    },
  };
}

function upiChoice(form: PaymentForm): PaymentChoice {
  const vpa = (form.vpa ?? "").trim().toLowerCase();
  const test = TEST_VPAS.find((candidate) => candidate.vpa === vpa);
  if (!/^[a-z0-9._-]{2,256}@[a-z0-9]{2,64}$/.test(vpa)) {
    return { kind: "invalid", method: "upi", errors: { vpa: "Enter a UPI ID such as name@bank." } };
  }
  if (test === undefined) {
    return {
      kind: "invalid",
      method: "upi",
      errors: { vpa: "This sandbox only accepts its test UPI IDs (listed below)." },
    };
  }
  return {
    kind: "decision",
    decision: {
      outcome: test.outcome,
      subChannel: "UP",
      surchargePaise: 0,
      declineReason: DECLINE_REASONS.upi,
      bankDetails: { otsBankId: 7, otsBankName: "UPI (sandbox)" },
    },
  };
}

function netBankingChoice(form: PaymentForm): PaymentChoice {
  const bank = TEST_BANKS.find((candidate) => String(candidate.id) === form.bankId);
  if (bank === undefined) return { kind: "invalid", method: "netbanking", errors: { bankId: "Choose your bank." } };
  return {
    kind: "decision",
    decision: {
      outcome: bank.outcome,
      subChannel: "NB",
      surchargePaise: 0,
      declineReason: DECLINE_REASONS.netbanking,
      bankDetails: { otsBankId: bank.id, otsBankName: bank.name },
    },
  };
}

/** The shopper pressed Cancel: the gateway reports it as OTS0101. */
const CANCELLED: PaymentDecision = { outcome: "cancelled", subChannel: null, surchargePaise: 0, bankDetails: {} };

/** Reads the posted payment form against the test inputs. */
export function choosePayment(form: PaymentForm, requestedSubChannel: string | null, now = new Date()): PaymentChoice {
  if (form.action === "cancel") return { kind: "decision", decision: CANCELLED };
  const allowed = methodsFor(requestedSubChannel);
  const method = methodSchema.safeParse(form.method);
  if (!method.success || !allowed.includes(method.data)) {
    return { kind: "invalid", method: allowed[0] ?? "card", errors: { method: "Choose a payment method." } };
  }
  switch (method.data) {
    case "card":
      return cardChoice(form, requestedSubChannel, now);
    case "upi":
      return upiChoice(form);
    case "netbanking":
      return netBankingChoice(form);
  }
}
