import { and, eq } from "drizzle-orm";
import { cartItems, carts, paymentAttempts } from "@/db/schema";
import { cancelPendingOrder } from "@/lib/orders/cancel-order";
import { CheckoutError, retryPayment, startCheckout, type CheckoutStarted } from "@/lib/payments/start-checkout";
import type { App } from "./connect-app";
import { refundPayment, type RefundWanted } from "./drive-refunds";
import { applyPaymentFaults, planPaymentFaults } from "./inject-faults";
import {
  CANCEL_FORM,
  openPaymentPage,
  paymentForm,
  postBrowserReturn,
  submitPaymentPage,
  type Launch,
  type PageForm,
} from "./pay-on-page";
import { randomFor, type Random } from "./seeded-random";
import { sleep } from "../start-next-server";
import type { Instance } from "./start-instances";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";

// One shopper per payment: a cart from the seeded catalog, the app's own startCheckout
// (AUTH on one instance), the sandbox's payment page (on either), and what the shopper
// does there, drawn from the scenarios below. Fault switches are set per attempt.

const SCENARIO_WEIGHTS = {
  paid: 48,
  declined: 7,
  declinedThenPaid: 8,
  pendingThenPaid: 9,
  pendingThenFailed: 3,
  cancelledOnPage: 3,
  abandoned: 10,
  paidTwice: 7,
  paidAfterCancel: 5,
} as const;

const OWN_REFUND_SHARE = 0.35;
const EXTRA_REFUND_SHARE = 0.7;
const BROWSER_RETURN_SHARE = 0.4;
/** How long a payment's shopper waits for the order to be paid before its refund is left for later. */
const INLINE_REFUND_WAIT_MS = 3_000;

export interface DriveState {
  /** Payments started and finished, for the progress line and the kill schedule. */
  started: number;
  finished: number;
  /** Refunds whose payment was not paid yet when its shopper finished: tried again after the drive. */
  deferredRefunds: RefundWanted[];
  /** Status hangs waiting to be lifted. */
  lifts: Array<Promise<void>>;
}

interface Attempt {
  orderId: string;
  merchTxnId: string;
  amountPaise: number;
  launch: Launch;
}

/** Drives `count` payments, `concurrency` at a time. */
export async function drivePayments(app: App, state: DriveState, count: number, concurrency: number, seed: number) {
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < count) {
      const index = nextIndex;
      nextIndex += 1;
      state.started += 1;
      try {
        await drivePayment(app, state, index, randomFor(seed, index));
      } catch (error) {
        app.tally.error(`payment ${index}`, error);
      }
      state.finished += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function drivePayment(app: App, state: DriveState, index: number, random: Random): Promise<void> {
  const scenario = random.weighted(SCENARIO_WEIGHTS);
  app.tally.add(`scenario:${scenario}`);
  const cartId = await fillCart(app, random);
  const contact = { email: `soak-${index}@example.com`, mobile: `9${random.int(100_000_000, 999_999_999)}` };
  const first = await checkout(app, (instance) =>
    startCheckout(app.paymentContext(instance), { cartId, userId: null, contact, delivery: TEST_DELIVERY }),
  );
  const wanted: RefundWanted[] = [];
  const wantRefund = (payment: RefundWanted["payment"], share: number) => {
    if (random.chance(share)) wanted.push({ orderId: first.orderId, payment });
  };

  switch (scenario) {
    case "paid":
      await pay(app, state, random, first, paymentForm(random, "success"));
      wantRefund("own", OWN_REFUND_SHARE);
      break;
    case "declined":
      await pay(app, state, random, first, paymentForm(random, "declined"));
      break;
    case "declinedThenPaid":
      await pay(app, state, random, first, paymentForm(random, "declined"));
      await pay(app, state, random, await payAgain(app, first.orderId), paymentForm(random, "success"));
      wantRefund("own", OWN_REFUND_SHARE);
      break;
    case "pendingThenPaid":
      await pay(app, state, random, first, paymentForm(random, "pending"), "success");
      wantRefund("own", OWN_REFUND_SHARE);
      break;
    case "pendingThenFailed":
      await pay(app, state, random, first, paymentForm(random, "pending"), "failed");
      break;
    case "cancelledOnPage":
      await pay(app, state, random, first, CANCEL_FORM);
      break;
    case "abandoned":
      // The overlay opened and was closed: nothing is paid, nothing is sent.
      await openPaymentPage(app, first.launch);
      break;
    case "paidTwice": {
      // Two tabs: "Pay again" opened a second attempt while the first token was still open.
      const second = await payAgain(app, first.orderId);
      await pay(app, state, random, second, paymentForm(random, "success"));
      await pay(app, state, random, first, paymentForm(random, "success"));
      wantRefund("own", OWN_REFUND_SHARE);
      wantRefund("extra", EXTRA_REFUND_SHARE);
      break;
    }
    case "paidAfterCancel":
      await cancelPendingOrder(app.db, first.orderId);
      await pay(app, state, random, first, paymentForm(random, "success"));
      wantRefund("extra", EXTRA_REFUND_SHARE);
      break;
  }
  for (const refund of wanted) await refundSoon(app, state, refund, random);
}

/** A cart of one to three catalog products, as the shop's cart would hold it. */
async function fillCart(app: App, random: Random): Promise<string> {
  const [cart] = await app.db.insert(carts).values({}).returning({ id: carts.id });
  const chosen = new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(app.productIds)));
  await app.db
    .insert(cartItems)
    .values([...chosen].map((productId) => ({ cartId: cart!.id, productId, quantity: random.int(1, 3) })));
  return cart!.id;
}

/**
 * startCheckout (or retryPayment) with AUTH on the next live instance. When AUTH fails (an
 * instance killed under it), the shopper presses "Pay again", as the page invites them to.
 */
async function checkout(app: App, start: (instance: Instance) => Promise<CheckoutStarted>): Promise<Attempt> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attemptOf(app, await start(await app.fleet.next()));
    } catch (error) {
      const orderId = error instanceof CheckoutError ? error.orderId : undefined;
      if (!(error instanceof CheckoutError) || error.code !== "payment_unavailable" || orderId === undefined)
        throw error;
      if (tries >= 5) throw error;
      app.tally.add("retry:checkout (AUTH failed, paid again)");
      await sleep(500 * tries);
      start = (instance) => retryPayment(app.paymentContext(instance), orderId);
    }
  }
}

function payAgain(app: App, orderId: string): Promise<Attempt> {
  return checkout(app, (instance) => retryPayment(app.paymentContext(instance), orderId));
}

async function attemptOf(app: App, started: CheckoutStarted): Promise<Attempt> {
  const [attempt] = await app.db
    .select({ merchTxnId: paymentAttempts.merchTxnId, amount: paymentAttempts.amount })
    .from(paymentAttempts)
    .where(
      and(eq(paymentAttempts.orderId, started.orderId), eq(paymentAttempts.atomTokenId, started.launch.atomTokenId)),
    );
  if (attempt === undefined) throw new Error(`no attempt holds token ${started.launch.atomTokenId}`);
  return {
    orderId: started.orderId,
    merchTxnId: attempt.merchTxnId,
    amountPaise: attempt.amount,
    launch: started.launch,
  };
}

/** Sets the attempt's switches, then pays on the page; sometimes the browser returns to the shop. */
async function pay(
  app: App,
  state: DriveState,
  random: Random,
  attempt: Attempt,
  form: PageForm,
  pendingSettlesAs?: "success" | "failed",
): Promise<void> {
  const faults = planPaymentFaults(random, attempt.merchTxnId, attempt.amountPaise, pendingSettlesAs);
  await applyPaymentFaults(app, faults, state.lifts);
  await openPaymentPage(app, attempt.launch);
  const resultPage = await submitPaymentPage(app, attempt.launch.atomTokenId, form);
  if (faults.allowsReturn && random.chance(BROWSER_RETURN_SHARE)) {
    await postBrowserReturn(app, resultPage);
    app.tally.add("shopper:browser returned");
  }
}

/** Refunds once the payment is recorded, waiting a moment; otherwise leaves it for after the drive. */
async function refundSoon(app: App, state: DriveState, wanted: RefundWanted, random: Random): Promise<void> {
  const deadline = Date.now() + INLINE_REFUND_WAIT_MS;
  while ((await refundPayment(app, wanted, random)) === "not_ready") {
    if (Date.now() > deadline) {
      state.deferredRefunds.push(wanted);
      return;
    }
    await sleep(250);
  }
}
