import { randomUUID } from "node:crypto";
import {
  expect,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { z } from "zod";
import { CATALOG } from "../../db/catalog";
import { sandboxControl } from "../../lib/atom-sandbox/control-client";
import { E2E_ADMIN } from "./accounts";
import { builtAction, type BuiltAction } from "./build-manifests";
import type { Identity } from "./readme-matrix";
import { callServerAction, type ActionAnswer } from "./server-action";
import { SHOPPER_DETAILS, SUCCESS_CARD } from "./purchase";
import { newShopper, signIn, signUp } from "./shopper";

// The shop as the authorization matrix walks it: four people (each a browser context signed
// in through the real sign-in, or not at all, each at its own address), and the things they
// may or may not see, made through the shop's real flows: orders through the cart and
// checkout actions, payments through the sandbox's own payment page and the return route,
// refunds through the admin's action.

/** One person at one address: requests carry that address as a trusted proxy would append it. */
export interface Actor {
  identity: Identity;
  address: string;
  request: APIRequestContext;
  /** A signed-in person's email. */
  email?: string;
}

/** What a row is about: an order (with its link's key), a refund, a needs-attention item. */
export interface Thing {
  orderId?: string;
  key?: string;
  attemptId?: string;
  refundId?: string;
  seenEventId?: string;
  itemId?: string;
  productId?: string;
  tokenId?: string;
}

export const CART_ACTIONS = "components/cart/actions.ts";
export const CHECKOUT_ACTIONS = "components/checkout/actions.ts";
export const ADMIN_ACTIONS = "components/admin/actions.ts";
export const API_TOKEN_ACTIONS = "components/admin/api-token-actions.ts";

/** Seeded products, each used once per shopper so every checkout makes a new order. */
const PRODUCTS = CATALOG.map((product) => product.slug);
export const PRODUCT_SLUG = PRODUCTS[0]!;
/** The product whose level the walk sets (one more unit each time): the catalog's last, the least bought by other specs. */
export const STOCKED_SLUG = PRODUCTS.at(-1)!;
/** The checkout form's fields for an actor: their email (a guest's own), the shared test address. */
export function checkoutFields(actor: Actor): Record<string, string> {
  return { ...SHOPPER_DETAILS, email: actor.email ?? "matrix-guest@example.in" };
}

/** The refund the refunds API's route rows read: one for all their cells (see MatrixShop.processingRefund). */
export const REFUND_FOR_READING = "the shopper's refund, processing, for reading";

/** What an admin gives when marking an order shipped. */
export const SHIPMENT_FIELDS = { carrier: "India Post", trackingNumber: "EE123456789IN" };

const launchSchema = z.object({
  atomTokenId: z.string(),
  merchId: z.string(),
  custEmail: z.string(),
  custMobile: z.string(),
  returnUrl: z.url(),
});
type Launch = z.infer<typeof launchSchema>;

let addresses = Math.floor(Math.random() * 200);
/** An address (of a documentation range) of its own, so the matrix neither trips nor uses up another spec's limits. */
function matrixAddress(): string {
  addresses += 1;
  return `192.0.2.${(addresses % 250) + 1}`;
}

/** The first match's group, or a failure naming what was looked for. */
function pick(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (match?.[1] === undefined) throw new Error(`no ${what} found`);
  return match[1];
}

const decodeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

export class MatrixShop {
  readonly actors = {} as Record<Identity, Actor>;
  #orderIds = new Set<string>();
  #productsUsed = new Map<Actor, number>();
  #shared = new Map<string, Promise<unknown>>();
  #contexts: BrowserContext[] = [];

  constructor(
    readonly baseURL: string,
    readonly browser: Browser,
    private readonly actions: BuiltAction[],
  ) {}

  /** Anonymous, two shoppers (signed up through the sign-up page) and the admin (signed in through the sign-in page). */
  async meetEveryone(): Promise<void> {
    this.actors.anonymous = await this.newActor("anonymous");
    for (const identity of ["shopper", "another shopper"] as const) {
      const actor = await this.newActor(identity, async (page) => {
        const shopper = newShopper(`matrix-${identity.replace(" ", "-")}`);
        await signUp(page, shopper);
        return shopper.email;
      });
      this.actors[identity] = actor;
    }
    this.actors.admin = await this.newActor("admin", async (page) => {
      await page.goto("/sign-in");
      await page.waitForLoadState("networkidle");
      await signIn(page, E2E_ADMIN);
      return E2E_ADMIN.email;
    });
  }

  /** A person of their own: a browser context at a new address, signed in by `signIn` if given. */
  async newActor(identity: Identity, signIn?: (page: Page) => Promise<string>): Promise<Actor> {
    const address = matrixAddress();
    const context = await this.browser.newContext({
      baseURL: this.baseURL,
      extraHTTPHeaders: { "x-forwarded-for": address },
    });
    this.#contexts.push(context);
    let email: string | undefined;
    if (signIn) {
      const page = await context.newPage();
      email = await signIn(page);
      await page.close();
    }
    return { identity, address, request: context.request, email };
  }

  /** Closes every person's browser context. */
  async close(): Promise<void> {
    await Promise.all(this.#contexts.map((context) => context.close()));
  }

  url(path: string): string {
    return new URL(path, this.baseURL).href;
  }

  /** A GET or other request as `actor`, never following a redirect. */
  async send(
    actor: Actor,
    method: string,
    path: string,
    options: { headers?: Record<string, string>; form?: Record<string, string>; data?: string } = {},
  ): Promise<APIResponse> {
    return actor.request.fetch(this.url(path), {
      method,
      headers: { "x-forwarded-for": actor.address, ...options.headers },
      form: options.form,
      data: options.data,
      maxRedirects: 0,
    });
  }

  actionId(file: string, name: string): string {
    return builtAction(this.actions, file, name).id;
  }

  /** Calls a server action as `actor`, from the page `path` its form is on. */
  async act(
    actor: Actor,
    file: string,
    name: string,
    path: string,
    fields: Record<string, string>,
  ): Promise<ActionAnswer> {
    return callServerAction(actor.request, {
      id: this.actionId(file, name),
      url: this.url(path),
      fields,
      headers: { "x-forwarded-for": actor.address },
    });
  }

  /** Puts a product the actor has not ordered yet into their cart; its slug. */
  async addNewProduct(actor: Actor): Promise<string> {
    const used = this.#productsUsed.get(actor) ?? 0;
    const product = PRODUCTS[used % PRODUCTS.length]!;
    this.#productsUsed.set(actor, used + 1);
    const added = await this.act(actor, CART_ACTIONS, "addToCart", "/", { product });
    expect(added.error, `adding ${product} to the cart`).toBeUndefined();
    return product;
  }

  /** A new order from the actor's cart through the checkout's Pay, and the gateway's launch data. */
  async placeOrder(actor: Actor): Promise<Thing & { orderId: string; key: string; launch: Launch }> {
    await this.addNewProduct(actor);
    const answer = await this.act(actor, CHECKOUT_ACTIONS, "startCheckoutAction", "/checkout", checkoutFields(actor));
    expect(answer.error, "the checkout's Pay").toBeUndefined();
    const orderUrl = new URL(z.string().parse(answer.orderUrl), this.baseURL);
    const orderId = orderUrl.pathname.split("/").at(-1) ?? "";
    const key = orderUrl.searchParams.get("key") ?? "";
    // An unchanged cart pays its pending order again: every thing here must be a new order.
    if (this.#orderIds.has(orderId)) throw new Error(`the checkout reused order ${orderId}`);
    this.#orderIds.add(orderId);
    return { orderId, key, launch: launchSchema.parse(answer.launch) };
  }

  /** A guest of their own (a new cookie, so a new cart) at a new address. */
  async newGuest(): Promise<Actor> {
    return this.newActor("anonymous");
  }

  /**
   * Pays a launched payment by card on the sandbox's payment page, as its overlay would, then
   * posts the result to the return URL as the browser does; the return's answer.
   */
  async pay(actor: Actor, launch: Launch): Promise<APIResponse> {
    const payPath = `/atom-sandbox/pay/${launch.atomTokenId}`;
    const query = new URLSearchParams({
      merchId: launch.merchId,
      custEmail: launch.custEmail,
      custMobile: launch.custMobile,
      returnUrl: launch.returnUrl,
    });
    expect((await this.send(actor, "GET", `${payPath}?${query}`)).status()).toBe(200);
    const expiry = `12/${String((new Date().getFullYear() + 1) % 100).padStart(2, "0")}`;
    const paid = await this.send(actor, "POST", payPath, {
      form: { method: "card", cardNumber: SUCCESS_CARD, cardExpiry: expiry, cardCvv: "123", cardName: "Asha Rao" },
    });
    expect(paid.status()).toBe(200);
    const page = await paid.text();
    return actor.request.post(launch.returnUrl, {
      headers: { "x-forwarded-for": actor.address },
      form: {
        encData: pick(page, /name="encData" value="([^"]+)"/, "encData on the return page"),
        merchId: pick(page, /name="merchId" value="([^"]+)"/, "merchId on the return page"),
      },
      maxRedirects: 0,
    });
  }

  /** The admin's order page, as the admin. */
  async adminOrderPage(orderId: string): Promise<string> {
    const response = await this.send(this.actors.admin, "GET", `/admin/orders/${orderId}`);
    expect(response.status()).toBe(200);
    return response.text();
  }

  /**
   * What an order looks like to the admin, for "changed nothing": its status, review flag,
   * refunds and timeline, and with `lastChecks` each payment's last check (its answer, not how
   * long ago; the requery job checks unsettled payments on its own schedule too).
   */
  async orderState(orderId: string, options: { lastChecks?: boolean } = {}): Promise<string> {
    const html = await this.adminOrderPage(orderId);
    const lastChecks = [...html.matchAll(/data-testid="admin-attempt-last-check"[^>]*>([^<]*)</g)].map((match) =>
      decodeHtml(match[1]!).replace(/^Asked [^:]*/, "Asked"),
    );
    return JSON.stringify({
      status: pick(html, /data-testid="admin-order-status"[^>]*>([^<]+)</, "order status"),
      needsReview: html.includes('data-testid="admin-needs-review"'),
      refunds: [...html.matchAll(/data-testid="admin-order-refund"/g)].length,
      events: [...html.matchAll(/data-testid="admin-timeline-event" data-type="([a-z_]+)"/g)].map((match) => match[1]),
      ...(options.lastChecks ? { lastChecks } : {}),
    });
  }

  /** The merchTxnId of one of the order's payment attempts. */
  async merchTxnIdOf(orderId: string): Promise<string> {
    return pick(await this.adminOrderPage(orderId), /data-merch-txn-id="([^"]+)"/, "a payment attempt");
  }

  /** The open needs-attention items' ids, oldest first. */
  async openAttentionItems(): Promise<string[]> {
    const response = await this.send(this.actors.admin, "GET", "/admin/attention");
    expect(response.status()).toBe(200);
    const html = await response.text();
    return html
      .split('data-testid="attention-open-item"')
      .slice(1)
      .map((item) => pick(item, /id="attention-([0-9a-f-]{36})"/, "an open item's id"));
  }

  /** A product's id and stock level as the admin's /admin/stock shows them. */
  async stockLevel(slug: string): Promise<{ productId: string; stock: number }> {
    const response = await this.send(this.actors.admin, "GET", "/admin/stock");
    expect(response.status()).toBe(200);
    const row = (await response.text())
      .split('data-testid="stock-row"')
      .slice(1)
      .find((each) => each.includes(`href="/products/${slug}"`));
    if (row === undefined) throw new Error(`no row for ${slug} on /admin/stock`);
    return {
      productId: pick(row, /name="productId" value="([0-9a-f-]{36})"/, "its product id"),
      stock: Number(pick(row, /name="expected" value="(\d+)"/, "its level")),
    };
  }

  /** A product's edit form as the admin's /admin/products/[id] shows it: each field's text, as a browser would post it. */
  async productForm(productId: string): Promise<Record<string, string>> {
    const response = await this.send(this.actors.admin, "GET", `/admin/products/${productId}`);
    expect(response.status()).toBe(200);
    const html = (await response.text()).split('data-testid="product-form"')[1] ?? "";
    const form: Record<string, string> = {};
    for (const [, attributes = ""] of html.matchAll(/<input([^>]*)>/g)) {
      const name = /\bname="([^"]*)"/.exec(attributes)?.[1];
      if (name === undefined) continue;
      if (/\btype="checkbox"/.test(attributes)) {
        if (/\bchecked=""/.test(attributes)) form[name] = "on";
      } else form[name] = decodeHtml(/\bvalue="([^"]*)"/.exec(attributes)?.[1] ?? "");
    }
    form.description = decodeHtml(
      pick(html, /<textarea[^>]*name="description"[^>]*>([^<]*)<\/textarea>/, "description"),
    );
    form.gstRate = pick(html, /<option[^>]*value="(\d+)"[^>]*selected=""/, "GST rate");
    return form;
  }

  /** What a row's case names; `fresh` makes a new one where it would otherwise be shared. */
  async thing(caseText: string, fresh = false): Promise<Thing> {
    const shopper = this.actors.shopper;
    const shopperOrder = () =>
      fresh ? this.placeOrder(shopper) : this.#once("the shopper's order", () => this.placeOrder(shopper));
    const guestOrder = async () =>
      fresh
        ? this.placeOrder(await this.newGuest())
        : this.#once("a guest's order", async () => this.placeOrder(await this.newGuest()));
    switch (caseText) {
      case "":
        return {};
      case "the shopper's order":
        return { orderId: (await shopperOrder()).orderId };
      case "the shopper's order, its key":
        return shopperOrder();
      case "a guest's order":
        return { orderId: (await guestOrder()).orderId };
      case "a guest's order, its key":
        return guestOrder();
      case "a guest's order, another order's key":
        return { orderId: (await guestOrder()).orderId, key: (await this.thing("the shopper's order, its key")).key };
      case "the shopper's paid order":
        return fresh ? this.paidOrder(shopper) : this.#once("the shopper's paid order", () => this.paidOrder(shopper));
      case "the shopper's paid order, without its key":
        return { orderId: (await this.thing("the shopper's paid order")).orderId };
      case "a guest's paid order":
        return this.paidOrder(await this.newGuest());
      case "a guest's shipped order":
        return this.shippedOrder();
      case "a guest's order flagged for review":
        return this.flaggedOrder();
      case "the shopper's refund, processing":
        return this.processingRefund();
      case REFUND_FOR_READING:
        return this.#once(caseText, () => this.processingRefund());
      case "an open needs-attention item":
        return this.openAttentionItem();
      case "a product":
        return { productId: (await this.stockLevel(STOCKED_SLUG)).productId };
      case "an API token":
        return { tokenId: (await this.apiToken("Matrix: a token to revoke")).tokenId };
      default:
        throw new Error(`the matrix test does not know the case "${caseText}": teach MatrixShop.thing`);
    }
  }

  /** The admin's API token for a refunds API row: one that works, or one made and revoked (each made once). */
  async bearerToken(kind: "an admin's" | "a revoked"): Promise<string> {
    if (kind === "an admin's") return (await this.#once(kind, () => this.apiToken("Matrix: the API rows"))).token;
    return this.#once(kind, async () => {
      const made = await this.apiToken("Matrix: revoked");
      const revoked = await this.act(
        this.actors.admin,
        API_TOKEN_ACTIONS,
        "revokeApiTokenAction",
        "/admin/api-tokens",
        {
          tokenId: made.tokenId,
        },
      );
      expect(revoked.message, "revoking an API token").toBe("Revoked.");
      return made.token;
    });
  }

  /** A new API token acting as the admin, made on /admin/api-tokens. */
  private async apiToken(name: string): Promise<{ token: string; tokenId: string }> {
    const answer = await this.act(this.actors.admin, API_TOKEN_ACTIONS, "createApiTokenAction", "/admin/api-tokens", {
      name,
    });
    return z.object({ token: z.string().startsWith("lbk_"), tokenId: z.uuid() }).parse(answer);
  }

  /** The API tokens page's row of a token ("" when it is not listed), as the admin sees it. */
  async apiTokenRow(tokenId: string): Promise<string> {
    const html = await (await this.send(this.actors.admin, "GET", "/admin/api-tokens")).text();
    const rows = html.split('data-testid="token-row"').slice(1);
    return rows.find((row) => row.includes(`data-token-id="${tokenId}"`))?.split("</tr>")[0] ?? "";
  }

  /** How many tokens the API tokens page lists. */
  async apiTokenCount(): Promise<number> {
    const html = await (await this.send(this.actors.admin, "GET", "/admin/api-tokens")).text();
    return html.split('data-testid="token-row"').length - 1;
  }

  /** Made once, then shared by every row that names it (the shopper's budget of checkouts is 10 per 10 minutes). */
  #once<T>(name: string, make: () => Promise<T>): Promise<T> {
    let made = this.#shared.get(name) as Promise<T> | undefined;
    if (made === undefined) {
      made = make();
      this.#shared.set(name, made);
    }
    return made;
  }

  /** An order of `actor`'s, paid by card in the sandbox; with its payment attempt. */
  private async paidOrder(actor: Actor): Promise<Thing> {
    const order = await this.placeOrder(actor);
    const returned = await this.pay(actor, order.launch);
    expect(returned.status(), "the return route's answer").toBe(303);
    expect(returned.headers().location).toContain(`/orders/${order.orderId}?key=`);
    const html = await this.adminOrderPage(order.orderId);
    expect(pick(html, /data-testid="admin-order-status"[^>]*>([^<]+)</, "order status")).toBe("Paid");
    return {
      orderId: order.orderId,
      key: order.key,
      attemptId: pick(html, /name="attemptId" value="([^"]+)"/, "attempt"),
    };
  }

  private async shippedOrder(): Promise<Thing> {
    const order = await this.paidOrder(await this.newGuest());
    const shipped = await this.act(this.actors.admin, ADMIN_ACTIONS, "shipOrder", `/admin/orders/${order.orderId}`, {
      orderId: order.orderId!,
      ...SHIPMENT_FIELDS,
    });
    expect(shipped.message).toBe("Marked shipped.");
    return order;
  }

  /** A guest's order whose callback the sandbox tampers with (under a valid signature): paid by the return, flagged by the callback. */
  private async flaggedOrder(): Promise<Thing> {
    const guest = await this.newGuest();
    const order = await this.placeOrder(guest);
    const scope = { atomTokenId: order.launch.atomTokenId };
    const sandbox = sandboxControl(this.baseURL);
    await sandbox.set({ scope, callback: { tamperAmountPaise: 100 } });
    expect((await this.pay(guest, order.launch)).status()).toBe(303);
    let html = "";
    await expect(async () => {
      html = await this.adminOrderPage(order.orderId);
      expect(html).toContain('data-testid="admin-needs-review"');
    }).toPass({ timeout: 30_000 });
    await sandbox.set({ scope, callback: {} });
    return { orderId: order.orderId, seenEventId: pick(html, /name="seenEventId" value="(\d+)"/, "the review form") };
  }

  /**
   * A refund of ₹1 on the shopper's paid order that the gateway made but answered too late (the
   * sandbox holds the answer past the client's 15 s): it stays processing until someone asks
   * the gateway, which then lists it. The admin's check completes it (the checkRefund row's, or
   * `settleRefundForReading`), so nothing is left for the refund sync to do later, while
   * another row watches the same order for "a refusal changed nothing". Making one takes the
   * client's 15 s timeout.
   */
  private async processingRefund(): Promise<Thing> {
    const order = await this.thing("the shopper's paid order");
    const sandbox = sandboxControl(this.baseURL);
    await sandbox.set({ api: { refund: { hangMs: 16_000 } } });
    try {
      const answer = await this.act(this.actors.admin, ADMIN_ACTIONS, "refundOrder", `/admin/orders/${order.orderId}`, {
        orderId: order.orderId!,
        refundBy: "amount",
        amount: "1.00",
        confirmed: "yes",
        reason: "Matrix: a refund the gateway has not confirmed",
        idempotencyKey: randomUUID(),
      });
      expect(answer.refundStatus).toBe("processing");
    } finally {
      await sandbox.set({ api: {} });
    }
    // Only unsettled refunds have a check, oldest first: the last is this one.
    const checks = [...(await this.adminOrderPage(order.orderId!)).matchAll(/name="refundId" value="([^"]+)"/g)];
    const refundId = checks.at(-1)?.[1];
    if (refundId === undefined) throw new Error("no refund's check found");
    return { orderId: order.orderId, refundId };
  }

  /** Completes the refund the route rows read (if they made one) by the admin's check, as `processingRefund` says why. */
  async settleRefundForReading(): Promise<void> {
    const made = this.#shared.get(REFUND_FOR_READING) as Promise<Thing> | undefined;
    if (made === undefined) return;
    const { orderId, refundId } = await made;
    const answer = await this.act(this.actors.admin, ADMIN_ACTIONS, "checkRefund", `/admin/orders/${orderId}`, {
      refundId: refundId!,
      orderId: orderId!,
    });
    expect(answer.message, "the admin's check of the refund the route rows read").toBe("The refund is now completed.");
  }

  /** A payment the shop never issued (the sandbox's own test checkout, paid): its callback opens a needs-attention item. */
  private async openAttentionItem(): Promise<Thing> {
    const tester = await this.newGuest();
    const page = await (await this.send(tester, "GET", "/atom-sandbox/test-checkout")).text();
    const merchTxnId = pick(page, /data-testid="test-merch-txn-id">([^<]+)</, "the test checkout's merchTxnId");
    const atomTokenId = pick(page, /<dd class="font-mono">(\d{14})<\/dd>/, "the test checkout's atomTokenId");
    // The sandbox's own return page answers; its callback goes to the shop.
    await this.pay(tester, {
      atomTokenId,
      merchId: pick(page, /merchId\\?":\\?"(\d+)/, "the test checkout's merchId"),
      custEmail: "sandbox.shopper@example.com",
      custMobile: "9876543210",
      returnUrl: this.url("/atom-sandbox/test-return"),
    });
    let itemId = "";
    await expect(async () => {
      const response = await this.send(this.actors.admin, "GET", "/admin/attention");
      const items = (await response.text()).split('data-testid="attention-open-item"').slice(1);
      const item = items.find((text) => text.includes(merchTxnId.trim()));
      expect(item, `an open item for ${merchTxnId}`).toBeDefined();
      itemId = pick(item!, /id="attention-([0-9a-f-]{36})"/, "the item's id");
    }).toPass({ timeout: 30_000 });
    return { itemId };
  }
}
