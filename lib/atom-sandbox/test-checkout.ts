import "server-only";
import { randomBytes } from "node:crypto";
import { createAtomClient } from "@/lib/atom";
import { getEnv } from "@/lib/env";

/** What the test page hands the checkout script (nothing secret). */
export interface TestCheckoutLaunch {
  atomTokenId: string;
  merchId: string;
  merchTxnId: string;
  custEmail: string;
  custMobile: string;
  returnUrl: string;
  scriptUrl: string;
  /** The checkout script's second argument: the sandbox stands in for the gateway's UAT host. */
  env: "uat";
  amountPaise: number;
}

const TEST_CHECKOUT_AMOUNT_PAISE = 100;

/**
 * /atom-sandbox/test-checkout: AUTH for ₹1.00 through lib/atom's real client (over HTTP,
 * against this app's sandbox), returning to the sandbox's own echo page, so the overlay
 * can be tried before the shop's checkout and return routes exist.
 */
export async function startTestCheckout(): Promise<TestCheckoutLaunch> {
  const { atom, appUrl } = getEnv();
  const merchTxnId = `SBXTEST-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const customer = { custEmail: "sandbox.shopper@example.com", custMobile: "9876543210" };
  const token = await createAtomClient(atom).auth({
    merchTxnId,
    merchTxnDate: new Date(),
    amountPaise: TEST_CHECKOUT_AMOUNT_PAISE,
    ...customer,
    udf: { udf1: "sandbox test checkout" },
  });
  return {
    atomTokenId: token.atomTokenId,
    merchId: atom.merchId,
    merchTxnId,
    ...customer,
    returnUrl: `${appUrl}/atom-sandbox/test-return`,
    scriptUrl: atom.urls.checkoutScript,
    env: "uat",
    amountPaise: TEST_CHECKOUT_AMOUNT_PAISE,
  };
}
