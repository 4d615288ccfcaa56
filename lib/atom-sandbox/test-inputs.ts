/**
 * The sandbox's test inputs: the only card numbers, VPAs and banks its payment page
 * accepts, and what each one does. README.md documents this same list.
 */
export type PaymentMethod = "card" | "upi" | "netbanking";
/** success and declined are final at once; pending settles later (see the "pending" switch). */
export type TestOutcome = "success" | "declined" | "pending";

export interface TestCard {
  number: string;
  outcome: TestOutcome;
  subChannel: "CC" | "DC";
  cardType: "CREDIT" | "DEBIT";
  scheme: "VISA" | "MASTERCARD";
  /** Convenience fee the gateway adds on top (totalAmount = amount + surcharge). */
  surchargePaise: number;
  description: string;
}

export const TEST_CARDS: readonly TestCard[] = [
  {
    number: "4111111111111111",
    outcome: "success",
    subChannel: "CC",
    cardType: "CREDIT",
    scheme: "VISA",
    surchargePaise: 0,
    description: "Success (credit card)",
  },
  {
    number: "5555555555554444",
    outcome: "success",
    subChannel: "DC",
    cardType: "DEBIT",
    scheme: "MASTERCARD",
    surchargePaise: 1_180,
    description: "Success with a ₹11.80 convenience fee (debit card)",
  },
  {
    number: "4000000000000002",
    outcome: "declined",
    subChannel: "CC",
    cardType: "CREDIT",
    scheme: "VISA",
    surchargePaise: 0,
    description: "Declined by the issuing bank",
  },
  {
    number: "4000000000000077",
    outcome: "pending",
    subChannel: "CC",
    cardType: "CREDIT",
    scheme: "VISA",
    surchargePaise: 0,
    description: "Pending with the bank, settles as success later",
  },
];

export interface TestVpa {
  vpa: string;
  outcome: TestOutcome;
  description: string;
}

export const TEST_VPAS: readonly TestVpa[] = [
  { vpa: "success@upi", outcome: "success", description: "Success" },
  { vpa: "failure@upi", outcome: "declined", description: "Collect request declined" },
  { vpa: "pending@upi", outcome: "pending", description: "Pending, settles as success later" },
];

export interface TestBank {
  id: number;
  name: string;
  outcome: TestOutcome;
}

export const TEST_BANKS: readonly TestBank[] = [
  { id: 2001, name: "State Bank of India (sandbox)", outcome: "success" },
  { id: 2002, name: "HDFC Bank (sandbox)", outcome: "success" },
  { id: 2099, name: "Atom Test Bank (always fails)", outcome: "declined" },
];

/** Any card expiry in the future, any 3-digit CVV and any name are accepted. */
export const SAMPLE_CARD_DETAILS = { expiry: "12/30", cvv: "123", name: "Test Shopper" } as const;

/** A pending test payment settles after this long unless the "pending" switch says otherwise. */
export const DEFAULT_SETTLE_AFTER_MS = 10_000;

/** Which payment methods the page offers for the AUTH request's subChannel hint. */
export function methodsFor(requestedSubChannel: string | null): PaymentMethod[] {
  switch (requestedSubChannel) {
    case "CC":
    case "DC":
      return ["card"];
    case "UP":
      return ["upi"];
    case "NB":
      return ["netbanking"];
    default:
      return ["card", "upi", "netbanking"];
  }
}
