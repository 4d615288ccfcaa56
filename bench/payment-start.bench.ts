/**
 * Starting a payment (the checkout's Pay button) on the production build and PostgreSQL, with
 * the gateway in a process of its own, as a real one is: one shopper, then `--shoppers` at
 * once, for `--rounds` rounds. Each start is the request the browser makes (the checkout's
 * server action, its cart in the cookie). The gateway is a second `next start` of the same
 * build in sandbox mode; the shop (uat mode) reaches it through a timing relay in this
 * process, which times each AUTH at the gateway's side, so the shop's own time is reported
 * apart from the gateway's. Baselines, interleaved in the same run: the same build with
 * DATABASE_PREPARED_STATEMENTS=off (the shop before prepared statements), and the AUTH call
 * alone (lib/atom's client in this process) against the same gateway process, as many at once.
 * While the shoppers run, /api/health (readiness) and /api/health/live are probed. To take a
 * start apart: the floor (the same action posted without a cart, refused before any
 * statement: Next's server-action path), the payment service alone (startCheckout in this
 * process, AUTH stubbed, after a warm-up) and the AUTH call's CPU at the caller's side.
 * Run: npm run build && npm run bench:payment-start   (--smoke: tiny, exits 1 on any error)
 * Options: --rounds 30 --shoppers 20 --pool-max 10 --port 3121 (the shop; the gateway, the
 * relay and the unprepared shop take the next three) --postgres <server URL> (BENCH_DATABASE_URL), --profile <folder>
 * (the shop's CPU profile, for Chrome DevTools).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { z } from "zod";
import { openDatabase } from "@/db/client";
import { createScratchDatabase, type ScratchDatabase } from "@/db/testing/create-scratch-database";
import {
  authResponseSchema,
  createAtomClient,
  decryptJson,
  deriveCipherKey,
  parseAtomConfig,
  sandboxUrlVariables,
  UAT_CREDENTIAL_VARIABLES,
  type AtomConfig,
} from "@/lib/atom";
import { readMerchantForm } from "@/lib/atom/gateway-side";
import { tokenIssuingGateway } from "@/lib/atom/testing/samples";
import { findGuestCartId } from "@/lib/cart/cart";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";
import { captureLogOutput } from "@/lib/log";
import { recordGatewayCall } from "@/lib/observability/record-gateway-health";
import { startCheckout } from "@/lib/payments/start-checkout";
import { RATE_LIMITS } from "@/lib/rate-limits/limits";
import { createRateLimits } from "@/lib/rate-limits/rate-limits";
import { builtAction, builtActions } from "../e2e/support/build-manifests";
import { startExtraServer, type ExtraServer } from "../e2e/support/extra-server";
import { sleep } from "../scripts/start-next-server";
import {
  encodeActionArguments,
  postServerAction,
  readActionAnswer,
  type ActionAnswer,
} from "../e2e/support/server-action";
import { percentile } from "./percentile";
import { databaseBackends, ownCpuMsSince, processTree, startCpuMeter } from "./measure-process-cpu";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    rounds: { type: "string", default: "30" },
    shoppers: { type: "string", default: "20" },
    "pool-max": { type: "string", default: "10" },
    port: { type: "string", default: "3121" },
    /** A folder for the shop process's CPU profile (node --cpu-prof), written when it stops. */
    profile: { type: "string" },
    postgres: {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const rounds = options.smoke ? 2 : Number(options.rounds);
const shoppers = options.smoke ? 4 : Number(options.shoppers);
const SHOP_PORT = Number(options.port);
const GATEWAY_PORT = SHOP_PORT + 1;
const RELAY_PORT = SHOP_PORT + 2;
const UNPREPARED_SHOP_PORT = SHOP_PORT + 3;
const ROOT = process.cwd();
const errors: string[] = [];

// ---------------------------------------------------------------- figures

const ms = (value: number) => (Number.isNaN(value) ? "—" : `${value.toFixed(1)} ms`);

class Series {
  readonly samples: number[] = [];
  add(value: number) {
    this.samples.push(value);
  }
  row(name: string): string {
    const { samples } = this;
    return `| ${name} | ${samples.length} | ${ms(percentile(samples, 0.5))} | ${ms(percentile(samples, 0.99))} | ${ms(Math.max(...samples))} |`;
  }
}

// ---------------------------------------------------------------- the gateway's side

/**
 * Relays the shop's gateway calls to the gateway process and times each from the request's
 * arrival to the answer's last byte: the gateway's time as the shop's network would see it.
 * The AUTH answer is decrypted after it was relayed, to pair the time with its atomTokenId.
 */
async function startTimingRelay(gatewayUrl: string, atom: AtomConfig) {
  const responseKey = await deriveCipherKey(atom.responseEncryption.key, atom.responseEncryption.salt);
  const byToken = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const started = performance.now();
      void fetch(`${gatewayUrl}${request.url ?? "/"}`, {
        method: request.method,
        headers: { "content-type": request.headers["content-type"] ?? "application/x-www-form-urlencoded" },
        body: request.method === "POST" ? Buffer.concat(chunks) : undefined,
      })
        .then(async (answer) => {
          const text = await answer.text();
          const elapsed = performance.now() - started;
          response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
          response.end(text);
          const form = readMerchantForm(text);
          const parsed = form && authResponseSchema.safeParse(decryptJson(responseKey, form.encData));
          if (parsed?.success && parsed.data.atomTokenId) byToken.set(parsed.data.atomTokenId, elapsed);
        })
        .catch((error: unknown) => {
          errors.push(`relay: ${String(error)}`);
          response.writeHead(502).end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(RELAY_PORT, "127.0.0.1", resolve));
  return {
    gatewayMs: (atomTokenId: string) => byToken.get(atomTokenId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------- the shopper

const launchSchema = z.object({ launch: z.object({ atomTokenId: z.string() }) });
let shopperNumber = 0;

/** A guest cart of one product, as adding to the cart leaves it: its id is the cookie. */
async function fillCarts(shopDb: postgres.Sql, productIds: readonly string[], count: number): Promise<string[]> {
  const carts = await shopDb<{ id: string }[]>`
    insert into carts (id) select gen_random_uuid() from generate_series(1, ${count}) returning id`;
  const items = carts.map((cart, index) => ({
    cart_id: cart.id,
    product_id: productIds[index % productIds.length]!,
    quantity: 1,
  }));
  await shopDb`insert into cart_items ${shopDb(items)}`;
  return carts.map((cart) => cart.id);
}

interface Started {
  shopMs: number;
  atomTokenId: string;
}

/**
 * The Pay button: the checkout's server action, from an address of its own (the rate limits
 * count per address), with the guest cart's cookie when there is a cart. Its time and the
 * action's answer; failures are counted in `errors`.
 */
async function postCheckout(
  shopUrl: string,
  actionId: string,
  cartId: string | undefined,
): Promise<{ shopMs: number; state: ActionAnswer } | undefined> {
  shopperNumber += 1;
  const address = `10.${(shopperNumber >> 16) & 255}.${(shopperNumber >> 8) & 255}.${shopperNumber & 255}`;
  const body = await encodeActionArguments({
    email: `shopper-${shopperNumber}@example.test`,
    mobile: "9876543210",
    name: TEST_DELIVERY.name,
    line1: TEST_DELIVERY.line1,
    line2: "",
    city: TEST_DELIVERY.city,
    state: TEST_DELIVERY.state,
    pinCode: TEST_DELIVERY.pinCode,
  });
  const started = performance.now();
  try {
    const response = await postServerAction({
      id: actionId,
      url: `${shopUrl}/checkout`,
      body,
      headers: {
        ...(cartId === undefined ? {} : { cookie: `cart_id=${cartId}` }),
        "x-forwarded-for": address,
      },
    });
    const shopMs = performance.now() - started;
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    return { shopMs, state: readActionAnswer(response.body) };
  } catch (error) {
    errors.push(`payment start: ${String(error)}`);
    return undefined;
  }
}

/** A payment started from a cart: the shop's time and the gateway's token. */
async function payFromCart(shopUrl: string, actionId: string, cartId: string): Promise<Started | undefined> {
  const posted = await postCheckout(shopUrl, actionId, cartId);
  if (posted === undefined) return undefined;
  const launched = launchSchema.safeParse(posted.state);
  if (!launched.success) {
    errors.push(`payment start: no launch: ${posted.state.error ?? JSON.stringify(posted.state).slice(0, 200)}`);
    return undefined;
  }
  return { shopMs: posted.shopMs, atomTokenId: launched.data.launch.atomTokenId };
}

/**
 * The floor: the same action without a cart, refused with "Your cart is empty." after the
 * form's check and the session and cookie reads, before any statement: what Next's
 * server-action path and the action's wrapping cost without the payment.
 */
async function postWithoutCart(shopUrl: string, actionId: string): Promise<number | undefined> {
  const posted = await postCheckout(shopUrl, actionId, undefined);
  if (posted === undefined) return undefined;
  if (posted.state.error !== "Your cart is empty.") {
    errors.push(`floor: not refused for its empty cart: ${JSON.stringify(posted.state).slice(0, 200)}`);
    return undefined;
  }
  return posted.shopMs;
}

// ---------------------------------------------------------------- round trips

interface StatementCount {
  /** What sent them. */
  part: string;
  statements: number;
  /** With parameters: two round trips each when unprepared (postgres.js describes them first). */
  withParameters: number;
}

/**
 * The payment start's services run in this process on their own (AUTH stubbed): the
 * statements one start sends, and the CPU one start costs without Next or the AUTH call.
 */
async function measureService(
  url: string,
  atom: AtomConfig,
  productId: string,
): Promise<{ counted: StatementCount[]; service: { cpuMs: number; starts: number } }> {
  let statements = 0;
  let withParameters = 0;
  const handle = openDatabase({
    url,
    poolMax: 2,
    onQuery: (parameters) => {
      statements += 1;
      if (parameters.length > 0) withParameters += 1;
    },
  });
  const limits = createRateLimits({ db: handle.db }, RATE_LIMITS);
  const context = { db: handle.db, gateway: tokenIssuingGateway(), atom, appUrl: `http://127.0.0.1:${SHOP_PORT}` };
  const carts = postgres(url, { max: 1, onnotice: () => {} });
  let counted: StatementCount[] = [];
  let service = { cpuMs: 0, starts: 0 };
  const count = async (part: string, work: () => Promise<unknown>) => {
    const before = { statements, withParameters };
    await work();
    counted.push({
      part,
      statements: statements - before.statements,
      withParameters: withParameters - before.withParameters,
    });
  };
  try {
    // The second pass is the one reported: the first creates the rate limits' rows and the hour's row.
    for (const pass of [1, 2]) {
      counted = [];
      const [cartId] = await fillCarts(carts, [productId], 1);
      await count("the cart (cookie → cart row)", () => findGuestCartId(handle.db, cartId!));
      await count("rate limits (address, cart)", () =>
        limits.paymentStart({ address: `10.255.0.${pass}`, cartId: cartId! }),
      );
      await count("startCheckout: order, stock and attempt (one transaction), then the token (another)", () =>
        startCheckout(context, {
          cartId: cartId!,
          userId: null,
          contact: { email: "count@example.test", mobile: "9876543210" },
          delivery: TEST_DELIVERY,
        }),
      );
      await count("dashboard figures (the AUTH call's hour row, not awaited)", () =>
        recordGatewayCall(handle.db, { api: "AUTH", outcome: "ok", answered: true, durationMs: 20 }),
      );
    }
    const starts = options.smoke ? 5 : 100;
    // A warm-up first, so that V8 has optimised the code as in a server that has run a while.
    const warmUp = options.smoke ? 2 : 50;
    const cartIds = await fillCarts(carts, [productId], warmUp + starts);
    // Its log lines are formatted at the shop's level (info) and dropped, as the callbacks bench does.
    const restoreLog = captureLogOutput(() => {}, "info");
    const start = (cartId: string, index: number) =>
      startCheckout(context, {
        cartId,
        userId: null,
        contact: { email: `alone-${index}@example.test`, mobile: "9876543210" },
        delivery: TEST_DELIVERY,
      });
    try {
      for (const [index, cartId] of cartIds.slice(0, warmUp).entries()) await start(cartId, index);
      const before = process.cpuUsage();
      for (const [index, cartId] of cartIds.slice(warmUp).entries()) await start(cartId, warmUp + index);
      service = { cpuMs: ownCpuMsSince(before), starts };
    } finally {
      restoreLog();
    }
  } finally {
    await carts.end();
    await handle.close();
  }
  return { counted, service };
}

// ---------------------------------------------------------------- the run

interface Shop {
  name: string;
  server: ExtraServer;
  url: string;
  database: ScratchDatabase;
  sql: postgres.Sql;
  productIds: string[];
  one: Record<"shop" | "gateway" | "own", Series>;
  many: Record<"shop" | "gateway" | "own", Series>;
  health: Record<"readiness" | "liveness", Series>;
  healthFailures: number;
  /** CPU milliseconds spent during each phase, and the starts measured in it. */
  cpu: Record<"one" | "many", { node: number; postgres: number; starts: number }>;
}

/** Probes the shop's readiness and liveness one after another until the function returned is called. */
function probeHealth(shop: Shop): () => Promise<void> {
  let running = true;
  const probing = (async () => {
    while (running) {
      for (const [name, route] of [
        ["readiness", "/api/health"],
        ["liveness", "/api/health/live"],
      ] as const) {
        const started = performance.now();
        const response = await fetch(`${shop.url}${route}`).catch(() => undefined);
        await response?.arrayBuffer();
        shop.health[name].add(performance.now() - started);
        if (response?.status !== 200) shop.healthFailures += 1;
      }
      await sleep(20);
    }
  })();
  return async () => {
    running = false;
    await probing;
  };
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")))
    throw new Error("no production build: run `npm run build` first");
  const action = builtAction(builtActions(ROOT), "components/checkout/actions.ts", "startCheckoutAction");

  const gatewayDatabase = await createScratchDatabase(options.postgres, "perf_start_gateway");
  const databases = [gatewayDatabase];
  const servers: ExtraServer[] = [];
  const shops: Shop[] = [];
  const admin = postgres(options.postgres, { max: 1, onnotice: () => {} });
  let relay: Awaited<ReturnType<typeof startTimingRelay>> | undefined;
  try {
    const authSecret = randomBytes(32).toString("base64url");
    const gatewayUrl = `http://127.0.0.1:${GATEWAY_PORT}`;
    const relayUrl = `http://127.0.0.1:${RELAY_PORT}`;
    const shopAtom = parseAtomConfig(
      { ATOM_MODE: "uat", ...UAT_CREDENTIAL_VARIABLES, ...sandboxUrlVariables(relayUrl) },
      { appUrl: `http://127.0.0.1:${SHOP_PORT}` },
    );
    const directAtom = parseAtomConfig(
      { ATOM_MODE: "uat", ...UAT_CREDENTIAL_VARIABLES, ...sandboxUrlVariables(gatewayUrl) },
      { appUrl: `http://127.0.0.1:${SHOP_PORT}` },
    );
    relay = await startTimingRelay(gatewayUrl, shopAtom);
    const common = { AUTH_SECRET: authSecret, JOBS: "off" };
    const gateway = await startExtraServer({
      port: GATEWAY_PORT,
      url: gatewayUrl,
      env: { ...common, ATOM_MODE: "sandbox", SEED_ON_START: "false", DATABASE_URL: gatewayDatabase.url },
    });
    servers.push(gateway);
    // The shop as it is, and as it was before prepared statements (the baseline), each on a
    // database of its own so that each one's PostgreSQL CPU can be told apart.
    for (const [name, port, prepared] of [
      ["prepared statements (now)", SHOP_PORT, "on"],
      ["unprepared (before)", UNPREPARED_SHOP_PORT, "off"],
    ] as const) {
      const database = await createScratchDatabase(options.postgres, `perf_start_shop_${prepared}`);
      databases.push(database);
      const url = `http://127.0.0.1:${port}`;
      const server = await startExtraServer({
        port,
        url,
        env: {
          ...common,
          ATOM_MODE: "uat",
          ...UAT_CREDENTIAL_VARIABLES,
          ...sandboxUrlVariables(relayUrl),
          SEED_ON_START: "true",
          DATABASE_URL: database.url,
          DATABASE_POOL_MAX: options["pool-max"],
          DATABASE_PREPARED_STATEMENTS: prepared,
          TRUST_PROXY: "1",
        },
        nodeArgs:
          options.profile && prepared === "on" ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(options.profile)}`] : [],
      });
      servers.push(server);
      const sql = postgres(database.url, { max: 2, onnotice: () => {} });
      // Enough stock for every start; each shopper buys another product (no one hot row).
      await sql`update products set stock = 1000000 where active`;
      const productIds = (await sql<{ id: string }[]>`select id from products where active order by id`).map(
        (row) => row.id,
      );
      const series = () => ({ shop: new Series(), gateway: new Series(), own: new Series() });
      shops.push({
        name,
        server,
        url,
        database,
        sql,
        productIds,
        one: series(),
        many: series(),
        health: { readiness: new Series(), liveness: new Series() },
        healthFailures: 0,
        cpu: { one: { node: 0, postgres: 0, starts: 0 }, many: { node: 0, postgres: 0, starts: 0 } },
      });
    }

    const authClient = createAtomClient(directAtom);
    let authNumber = 0;
    const authAlone = async (): Promise<number | undefined> => {
      authNumber += 1;
      const started = performance.now();
      try {
        await authClient.auth({
          merchTxnId: `BENCH${Date.now().toString(36).toUpperCase()}${authNumber}`,
          merchTxnDate: new Date(Date.now() - 1000),
          amountPaise: 49_900,
          custEmail: "alone@example.test",
          custMobile: "9876543210",
        });
        return performance.now() - started;
      } catch (error) {
        errors.push(`AUTH alone: ${String(error)}`);
        return undefined;
      }
    };
    const alone = { one: new Series(), many: new Series() };
    const gatewayCpu = { node: 0, postgres: 0, starts: 0 };

    const startMany = async (shop: Shop, count: number, into: Shop["one"] | undefined) => {
      const carts = await fillCarts(shop.sql, shop.productIds, count);
      const meters = await Promise.all([
        startCpuMeter(() => processTree(shop.server.pid)),
        startCpuMeter(() => databaseBackends(admin, shop.database.name)),
        startCpuMeter(() => processTree(gateway.pid)),
        startCpuMeter(() => databaseBackends(admin, gatewayDatabase.name)),
      ]);
      const stopProbing = into === shop.many ? probeHealth(shop) : async () => {};
      const results = await Promise.all(carts.map((cartId) => payFromCart(shop.url, action.id, cartId)));
      await stopProbing();
      if (into === undefined) return;
      const [node, database, gatewayNode, gatewayPostgres] = await Promise.all(meters.map((stop) => stop()));
      const cpu = shop.cpu[into === shop.one ? "one" : "many"];
      cpu.node += node!;
      cpu.postgres += database!;
      gatewayCpu.node += gatewayNode!;
      gatewayCpu.postgres += gatewayPostgres!;
      for (const result of results) {
        if (result === undefined) continue;
        cpu.starts += 1;
        gatewayCpu.starts += 1;
        into.shop.add(result.shopMs);
        const gatewayMs = relay!.gatewayMs(result.atomTokenId);
        if (gatewayMs === undefined) {
          errors.push(`no gateway time for token ${result.atomTokenId}`);
          continue;
        }
        into.gateway.add(gatewayMs);
        into.own.add(result.shopMs - gatewayMs);
      }
    };
    // The AUTH call's own CPU at the caller's side (encrypt, fetch, decrypt, check): this
    // process does nothing else meanwhile (the relay carries only the shops' calls).
    const authClientCpu = { ms: 0, calls: 0 };
    const authMany = async (count: number, into: Series) => {
      const before = process.cpuUsage();
      const answered = (await Promise.all(Array.from({ length: count }, authAlone))).filter(
        (elapsed) => elapsed !== undefined,
      );
      authClientCpu.ms += ownCpuMsSince(before);
      for (const elapsed of answered) into.add(elapsed);
      authClientCpu.calls += answered.length;
    };
    const floorShop = shops[0]!;
    const floor = { series: new Series(), cpuMs: 0, requests: 0 };
    const postManyWithoutCart = async (count: number) => {
      const stop = await startCpuMeter(() => processTree(floorShop.server.pid));
      const results = await Promise.all(Array.from({ length: count }, () => postWithoutCart(floorShop.url, action.id)));
      floor.cpuMs += await stop();
      for (const elapsed of results) if (elapsed !== undefined) floor.series.add(elapsed);
      floor.requests += results.filter((elapsed) => elapsed !== undefined).length;
    };

    // Warm-up: the first starts load each route's code and derive the cipher keys.
    for (const shop of shops) await startMany(shop, shoppers, undefined);
    await authMany(shoppers, new Series());
    authClientCpu.ms = 0;
    authClientCpu.calls = 0;
    for (let round = 0; round < rounds; round++) {
      // Interleaved: each shop, then the AUTH alone, one shopper then many.
      for (const shop of shops) await startMany(shop, 1, shop.one);
      await authMany(1, alone.one);
      for (const shop of shops) await startMany(shop, shoppers, shop.many);
      await authMany(shoppers, alone.many);
      await postManyWithoutCart(shoppers);
      process.stderr.write(`\rround ${round + 1}/${rounds}`);
    }
    process.stderr.write("\n");
    const { counted, service } = await measureService(shops[0]!.database.url, shopAtom, shops[0]!.productIds[0]!);

    console.log(
      `\nStarting a payment: ${rounds} rounds of 1 shopper, then ${shoppers} at once (${new Date().toISOString()})`,
    );
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, NODE_ENV ${process.env.NODE_ENV ?? "unset"}, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}; DATABASE_POOL_MAX ${options["pool-max"]}\n`,
    );
    console.log("| Measured | n | p50 | p99 | max |\n|---|---:|---:|---:|---:|");
    for (const [label, count, pick] of [
      ["1 shopper", 1, (shop: Shop) => shop.one],
      [`${shoppers} at once`, shoppers, (shop: Shop) => shop.many],
    ] as const) {
      for (const shop of shops) {
        const figures = pick(shop);
        console.log(figures.shop.row(`${label}, ${shop.name}: the shop's answer (the browser's view)`));
        console.log(figures.gateway.row(`${label}, ${shop.name}: of which the gateway (AUTH, timed at its side)`));
        console.log(figures.own.row(`${label}, ${shop.name}: the shop's own time (answer − gateway)`));
      }
      console.log(
        (count === 1 ? alone.one : alone.many).row(`${label}, baseline: AUTH alone (lib/atom → the same gateway)`),
      );
    }
    for (const shop of shops) {
      console.log(shop.health.readiness.row(`GET /api/health during the ${shoppers}, ${shop.name}`));
      console.log(shop.health.liveness.row(`GET /api/health/live during the ${shoppers}, ${shop.name}`));
    }
    console.log(
      floor.series.row(`${shoppers} at once, floor: the same action without a cart (refused before any statement)`),
    );
    const perStart = (cpuMs: number, starts: number) => `${(cpuMs / Math.max(1, starts)).toFixed(1)} ms`;
    console.log("");
    for (const shop of shops)
      for (const [phase, cpu] of [
        ["1 shopper", shop.cpu.one],
        [`${shoppers} at once, health probes included`, shop.cpu.many],
      ] as const)
        console.log(
          `CPU per payment start, ${shop.name}, ${phase} (${cpu.starts} starts): ` +
            `Node ${perStart(cpu.node, cpu.starts)}, PostgreSQL ${perStart(cpu.postgres, cpu.starts)}`,
        );
    console.log(
      `CPU per AUTH, the gateway (${gatewayCpu.starts}): Node ${perStart(gatewayCpu.node, gatewayCpu.starts)}, ` +
        `PostgreSQL ${perStart(gatewayCpu.postgres, gatewayCpu.starts)}`,
    );
    console.log(
      `CPU per request, floor (the action without a cart, ${floor.requests}): Node ${perStart(floor.cpuMs, floor.requests)}`,
    );
    console.log(
      `CPU per AUTH call at the caller's side (lib/atom's client, ${authClientCpu.calls}): ${perStart(authClientCpu.ms, authClientCpu.calls)}`,
    );
    console.log(
      `CPU per start of the payment service alone (startCheckout in this process, AUTH stubbed, ` +
        `${service.starts} one after another): ${perStart(service.cpuMs, service.starts)}`,
    );
    const total = counted.reduce(
      (sum, part) => ({
        statements: sum.statements + part.statements,
        withParameters: sum.withParameters + part.withParameters,
      }),
      { statements: 0, withParameters: 0 },
    );
    console.log("\n| Statements of one payment start | statements | round trips, prepared | round trips, unprepared |");
    console.log("|---|---:|---:|---:|");
    for (const part of [...counted, { part: "**total**", ...total }])
      console.log(
        `| ${part.part} | ${part.statements} | ${part.statements} | ${part.statements + part.withParameters} |`,
      );
    const failures = shops.reduce((sum, shop) => sum + shop.healthFailures, 0);
    console.log(`\nHealth probes that did not answer 200: ${failures}`);
    if (failures > 0) errors.push("a health probe did not answer 200");
  } finally {
    await relay?.close();
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(shops.map((shop) => shop.sql.end()));
    await admin.end();
    for (const database of databases) await database.drop();
  }
  if (errors.length > 0) {
    console.error(`\n${errors.length} errors, the first: ${errors.slice(0, 5).join("\n  ")}`);
    process.exit(1);
  }
}

await main();
