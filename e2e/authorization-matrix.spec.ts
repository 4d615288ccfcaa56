import { randomUUID } from "node:crypto";
import { expect, test, type APIResponse } from "@playwright/test";
import { z } from "zod";
import { E2E_METRICS_TOKEN, E2E_SANDBOX_CONTROL_TOKEN } from "./support/accounts";
import { builtActions, builtPagesAndRoutes, patternMatches, type BuiltAction } from "./support/build-manifests";
import {
  ADMIN_ACTIONS,
  API_TOKEN_ACTIONS,
  CART_ACTIONS,
  CHECKOUT_ACTIONS,
  checkoutFields,
  MatrixShop,
  SHIPMENT_FIELDS,
  PRODUCT_SLUG,
  REFUND_FOR_READING,
  STOCKED_SLUG,
  type Actor,
  type Thing,
} from "./support/matrix-shop";
import {
  IDENTITIES,
  NOT_APPLICABLE,
  readMatrix,
  rowName,
  type Identity,
  type MatrixRow,
} from "./support/readme-matrix";
import { describeLeaks, e2eSecrets, findLeaks, type Leak } from "./support/secrets";
import type { ActionAnswer } from "./support/server-action";
import { e2ePort } from "./support/server-env";
import { newShopper, OTHER_TYPED_PASSWORDS } from "./support/shopper";

// README's authorization matrix, walked for real: every page and route as each person by HTTP,
// every server action called by its id as Next's browser runtime calls it, each answer held to
// its cell; a refused action must also have changed nothing. The build's own manifests say
// what exists, so a page, route or action without a row (or a row for nothing) fails here.

const ROOT = process.cwd();
const README = `${ROOT}/README.md`;

const ROUTE = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/;

function routeParts(row: MatrixRow): { method: string; path: string } {
  const match = ROUTE.exec(row.what);
  if (match === null) throw new Error(`${rowName(row)}: a route row names "METHOD /path"`);
  return { method: match[1]!, path: match[2]! };
}

test("README's matrix has a row for every page, route handler and server action of the build, and rows only for those", async ({
  request,
}) => {
  const rows = readMatrix(README);
  const built = builtPagesAndRoutes(ROOT);
  const actions = builtActions(ROOT);
  const problems: string[] = [];

  const pageRows = rows.filter((row) => row.kind === "page");
  for (const page of built.filter((entry) => entry.kind === "page"))
    if (!pageRows.some((row) => row.what === page.pattern)) problems.push(`page ${page.pattern}: no row in README`);
  for (const row of pageRows)
    if (!built.some((entry) => entry.kind === "page" && entry.pattern === row.what))
      problems.push(`${rowName(row)}: the build has no such page`);

  const routeRows = rows.filter((row) => row.kind === "route").map((row) => ({ row, ...routeParts(row) }));
  for (const route of built.filter((entry) => entry.kind === "route")) {
    const covering = routeRows.filter(({ path }) => patternMatches(route.pattern, path.split("?")[0]!));
    if (covering.length === 0) {
      problems.push(`route ${route.pattern}: no row in README`);
      continue;
    }
    // Next answers OPTIONS with the methods the handler exports: each needs a row.
    const options = await request.fetch(covering[0]!.path.replace(/\[[^\]]+\]/g, "0"), { method: "OPTIONS" });
    const allowed = (options.headers().allow ?? "").split(",").map((method) => method.trim());
    for (const method of allowed.filter((method) => method !== "" && method !== "HEAD" && method !== "OPTIONS"))
      if (!covering.some((row) => row.method === method)) problems.push(`route ${route.pattern}: no row for ${method}`);
  }
  for (const { row, path } of routeRows)
    if (!built.some((entry) => entry.kind === "route" && patternMatches(entry.pattern, path)))
      problems.push(`${rowName(row)}: the build has no route for ${path}`);

  const actionRows = rows.filter((row) => row.kind === "action");
  for (const action of actions)
    if (!actionRows.some((row) => row.file === action.file && row.what === action.name))
      problems.push(`server action ${action.file}#${action.name}: no row in README`);
  for (const row of actionRows)
    if (!actions.some((action) => action.file === row.file && action.name === row.what))
      problems.push(`${rowName(row)}: the build has no such server action`);

  expect(problems, "README's authorization matrix against the build").toEqual([]);
  // What the build holds, so a manifest read as empty cannot pass for complete.
  expect(built.filter((entry) => entry.kind === "page").length).toBeGreaterThan(10);
  expect(actions.length).toBeGreaterThan(10);
});

test.describe("every cell of the authorization matrix", () => {
  // Signing four people in and making orders, payments and a refund takes a while; so does
  // walking a few hundred cells.
  test.describe.configure({ timeout: 600_000 });

  let shop: MatrixShop;
  let rows: MatrixRow[];
  const secrets = e2eSecrets(e2ePort());

  test.beforeAll(async ({ browser }) => {
    const baseURL = test.info().project.use.baseURL;
    if (!baseURL) throw new Error("playwright.config.ts sets no baseURL");
    shop = new MatrixShop(baseURL, browser, builtActions(ROOT));
    rows = readMatrix(README);
    await shop.meetEveryone();
  });

  test.afterAll(async () => {
    await shop?.close();
  });

  /** The cells to walk, refusals first: they see the thing as it was made, before a success changes it. */
  const cellsOf = (row: MatrixRow): Identity[] =>
    IDENTITIES.filter((identity) => row.expected[identity] !== NOT_APPLICABLE).sort(
      (a, b) => Number(row.expected[a] === "ok") - Number(row.expected[b] === "ok"),
    );

  /** A page's or route's answer in the matrix's words. */
  async function outcomeOf(response: APIResponse, leaks: Leak[], what: string): Promise<string> {
    const status = response.status();
    const sentTo = (location: string) => {
      const path = new URL(location, shop.baseURL).pathname;
      return path === "/sign-in" ? "sign-in" : `→ ${path}`;
    };
    if (status >= 300 && status < 400) return sentTo(response.headers().location ?? "");
    const body = await response.text();
    leaks.push(...findLeaks(body, secrets, what));
    if (status === 200 && (response.headers()["content-type"] ?? "").includes("text/html")) {
      // A page that streams (it has a loading state) has sent 200 before it redirects or finds nothing.
      const redirect = /<meta id="__next-page-redirect" http-equiv="refresh" content="\d+;url=([^"]*)"/.exec(body);
      if (redirect !== null) return sentTo(redirect[1]!.replace(/&amp;/g, "&"));
      if (body.includes("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
    }
    return String(status);
  }

  function pagePath(row: MatrixRow, thing: Thing): string {
    const path = row.what.replace(/\[([^\]]+)\]/g, (_, name: string) => {
      if (name === "slug") return PRODUCT_SLUG;
      if (name === "id" && thing.orderId) return thing.orderId;
      if (name === "id" && thing.productId) return thing.productId;
      throw new Error(`${rowName(row)}: nothing in its case gives [${name}]`);
    });
    return thing.key ? `${path}?key=${encodeURIComponent(thing.key)}` : path;
  }

  test("pages: each person sees what README says", async () => {
    const mismatches: string[] = [];
    const leaks: Leak[] = [];
    for (const row of rows.filter((candidate) => candidate.kind === "page")) {
      const path = pagePath(row, await shop.thing(row.case));
      for (const identity of cellsOf(row)) {
        const got = await outcomeOf(
          await shop.send(shop.actors[identity], "GET", path),
          leaks,
          `${path} as ${identity}`,
        );
        if (got !== row.expected[identity])
          mismatches.push(
            `${rowName(row)} as ${identity}: README says ${row.expected[identity]}, the shop answered ${got}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(describeLeaks(leaks), "secrets in pages").toBe("");
  });

  /** The sandbox's switches as this machine reads them: a refused change must leave them as they were. */
  async function sandboxSwitches(): Promise<string> {
    const response = await shop.send(shop.actors.admin, "GET", "/atom-sandbox/control", {
      headers: { "x-forwarded-for": "127.0.0.1" },
    });
    expect(response.status()).toBe(200);
    return response.text();
  }

  /** The request a route row's case describes, as `actor`. */
  async function routeRequest(
    row: MatrixRow,
    actor: Actor,
  ): Promise<{ path: string; headers: Record<string, string>; form?: Record<string, string>; data?: string }> {
    const { path: pattern } = routeParts(row);
    let path = pattern.replace("[atomTokenId]", "00000000000000");
    const headers: Record<string, string> = {};
    let form: Record<string, string> | undefined;
    let data: string | undefined;
    // Sandbox controls that read one payment: the shopper's order's.
    if (/^\/atom-sandbox\/control\/(deliveries|transactions)$/.test(path))
      path = `${path}?merchTxnId=${await shop.merchTxnIdOf((await shop.thing("the shopper's order")).orderId!)}`;
    if (row.what === "POST /atom-sandbox/control") {
      // A switch for a payment that does not exist: harmless if it is let through.
      headers["content-type"] = "application/json";
      data = JSON.stringify({ scope: { merchTxnId: "MATRIX-NO-SUCH-PAYMENT" }, callback: {} });
    }
    // The refunds API: the thing (a refund to read, an order that does not exist to refund), then
    // the bearer token the request carries, if any, instead of the actor's session.
    const api = /^(an unknown order|the shopper's refund, processing)(?:, (an admin's|a revoked) API token)?$/.exec(
      row.case,
    );
    if (path.startsWith("/api/admin/") && api !== null) {
      if (api[2] !== undefined)
        headers.authorization = `Bearer ${await shop.bearerToken(api[2] as "an admin's" | "a revoked")}`;
      // Reading a refund changes nothing: every cell reads the same one (making one takes 15 s).
      if (path.includes("[id]")) {
        const refund = await shop.thing(REFUND_FOR_READING);
        return { path: path.replace("[id]", need(refund.refundId, "refund")), headers };
      }
      headers["content-type"] = "application/json";
      headers["idempotency-key"] = randomUUID();
      // An order that does not exist: an admin gets 404 having passed every check before the refund service.
      const data = JSON.stringify({
        orderId: "00000000-0000-4000-8000-000000000000",
        amountPaise: 100,
        reason: "Matrix: nobody's order",
      });
      return { path, headers, data };
    }
    switch (row.case) {
      case "":
      case "from elsewhere":
      case "an unknown payment":
        break;
      case "a forged message":
        form = { encData: "AB".repeat(64), merchId: "317157" };
        break;
      case "with METRICS_TOKEN":
        headers.authorization = `Bearer ${E2E_METRICS_TOKEN}`;
        break;
      case "from elsewhere, with SANDBOX_CONTROL_TOKEN":
        headers.authorization = `Bearer ${E2E_SANDBOX_CONTROL_TOKEN}`;
        break;
      case "from this machine":
        headers["x-forwarded-for"] = "127.0.0.1";
        break;
      case "no CSRF token":
        form = {};
        break;
      case "a wrong password": {
        const csrf = z
          .object({ csrfToken: z.string() })
          .parse(await (await shop.send(actor, "GET", "/api/auth/csrf")).json());
        form = {
          csrfToken: csrf.csrfToken,
          email: newShopper("matrix-nobody").email,
          password: OTHER_TYPED_PASSWORDS.matrixGuess,
          json: "true",
        };
        break;
      }
      default:
        throw new Error(`${rowName(row)}: the matrix test does not know this case`);
    }
    return { path, headers, form, data };
  }

  test("route handlers: each person gets what README says", async () => {
    const mismatches: string[] = [];
    const leaks: Leak[] = [];
    for (const row of rows.filter((candidate) => candidate.kind === "route")) {
      const { method } = routeParts(row);
      const isSandboxChange = row.what === "POST /atom-sandbox/control" || row.what === "DELETE /atom-sandbox/control";
      for (const identity of cellsOf(row)) {
        const actor = shop.actors[identity];
        const { path, ...options } = await routeRequest(row, actor);
        const before = isSandboxChange ? await sandboxSwitches() : undefined;
        const got = await outcomeOf(
          await shop.send(actor, method, path, options),
          leaks,
          `${method} ${path} as ${identity}`,
        );
        if (got !== row.expected[identity])
          mismatches.push(
            `${rowName(row)} as ${identity}: README says ${row.expected[identity]}, the shop answered ${got}`,
          );
        else if (got === "403" && before !== undefined && (await sandboxSwitches()) !== before)
          mismatches.push(`${rowName(row)} as ${identity}: refused, but the sandbox's switches changed`);
      }
    }
    // Everyone is still signed in: a sign-out without its CSRF token changed nothing.
    for (const identity of ["shopper", "another shopper", "admin"] as const) {
      const session = z
        .object({ user: z.object({ email: z.string() }).optional() })
        .parse(await (await shop.send(shop.actors[identity], "GET", "/api/auth/session")).json());
      expect(session.user?.email, `${identity}'s session`).toBe(shop.actors[identity].email);
    }
    expect(mismatches).toEqual([]);
    expect(describeLeaks(leaks), "secrets in route answers").toBe("");
    await shop.settleRefundForReading();
  });

  /** The words an action refuses with: an admin's action to anyone else, an order's to whoever may not see it. */
  const REFUSALS = new Set([
    "Sign in as an admin to do this.",
    "Only admins can do this.",
    "That order could not be found.",
  ]);

  function actionOutcome(answer: ActionAnswer): string {
    if (answer.error === undefined && answer.fieldErrors === undefined) return "ok";
    if (answer.error !== undefined && REFUSALS.has(answer.error)) return "refused";
    return `an error: ${answer.error ?? JSON.stringify(answer.fieldErrors)}`;
  }

  /** How the matrix calls one server action and tells that it worked. */
  interface ActionDriver {
    /** The page whose form calls it (the browser posts the action to the page it is on). */
    page(thing: Thing): string;
    fields(thing: Thing, actor: Actor): Promise<Record<string, string>>;
    /** What a refusal must leave as it was; none where the action touches only the caller's own things. */
    observe?(thing: Thing): Promise<string>;
    /** What is wrong with a success ("" when the answer and what it changed show it done). */
    done(answer: ActionAnswer, before: string | undefined, after: string | undefined): string;
    /** A success uses its thing up (a cancelled order): each expected success gets a new one. */
    usesUp?: true;
  }

  const need = (value: string | undefined, what: string): string => {
    if (value === undefined) throw new Error(`the row's case gives no ${what}`);
    return value;
  };
  const orderPage = (thing: Thing) =>
    `/orders/${need(thing.orderId, "order")}${thing.key ? `?key=${encodeURIComponent(thing.key)}` : ""}`;
  const adminOrderPage = (thing: Thing) => `/admin/orders/${need(thing.orderId, "order")}`;
  const orderReference = async (thing: Thing) => ({
    orderId: need(thing.orderId, "order"),
    ...(thing.key ? { key: thing.key } : {}),
  });
  const orderState = (thing: Thing) => shop.orderState(need(thing.orderId, "order"));
  /** With each payment's last check: only for a paid order, which the requery job leaves alone. */
  const paymentChecks = (thing: Thing) => shop.orderState(need(thing.orderId, "order"), { lastChecks: true });
  const said = (answer: ActionAnswer, message: string | RegExp) =>
    (typeof message === "string" ? answer.message === message : message.test(answer.message ?? ""))
      ? ""
      : `it answered ${JSON.stringify(answer)}`;
  const state = (text: string | undefined) =>
    JSON.parse(text ?? "{}") as { status?: string; needsReview?: boolean; refunds?: number; events?: string[] };
  const grew = (before: string | undefined, after: string | undefined, event: string) =>
    (state(after).events ?? []).filter((type) => type === event).length >
    (state(before).events ?? []).filter((type) => type === event).length
      ? ""
      : `no new ${event} on the order's timeline`;
  /** A line of the actor's own cart (a product is put there first if it is empty): its product's id. */
  const cartLine = async (actor: Actor) => {
    const line = async () =>
      /id="quantity-([0-9a-f-]{36})"/.exec(await (await shop.send(actor, "GET", "/cart")).text())?.[1];
    const existing = await line();
    if (existing !== undefined) return existing;
    await shop.act(actor, CART_ACTIONS, "addToCart", "/", { product: PRODUCT_SLUG });
    return need(await line(), "cart line");
  };

  const DRIVERS: Record<string, ActionDriver> = {
    [`${CART_ACTIONS}#addToCart`]: {
      page: () => "/",
      fields: async () => ({ product: PRODUCT_SLUG }),
      done: (answer) => said(answer, /^Added/),
    },
    [`${CART_ACTIONS}#updateCartItemQuantity`]: {
      page: () => "/cart",
      fields: async (_, actor) => ({ productId: await cartLine(actor), quantity: "2" }),
      done: (answer) => said(answer, "Quantity updated."),
    },
    [`${CART_ACTIONS}#removeFromCart`]: {
      page: () => "/cart",
      fields: async (_, actor) => ({ productId: await cartLine(actor) }),
      done: (answer) => said(answer, "Removed from your cart."),
    },
    ["components/account/actions.ts#signUp"]: {
      page: () => "/sign-up",
      fields: async () => {
        const shopper = newShopper("matrix-sign-up");
        return { name: "", email: shopper.email, password: shopper.password };
      },
      done: (answer) => (typeof answer.signInAs === "string" ? "" : `it answered ${JSON.stringify(answer)}`),
    },
    [`${CHECKOUT_ACTIONS}#startCheckoutAction`]: {
      page: () => "/checkout",
      fields: async (_, actor) => {
        await shop.addNewProduct(actor);
        return checkoutFields(actor);
      },
      done: (answer) => (answer.launch ? "" : `it answered ${JSON.stringify(answer)}`),
    },
    [`${CHECKOUT_ACTIONS}#retryPaymentAction`]: {
      page: orderPage,
      fields: orderReference,
      observe: orderState,
      done: (answer, before, after) => (answer.launch ? grew(before, after, "payment_started") : "no payment launched"),
    },
    [`${CHECKOUT_ACTIONS}#cancelOrderAction`]: {
      page: orderPage,
      fields: orderReference,
      observe: orderState,
      done: (_, __, after) => (state(after).status === "Cancelled" ? "" : `the order is ${state(after).status}`),
      usesUp: true,
    },
    ["components/orders/actions.ts#checkOrderPayment"]: {
      page: orderPage,
      fields: orderReference,
      observe: orderState,
      // It asks the gateway and answers nothing either way (the page, refreshed, shows the order).
      done: (answer) => (Object.keys(answer).length === 0 ? "" : `it answered ${JSON.stringify(answer)}`),
    },
    [`${ADMIN_ACTIONS}#shipOrder`]: {
      page: adminOrderPage,
      fields: async (thing) => ({ orderId: need(thing.orderId, "order"), ...SHIPMENT_FIELDS }),
      observe: orderState,
      done: (answer, before, after) => said(answer, "Marked shipped.") || grew(before, after, "order_shipped"),
    },
    [`${ADMIN_ACTIONS}#shipSelectedOrders`]: {
      page: () => "/admin/orders",
      fields: async (thing) => {
        const orderId = need(thing.orderId, "order");
        return {
          carrier: SHIPMENT_FIELDS.carrier,
          [`ship:${orderId}`]: "1",
          [`tracking:${orderId}`]: SHIPMENT_FIELDS.trackingNumber,
        };
      },
      observe: orderState,
      done: (answer, before, after) =>
        said(answer, "1 of 1 order marked shipped.") || grew(before, after, "order_shipped"),
      // The admin's success ships its order: the rows after it (refunds, checks) keep theirs paid.
      usesUp: true,
    },
    [`${ADMIN_ACTIONS}#deliverOrder`]: {
      page: adminOrderPage,
      fields: async (thing) => ({ orderId: need(thing.orderId, "order") }),
      observe: orderState,
      done: (answer, before, after) => said(answer, "Marked delivered.") || grew(before, after, "order_delivered"),
    },
    [`${ADMIN_ACTIONS}#refundOrder`]: {
      page: adminOrderPage,
      fields: async (thing) => ({
        orderId: need(thing.orderId, "order"),
        refundBy: "amount",
        amount: "1.00",
        confirmed: "yes",
        reason: "Matrix: a refund",
        idempotencyKey: randomUUID(),
      }),
      observe: orderState,
      done: (answer, before, after) => said(answer, /^Refunded ₹1\.00/) || grew(before, after, "refund_completed"),
    },
    [`${ADMIN_ACTIONS}#checkRefund`]: {
      page: adminOrderPage,
      fields: async (thing) => ({ refundId: need(thing.refundId, "refund"), orderId: need(thing.orderId, "order") }),
      observe: orderState,
      done: (answer, before, after) =>
        said(answer, "The refund is now completed.") || grew(before, after, "refund_completed"),
    },
    [`${ADMIN_ACTIONS}#markReviewed`]: {
      page: adminOrderPage,
      fields: async (thing) => ({
        orderId: need(thing.orderId, "order"),
        seenEventId: need(thing.seenEventId, "review form"),
        note: "Matrix: checked the mismatch",
      }),
      observe: orderState,
      done: (answer, _, after) => said(answer, "Marked reviewed.") || (state(after).needsReview ? "still flagged" : ""),
    },
    [`${ADMIN_ACTIONS}#checkPayment`]: {
      page: adminOrderPage,
      fields: async (thing) => ({ attemptId: need(thing.attemptId, "payment attempt") }),
      observe: paymentChecks,
      done: (answer, before, after) =>
        answer.error === undefined && before !== after ? "" : `it answered ${JSON.stringify(answer)}; ${after}`,
    },
    [`${ADMIN_ACTIONS}#runAllJobs`]: {
      page: () => "/admin/jobs",
      fields: async () => ({}),
      // The job loop runs the same jobs every few seconds: nothing to compare a refusal against but the answer.
      done: (answer) => said(answer, "Every job ran."),
    },
    [`${ADMIN_ACTIONS}#resolveAttention`]: {
      page: () => "/admin/attention",
      fields: async (thing) => ({ id: need(thing.itemId, "needs-attention item"), note: "Matrix: nothing to do" }),
      observe: async () => JSON.stringify(await shop.openAttentionItems()),
      done: (answer, _, after) => said(answer, "Resolved.") || (after === undefined ? "not observed" : ""),
    },
    [`${ADMIN_ACTIONS}#setStock`]: {
      page: () => "/admin/stock",
      fields: async (thing) => {
        const { stock } = await shop.stockLevel(STOCKED_SLUG);
        return { productId: need(thing.productId, "product"), stock: String(stock + 1), expected: String(stock) };
      },
      observe: async () => String((await shop.stockLevel(STOCKED_SLUG)).stock),
      done: (answer, before, after) =>
        said(answer, / in stock\.$/) ||
        (Number(after) === Number(before) + 1 ? "" : `the level went ${before} → ${after}`),
    },
    [`${API_TOKEN_ACTIONS}#createApiTokenAction`]: {
      page: () => "/admin/api-tokens",
      fields: async () => ({ name: "Matrix: a token" }),
      observe: async () => String(await shop.apiTokenCount()),
      done: (answer, before, after) =>
        /^lbk_[\w-]{43}$/.test(String(answer.token)) && Number(after) === Number(before) + 1
          ? ""
          : `it answered ${JSON.stringify({ ...answer, token: "…" })}; tokens ${before} → ${after}`,
    },
    [`${API_TOKEN_ACTIONS}#revokeApiTokenAction`]: {
      page: () => "/admin/api-tokens",
      fields: async (thing) => ({ tokenId: need(thing.tokenId, "API token") }),
      observe: (thing) => shop.apiTokenRow(need(thing.tokenId, "API token")),
      done: (answer, _, after) =>
        said(answer, "Revoked.") || (after?.includes('data-testid="token-revoked"') ? "" : "the token is not revoked"),
    },
    [`${ADMIN_ACTIONS}#updateProductAction`]: {
      page: (thing) => `/admin/products/${need(thing.productId, "product")}`,
      // The form as shown, with one more unit in stock (harmless to other specs, unlike a price).
      fields: async (thing) => {
        const productId = need(thing.productId, "product");
        const form = await shop.productForm(productId);
        return { ...form, productId, stock: String(Number(form.stock) + 1) };
      },
      observe: async (thing) => JSON.stringify(await shop.productForm(need(thing.productId, "product"))),
      done: (answer, before, after) => {
        const shown = (text: string | undefined) => JSON.parse(text ?? "{}") as Record<string, string>;
        const was = shown(before);
        const stock = String(Number(was.stock) + 1);
        const expected = JSON.stringify({ ...was, expectedStock: stock, stock });
        return (
          said(answer, /^Saved /) ||
          (JSON.stringify(shown(after)) === expected ? "" : `the form went ${before} → ${after}`)
        );
      },
    },
  };

  test("server actions: each person's call is refused or done as README says, and a refusal changes nothing", async () => {
    const mismatches: string[] = [];
    const actions = builtActions(ROOT);
    for (const row of rows.filter((candidate) => candidate.kind === "action")) {
      const action = actions.find((candidate) => candidate.file === row.file && candidate.name === row.what);
      const driver = DRIVERS[`${row.file}#${row.what}`];
      if (action === undefined || driver === undefined) {
        mismatches.push(
          `${rowName(row)}: ${action ? "no driver in this test: teach DRIVERS to call it" : "not in the build"}`,
        );
        continue;
      }
      const shared = await shop.thing(row.case);
      for (const identity of cellsOf(row)) {
        const expected = row.expected[identity];
        const thing = driver.usesUp && expected === "ok" ? await shop.thing(row.case, true) : shared;
        const problem = await walkAction(action, driver, thing, shop.actors[identity], expected);
        if (problem !== "") mismatches.push(`${rowName(row)} as ${identity}: ${problem}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  async function walkAction(
    action: BuiltAction,
    driver: ActionDriver,
    thing: Thing,
    actor: Actor,
    expected: string,
  ): Promise<string> {
    const page = driver.page(thing);
    if (!action.pages.some((pattern) => patternMatches(pattern, page.split("?")[0]!)))
      return `posted from ${page}, a page whose forms do not use it (${action.pages.join(", ")})`;
    const fields = await driver.fields(thing, actor);
    const before = await driver.observe?.(thing);
    const answer = await shop.act(actor, action.file, action.name, page, fields);
    const after = await driver.observe?.(thing);
    const got = actionOutcome(answer);
    if (got !== expected) return `README says ${expected}, the action answered ${got}`;
    if (got === "refused") return before === after ? "" : `refused, but it changed ${before} → ${after}`;
    const problem = driver.done(answer, before, after);
    return problem === "" ? "" : `answered as a success, but ${problem}`;
  }
});
