import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { desc, eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { seedDatabase } from "@/db/seed";
import { cartItems, carts, orders, paymentAttempts, products, type Order, type PaymentAttempt } from "@/db/schema";
import type { AtomClientOptions } from "@/lib/atom";
import type { JobsConfig, MailConfig } from "@/lib/env";
import { withRequestLogContext } from "@/lib/log-context";
import { answerCallback } from "@/lib/payments/gateway-routes";
import { parseGatewayBody, receiveGatewayResult } from "@/lib/payments/receive-gateway-result";
import { startCheckout } from "@/lib/payments/start-checkout";
import { payOnPage, startSandbox, type SandboxHarness } from "@/lib/atom-sandbox/testing/sandbox-harness";
import type { JobContext } from "../job-context";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";

// The whole loop on one test database, over real HTTP: the sandbox gateway, the shop's
// callback route (the same receive → answer path as app/api/atom/callback), checkout
// through lib/payments, and a JobContext whose gateway client talks to the sandbox.

/** Schedules short enough for a test to watch them run. */
export const FAST_JOBS: JobsConfig = {
  enabled: true,
  intervalMs: 200,
  requerySchedule: [1],
  paymentHorizonSeconds: 3,
  abandonAfterSeconds: 1,
  refundSyncSchedule: [1],
  refundHorizonSeconds: 3,
  consistencyCheckSeconds: 1,
};

const OUTBOX_ONLY: MailConfig = { smtpUrl: undefined, from: "Lotus Bazaar <shop@localhost>", notifyEmails: [] };

export interface ShopHarness {
  sandbox: SandboxHarness;
  /** The jobs' context: the sandbox's database, a real client against it. */
  context(overrides?: Partial<JobContext>, clientOptions?: AtomClientOptions): JobContext;
  /** Callbacks the shop's route answered, by HTTP status. */
  callbackStatuses: number[];
  /** Makes the callback route answer as if the database were down (503), or back up. */
  setCallbackDatabase(available: boolean): void;
  /** A cart with one seeded product, checked out: the order and its token_generated attempt. */
  placeOrder(): Promise<{ order: Order; attempt: PaymentAttempt }>;
  /** The shopper pays the attempt on the sandbox's page. */
  pay(attempt: PaymentAttempt, form: Record<string, string>): Promise<void>;
  attempt(id: string): Promise<PaymentAttempt>;
  order(id: string): Promise<Order>;
  close(): Promise<void>;
}

export async function startShop(): Promise<ShopHarness> {
  const callbackStatuses: number[] = [];
  const closed = openDatabase({});
  await closed.close();
  let databaseUp = true;
  // Set once the sandbox is up; the route is served first, so the sandbox can be told where it is.
  const started: { sandbox?: SandboxHarness } = {};

  // The shop's callback route, served before the sandbox exists so the sandbox can call it.
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const headers = { get: (name: string) => [request.headers[name.toLowerCase()]].flat()[0] ?? null };
    void withRequestLogContext(headers, async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      // While "down", the route gets a database that is really closed: every query fails in the driver.
      const outcome = await receiveGatewayResult(parseGatewayBody(Buffer.concat(chunks).toString("utf8")), "callback", {
        db: databaseUp ? started.sandbox!.database.db : closed.db,
        gateway: started.sandbox!.client(),
        merchId: started.sandbox!.atom.merchId,
      });
      const answer = answerCallback(outcome);
      callbackStatuses.push(answer.status);
      response.statusCode = answer.status;
      response.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/atom/callback`;
  const harness = await startSandbox({ callbackUrl });
  started.sandbox = harness;
  const db = harness.database.db;
  await seedDatabase(db, { generatedAdmin: false, log: () => {} });
  await harness.control.reset();
  await harness.control.set({ callback: { retryBaseMs: 50 } });

  const context = (overrides: Partial<JobContext> = {}, clientOptions: AtomClientOptions = {}): JobContext => ({
    db,
    gateway: harness.client({}, { maxAttempts: 1, timeoutMs: 2_000, ...clientOptions }),
    merchId: harness.atom.merchId,
    appUrl: "http://shop.test",
    jobs: FAST_JOBS,
    mail: OUTBOX_ONLY,
    ...overrides,
  });

  const orderById = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;
  return {
    sandbox: harness,
    context,
    callbackStatuses,
    setCallbackDatabase(available) {
      databaseUp = available;
    },
    async placeOrder() {
      // The product with the most stock: these tests are about payments, not about running out.
      const [product] = await db.select().from(products).orderBy(desc(products.stock)).limit(1);
      const [cart] = await db.insert(carts).values({}).returning();
      await db.insert(cartItems).values({ cartId: cart!.id, productId: product!.id, quantity: 1 });
      const started = await startCheckout(
        { db, gateway: harness.client(), atom: harness.atom, appUrl: "http://shop.test" },
        {
          cartId: cart!.id,
          userId: null,
          contact: { email: "asha@example.in", mobile: "9876543210" },
          delivery: TEST_DELIVERY,
        },
      );
      const order = await orderById(started.orderId);
      const [attempt] = await db
        .select()
        .from(paymentAttempts)
        .where(eq(paymentAttempts.merchTxnId, order.merchTxnId!));
      return { order, attempt: attempt! };
    },
    async pay(attempt, form) {
      const page = await payOnPage(harness.url, attempt.atomTokenId!, form);
      if (page.status !== 200) throw new Error(`the payment page answered ${page.status}`);
    },
    async attempt(id) {
      const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, id));
      return row!;
    },
    order: orderById,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await harness.close();
    },
  };
}
