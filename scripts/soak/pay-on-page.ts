import {
  SAMPLE_CARD_DETAILS,
  TEST_BANKS,
  TEST_CARDS,
  TEST_VPAS,
  type TestOutcome,
} from "@/lib/atom-sandbox/test-inputs";
import { fetchFrom, onSomeInstance } from "./call-instance";
import type { App } from "./connect-app";
import type { Random } from "./seeded-random";

// The shopper's side of the overlay, over plain HTTP: open the sandbox's payment page,
// submit it with one of its test inputs, and (sometimes) let the browser return.

export type PageForm = Record<string, string>;

/** A form for one of the sandbox's test inputs that ends as `outcome`, by card, UPI or net banking. */
export function paymentForm(random: Random, outcome: TestOutcome): PageForm {
  const cards = TEST_CARDS.filter((card) => card.outcome === outcome);
  const vpas = TEST_VPAS.filter((vpa) => vpa.outcome === outcome);
  const banks = TEST_BANKS.filter((bank) => bank.outcome === outcome);
  const method = random.pick([
    ...(cards.length > 0 ? (["card", "card"] as const) : []),
    ...(vpas.length > 0 ? (["upi"] as const) : []),
    ...(banks.length > 0 ? (["netbanking"] as const) : []),
  ]);
  switch (method) {
    case "card":
      return {
        method,
        cardNumber: random.pick(cards).number,
        cardExpiry: SAMPLE_CARD_DETAILS.expiry,
        cardCvv: SAMPLE_CARD_DETAILS.cvv,
        cardName: SAMPLE_CARD_DETAILS.name,
      };
    case "upi":
      return { method, vpa: random.pick(vpas).vpa };
    case "netbanking":
      return { method, bankId: String(random.pick(banks).id) };
  }
}

/** The page's Cancel button. */
export const CANCEL_FORM: PageForm = { action: "cancel" };

export interface Launch {
  atomTokenId: string;
  merchId: string;
  custEmail: string;
  custMobile: string;
  returnUrl: string;
}

/** What the overlay's iframe opens; it records the returnUrl on the token. */
export async function openPaymentPage(app: App, launch: Launch): Promise<void> {
  const query = new URLSearchParams({
    merchId: launch.merchId,
    custEmail: launch.custEmail,
    custMobile: launch.custMobile,
    returnUrl: launch.returnUrl,
  });
  await onSomeInstance(app, "payment page", async (instance) => {
    const response = await fetchFrom(`${instance.url}/atom-sandbox/pay/${launch.atomTokenId}?${query}`);
    await response.text();
    if (response.status !== 200) throw new Error(`payment page answered ${response.status}`);
  });
}

/**
 * Submits the page; returns the result page's HTML. Repeating it is safe: a token already
 * paid answers its result page again.
 */
export async function submitPaymentPage(app: App, atomTokenId: string, form: PageForm): Promise<string> {
  return onSomeInstance(app, "payment page", async (instance) => {
    const response = await fetchFrom(`${instance.url}/atom-sandbox/pay/${atomTokenId}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`payment page submit answered ${response.status}`);
    return html;
  });
}

/** The browser follows the result page's form to the shop's return route (303 to the order page). */
export async function postBrowserReturn(app: App, resultPage: string): Promise<void> {
  const encData = /name="encData" value="([0-9A-F]+)"/.exec(resultPage)?.[1];
  const merchId = /name="merchId" value="(\d+)"/.exec(resultPage)?.[1];
  if (encData === undefined || merchId === undefined) throw new Error("the result page has no return form");
  await onSomeInstance(app, "browser return", async (instance) => {
    const response = await fetchFrom(`${instance.url}/api/atom/return`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ encData, merchId }).toString(),
    });
    await response.body?.cancel();
    if (response.status !== 303) throw new Error(`return route answered ${response.status}`);
  });
}
