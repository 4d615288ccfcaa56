/**
 * Callback throughput on PostgreSQL, in one interleaved run: the shop (the production build,
 * `next start`) receiving POST /api/atom/callback for fresh pending orders, each callback
 * encrypted and signed as the gateway does (lib/atom/gateway-side), beside its baselines:
 *   - bare: a node:http server with the cached key doing decrypt + verify (lib/atom) and one
 *     conditional UPDATE on postgres.js, the ceiling;
 *   - kit: the same, deriving the key with pbkdf2Sync on every request as the gateway's
 *     sample kits do;
 *   - next floor: GET on the same route, which Next answers 405 without running the handler:
 *     what Next's request path costs on its own in this build.
 * Each round runs every subject in turn (the order rotating), at the same concurrency. Then:
 * every shop order paid exactly once, also after replaying duplicates; round trips and
 * statements per callback counted on the wire (a counting proxy in front of a second shop
 * and bare server, sequential callbacks), and how long each holds its connection.
 * Node CPU: /proc/<pid>/stat of each server's process tree; PostgreSQL CPU: of the backends
 * serving the scratch database. Event-loop stalls: the shop's own monitorEventLoopDelay
 * (prom-client's nodejs_eventloop_lag_*_seconds, reset by each scrape of /api/metrics) beyond
 * its 10 ms sampling interval, during the bursts and during the counted shop's sequential
 * callbacks (the longest single task). Last, the apply path alone: receiveGatewayResult in
 * this process, one callback at a time after a warm-up, its CPU from process.cpuUsage.
 *
 * Run: npm run bench:callbacks   (options: --orders 400 per round, --rounds 3, --concurrency 32,
 * --duplicates 1000, --counted 40, --postgres <server URL> or BENCH_DATABASE_URL, --port-base 3110,
 * --profile, --smoke). Ports: base+1 shop, +2 bare, +3 kit, +4 counted shop, +5 counted bare, +9 proxy.
 * Exits non-zero when a callback errs or an order is not paid exactly once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer, connect, type Socket } from "node:net";
import { SourceMap, type SourceMapPayload } from "node:module";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase, type Database } from "@/db/client";
import { createScratchDatabase } from "@/db/testing/create-scratch-database";
import { seedDatabase } from "@/db/seed";
import { cartItems, carts, products } from "@/db/schema";
import { createAtomClient, verifyCallbackPayload, verifyGatewayResult, type VerifiedPayment } from "@/lib/atom";
import { buildPaymentResult, encryptedFormBody } from "@/lib/atom/gateway-side";
import { samplePayment, testAtomConfig, tokenIssuingGateway } from "@/lib/atom/testing/samples";
import { TEST_DELIVERY } from "@/lib/checkout/testing/delivery-address";
import { captureLogOutput } from "@/lib/log";
import { parseGatewayBody, receiveGatewayResult } from "@/lib/payments/receive-gateway-result";
import { startCheckout } from "@/lib/payments/start-checkout";
import {
  ensureProductionBuild,
  killProcessGroup,
  sleep,
  spawnNextServer,
  waitUntilHealthy,
} from "../scripts/start-next-server";
import { kitDecrypt } from "./kit-cipher";
import { percentile } from "./percentile";
import { databaseBackends, ownCpuMsSince, processTree, startCpuMeter } from "./measure-process-cpu";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    orders: { type: "string", default: "400" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "32" },
    duplicates: { type: "string", default: "1000" },
    counted: { type: "string", default: "40" },
    postgres: {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    "port-base": { type: "string", default: "3110" },
    // Run the shop under `node --cpu-prof` and print where its CPU went.
    profile: { type: "boolean", default: false },
    // Internal: this file run as a baseline server (bare or kit) on --port against --database.
    serve: { type: "string" },
    // Internal: print the summary of the CPU profiles in this folder and exit.
    "summarise-profiles": { type: "string" },
    port: { type: "string" },
    database: { type: "string" },
  },
});

const config = testAtomConfig();
const FORM_TYPE = { "content-type": "application/x-www-form-urlencoded" };

// ---------------------------------------------------------------- baseline servers

/**
 * The baselines' whole work per callback: verify, then one conditional UPDATE that pays the
 * attempt if it is still waiting (or was paid by this very transaction: a duplicate is 200).
 */
async function serveBaseline(kind: "bare" | "kit", port: number, databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  const responseKey = config.responseEncryption.key.reveal();
  const check = { merchId: config.merchId, responseHashKey: config.responseHashKey };
  const verify = (encData: string): Promise<VerifiedPayment> | VerifiedPayment =>
    kind === "bare"
      ? verifyGatewayResult(config, encData)
      : verifyCallbackPayload(JSON.parse(kitDecrypt(encData, responseKey)), check);
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        let status = 200;
        try {
          const encData = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("encData") ?? "";
          const result = await verify(encData);
          const paid = await sql`
            update payment_attempts
            set status = 'completed', atom_txn_id = ${result.atomTxnId}, updated_at = now()
            where merch_txn_id = ${result.merchTxnId} and amount = ${result.amountPaise}
              and (status in ('token_generated', 'user_payment', 'payment_failed')
                or (status = 'completed' and atom_txn_id = ${result.atomTxnId}))
            returning id`;
          if (result.outcome !== "success" || paid.length !== 1) status = 400;
        } catch {
          status = 503;
        }
        response.writeHead(status).end(status === 200 ? "OK" : "Rejected");
      })();
    });
  });
  server.listen(port, "127.0.0.1");
  process.on("SIGTERM", () => process.exit(0));
}

function spawnBaseline(kind: "bare" | "kit", port: number, databaseUrl: string, logPath: string): ChildProcess {
  const args = ["--import", "./scripts/without-server-only.mjs", "--import", "tsx", "bench/callbacks.bench.ts"];
  const log = openSync(logPath, "a");
  const child = spawn(process.execPath, [...args, "--serve", kind, "--port", String(port), "--database", databaseUrl], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  return child;
}

async function waitForPort(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited while starting`);
    try {
      const response = await fetch(url, { method: "POST", body: "encData=00", headers: FORM_TYPE });
      await response.body?.cancel();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${url} did not start`);
}

// ---------------------------------------------------------------- wire counting proxy

interface WireCount {
  /** Client sends that follow an answer from the server: round trips. */
  roundTrips: number;
  /** Simple queries plus extended-protocol executes. */
  statements: number;
  /** Time connections spent out of the idle state (from a client send to ReadyForQuery 'I'), ms. */
  busyMs: number;
}

/** A TCP proxy to PostgreSQL that counts what passes (frontend and backend message types). */
function startCountingProxy(port: number, target: { host: string; port: number }): WireCount {
  const count: WireCount = { roundTrips: 0, statements: 0, busyMs: 0 };
  const server = createTcpServer((client) => {
    const upstream = connect(target.port, target.host);
    let lastFromServer = true;
    let busySince: number | undefined;
    const frontend = messageReader(true, (type) => {
      if (type === "Q" || type === "E") count.statements += 1;
    });
    const backend = messageReader(false, (type, first) => {
      if (type === "Z" && first === 0x49 && busySince !== undefined) {
        count.busyMs += performance.now() - busySince;
        busySince = undefined;
      }
    });
    client.on("data", (chunk: Buffer) => {
      if (lastFromServer) count.roundTrips += 1;
      lastFromServer = false;
      busySince ??= performance.now();
      frontend(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      lastFromServer = true;
      backend(chunk);
      client.write(chunk);
    });
    const close = (socket: Socket) => () => socket.destroy();
    client.on("close", close(upstream));
    upstream.on("close", close(client));
    client.on("error", close(upstream));
    upstream.on("error", close(client));
  });
  server.listen(port, "127.0.0.1");
  server.unref();
  return count;
}

/** Splits a PostgreSQL protocol stream into messages; the frontend's first (startup) message has no type byte. */
function messageReader(
  startsUntyped: boolean,
  onMessage: (type: string, firstByte: number | undefined) => void,
): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  let untyped = startsUntyped;
  return (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      if (untyped) {
        if (buffered.length < 8) return;
        const length = buffered.readInt32BE(0);
        if (buffered.length < length) return;
        // An SSLRequest is followed by the startup message, also untyped.
        untyped = buffered.readInt32BE(4) === 80_877_103;
        buffered = buffered.subarray(length);
        continue;
      }
      if (buffered.length < 5) return;
      const length = buffered.readInt32BE(1);
      if (buffered.length < length + 1) return;
      onMessage(String.fromCharCode(buffered[0]!), length > 4 ? buffered[5] : undefined);
      buffered = buffered.subarray(length + 1);
    }
  };
}

// prom-client's event-loop sampling interval (monitorEventLoopDelay's resolution), ms.
const LAG_SAMPLING_MS = 10;

/** Event-loop stalls in a window, milliseconds. */
interface Lag {
  max: number;
  p99: number;
}

// Callbacks each counted server gets before its count (its route's code loads, its keys derive).
const COUNTED_WARM_UP = 5;

// ---------------------------------------------------------------- CPU profile

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Where a sampled function belongs, by its original file (the build's chunks are mapped back
// through their source maps).
const CATEGORIES: Array<[RegExp, string]> = [
  [
    /@react-email|react-dom|node_modules\/react\/|render-shopper-email/,
    "React (the shopper's email, rendered in the transaction)",
  ],
  [/node_modules\/postgres\//, "postgres.js (wire protocol)"],
  [/drizzle-orm/, "drizzle (query building, row mapping)"],
  [/node_modules\/zod\//, "zod"],
  [/pino|sonic-boom|thread-stream/, "pino (logging)"],
  [/prom-client/, "prom-client"],
  [/@opentelemetry|node_modules\/next\/|\[turbopack\]|next-server/, "Next runtime"],
  [/^node:|^internal\//, "Node internals (sockets, streams, fetch's Request, async hooks, module loading)"],
  [/\/(lib|app|db)\//, "the shop's own code"],
];

function categoryOf(frame: ProfileNode["callFrame"], original: (frame: ProfileNode["callFrame"]) => string): string {
  const { functionName } = frame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)" || functionName === "(program)") return functionName;
  const source = original(frame);
  if (source === "") return "native (crypto, JSON, regular expressions, buffers)";
  for (const [pattern, name] of CATEGORIES) if (pattern.test(source)) return name;
  return "other JavaScript";
}

/** The original source of a frame in a chunk with a source map (or the frame's own file). */
function originalSources(): (frame: ProfileNode["callFrame"]) => string {
  const maps = new Map<string, SourceMap | undefined>();
  return ({ url, lineNumber, columnNumber }) => {
    if (!url.includes("/.next/")) return url;
    const file = url.replace(/^file:\/\//, "");
    if (!maps.has(file)) {
      let map: SourceMap | undefined;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")) as SourceMapPayload);
      } catch {
        map = undefined;
      }
      maps.set(file, map);
    }
    const entry = maps.get(file)?.findEntry(lineNumber, columnNumber);
    return entry && "originalSource" in entry ? entry.originalSource : url;
  };
}

/** Self time by category over every profile the shop's processes wrote. */
function summariseProfiles(dir: string): string {
  const totals = new Map<string, number>();
  const original = originalSources();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const category = categoryOf(nodes.get(id)!.callFrame, original);
      totals.set(category, (totals.get(category) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
  }
  const busy = [...totals].filter(([name]) => name !== "(idle)");
  const sum = busy.reduce((total, [, micros]) => total + micros, 0);
  return [
    `Shop CPU profile, the whole run (start-up, warm-up, bursts, duplicates, Next's floor; ${(sum / 1e6).toFixed(1)} s of CPU), self time:`,
    ...busy
      .sort((a, b) => b[1] - a[1])
      .map(([name, micros]) => `  ${((micros / sum) * 100).toFixed(1).padStart(5)} %  ${name}`),
  ].join("\n");
}

// ---------------------------------------------------------------- orders and callbacks

interface PendingOrder {
  orderId: string;
  merchTxnId: string;
  amountPaise: number;
}

/** Fresh pending orders as the shop makes them: a cart, a checkout, AUTH answered with a token. */
async function createPendingOrders(db: Database, count: number): Promise<PendingOrder[]> {
  const [product] = await db.select().from(products).limit(1);
  if (!product) throw new Error("the catalog is empty");
  const context = { db, gateway: tokenIssuingGateway(), atom: config, appUrl: "http://127.0.0.1" };
  const created: PendingOrder[] = [];
  const one = async (): Promise<void> => {
    const [cart] = await db.insert(carts).values({}).returning();
    await db.insert(cartItems).values({ cartId: cart!.id, productId: product.id, quantity: 1 });
    const started = await startCheckout(context, {
      cartId: cart!.id,
      userId: null,
      contact: { email: "bench@example.in", mobile: "9876543210" },
      delivery: TEST_DELIVERY,
    });
    const order = await db.query.orders.findFirst({ where: (orders, { eq: is }) => is(orders.id, started.orderId) });
    created.push({ orderId: order!.id, merchTxnId: order!.merchTxnId!, amountPaise: order!.totalAmount });
  };
  const workers = Array.from({ length: 4 }, async (_, worker) => {
    for (let i = worker; i < count; i += 4) await one();
  });
  await Promise.all(workers);
  return created;
}

let atomTxnCounter = 0;
/** The gateway's callback for a successful payment of the order, as its form body. */
async function callbackBody(order: PendingOrder): Promise<string> {
  atomTxnCounter += 1;
  const payment = samplePayment({
    merchTxnId: order.merchTxnId,
    amountPaise: order.amountPaise,
    atomTxnId: String(11_000_000_000_000 + atomTxnCounter),
  });
  return encryptedFormBody(config, buildPaymentResult(config, payment));
}

interface Burst {
  latencies: number[];
  errors: number;
  statuses: Map<number, number>;
  wallMs: number;
}

/** Sends every body (or `count` bodiless GETs) with `concurrency` in flight; `expected` is the good status. */
async function burst(url: string, bodies: readonly (string | null)[], concurrency: number, expected: number) {
  const result: Burst = { latencies: [], errors: 0, statuses: new Map(), wallMs: 0 };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t0 = performance.now();
        let status = 0;
        try {
          const response = await fetch(
            url,
            body === null ? { method: "GET" } : { method: "POST", body, headers: FORM_TYPE },
          );
          await response.arrayBuffer();
          status = response.status;
        } catch {
          status = -1;
        }
        result.latencies.push(performance.now() - t0);
        result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
        if (status !== expected) result.errors += 1;
      }
    }),
  );
  result.wallMs = performance.now() - started;
  return result;
}

// ---------------------------------------------------------------- the run

interface Subject {
  name: string;
  url: string;
  method: "POST" | "GET";
  expected: number;
  perRound: number;
  pids: () => number[];
  latencies: number[];
  errors: number;
  wallMs: number;
  done: number;
  nodeCpuMs: number;
  pgCpuMs: number;
  wire?: { roundTrips: number; statements: number; heldMs: number; latencyMs: number };
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

async function main(): Promise<number> {
  const smoke = options.smoke;
  const perRound = smoke ? 48 : Number(options.orders);
  const rounds = smoke ? 1 : Number(options.rounds);
  const concurrency = Number(options.concurrency);
  const duplicates = smoke ? 64 : Number(options.duplicates);
  const counted = smoke ? 8 : Number(options.counted);
  // The apply path alone: enough calls first for V8 to have optimised the code, as it has in
  // a server that has taken a thousand callbacks.
  const applyWarmUp = smoke ? 5 : 200;
  const applyCount = smoke ? 8 : 200;
  const kitPerRound = Math.max(concurrency, Math.round(perRound / 8));
  const base = Number(options["port-base"]);
  const ports = { shop: base + 1, bare: base + 2, kit: base + 3, countedShop: base + 4, countedBare: base + 5 };
  const proxyPort = base + 9;
  const report = (line: string) => console.log(line);
  ensureProductionBuild(report);

  const server = new URL(options.postgres);
  const scratch = await createScratchDatabase(options.postgres, "perf_callbacks_bench");
  // Reads the scratch database's backends (their CPU) from the server's side.
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  const databaseUrl = new URL(scratch.url);
  const proxiedUrl = new URL(databaseUrl);
  proxiedUrl.port = String(proxyPort);
  const logDir = path.join(process.cwd(), ".data", `bench-callbacks-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  mkdirSync(logDir, { recursive: true });
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((child) => killProcessGroup(child));
  process.on("exit", stopAll);
  // Interrupted or timed out: exiting runs stopAll (the servers are in process groups of their own).
  process.on("SIGINT", () => process.exit(130));
  process.on("SIGTERM", () => process.exit(143));

  const handle = openDatabase({ url: databaseUrl.toString(), poolMax: 4 });
  const check = postgres(databaseUrl.toString(), { max: 1, onnotice: () => {} });
  let failed = false;
  try {
    report(`scratch database ${scratch.name}; logs in ${path.relative(process.cwd(), logDir)}`);
    await handle.migrate();
    await seedDatabase(handle.db, { generatedAdmin: false, log: () => {} });
    await handle.db.update(products).set({ stock: 1_000_000_000 });

    const metricsToken = randomBytes(24).toString("base64url");
    // The shop's whole environment (NODE_ENV and NEXT_TELEMETRY_DISABLED are the starter's).
    const shopEnv = (port: number, url: string): Record<string, string> => ({
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATABASE_URL: url,
      ATOM_MODE: "sandbox",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      APP_URL: `http://127.0.0.1:${port}`,
      METRICS_TOKEN: metricsToken,
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      // Callbacks only: the job loop would requery the pending orders meanwhile.
      JOBS: "off",
      ...(process.env.DATABASE_PREPARED_STATEMENTS
        ? { DATABASE_PREPARED_STATEMENTS: process.env.DATABASE_PREPARED_STATEMENTS }
        : {}),
    });
    const startShop = async (label: string, port: number, url: string) => {
      const shop = spawnNextServer({
        name: label,
        port,
        env: shopEnv(port, url),
        output: { logPath: path.join(logDir, `${label}.log`), banner: `bench: ${label}` },
        nodeFlags: options.profile && port === ports.shop ? ["--cpu-prof", `--cpu-prof-dir=${logDir}`] : [],
        processGroup: true,
      });
      children.push(shop.child);
      await waitUntilHealthy(shop);
      return shop;
    };
    const startBaseline = async (kind: "bare" | "kit", port: number, url: string) => {
      const child = spawnBaseline(kind, port, url, path.join(logDir, `${kind}.log`));
      children.push(child);
      await waitForPort(`http://127.0.0.1:${port}/`, child);
      return child;
    };

    const wire = startCountingProxy(proxyPort, { host: server.hostname, port: Number(server.port || 5432) });
    // The counted shop and bare server only serve the wire count below, through the proxy.
    const [shop, bare, kit] = await Promise.all([
      startShop("shop", ports.shop, databaseUrl.toString()),
      startBaseline("bare", ports.bare, databaseUrl.toString()),
      startBaseline("kit", ports.kit, databaseUrl.toString()),
      startShop("shop-counted", ports.countedShop, proxiedUrl.toString()),
      startBaseline("bare", ports.countedBare, proxiedUrl.toString()),
    ]);

    const subjects: Subject[] = [
      { name: "bare", url: `http://127.0.0.1:${ports.bare}/`, pids: () => processTree(bare.pid!) },
      { name: "shop", url: `http://127.0.0.1:${ports.shop}/api/atom/callback`, pids: () => processTree(shop.pid) },
      { name: "kit", url: `http://127.0.0.1:${ports.kit}/`, pids: () => processTree(kit.pid!) },
      {
        name: "next floor",
        url: `http://127.0.0.1:${ports.shop}/api/atom/callback`,
        pids: () => processTree(shop.pid),
        method: "GET" as const,
        expected: 405,
      },
    ].map((subject) => ({
      method: "POST" as const,
      expected: 200,
      ...subject,
      perRound: subject.name === "kit" ? kitPerRound : perRound,
      latencies: [],
      errors: 0,
      wallMs: 0,
      done: 0,
      nodeCpuMs: 0,
      pgCpuMs: 0,
    }));

    const postCount = subjects.filter((s) => s.method === "POST").reduce((sum, s) => sum + s.perRound * rounds, 0);
    // Every phase takes orders of its own: the shop's and the bare server's warm-ups, the
    // bursts, the two counted servers (warm-up and count) and the apply path alone.
    const orderCount = 2 * concurrency + postCount + 2 * (COUNTED_WARM_UP + counted) + applyWarmUp + applyCount;
    report(`creating ${orderCount} pending orders…`);
    // The checkouts' log lines (one per order) are not the benchmark's.
    const restoreLog = captureLogOutput(() => {}, "warn");
    const orders = await createPendingOrders(handle.db, orderCount).finally(restoreLog);
    const bodies = await Promise.all(orders.map(callbackBody));
    let taken = 0;
    const take = (count: number) => {
      const from = taken;
      taken += count;
      if (taken > orders.length) throw new Error(`the phases took more than the ${orders.length} orders made`);
      return { orders: orders.slice(from, taken), bodies: bodies.slice(from, taken) };
    };

    const backends = () => databaseBackends(admin, scratch.name);
    // prom-client's monitorEventLoopDelay samples every 10 ms (its default precision, which
    // lib/observability/metrics.ts keeps) and records the time between samples, so an idle
    // loop reads about 10 ms: a stall is what a reading has beyond those 10 ms. Each scrape
    // resets the window.
    const scrapeLag = async (port = ports.shop): Promise<Lag> => {
      const response = await fetch(`http://127.0.0.1:${port}/api/metrics`, {
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      const text = await response.text();
      const read = (metric: string) => Number(new RegExp(`^${metric} ([0-9.e+-]+)`, "m").exec(text)?.[1] ?? NaN) * 1000;
      return {
        max: read("nodejs_eventloop_lag_max_seconds") - LAG_SAMPLING_MS,
        p99: read("nodejs_eventloop_lag_p99_seconds") - LAG_SAMPLING_MS,
      };
    };

    // A warm-up: the shop's first requests compile its route and derive the gateway's keys.
    const warm = take(concurrency);
    const shopSubject = subjects.find((s) => s.name === "shop")!;
    const shopBurstOrders: PendingOrder[] = [...warm.orders];
    await burst(shopSubject.url, warm.bodies, concurrency, 200);
    const bareSubject = subjects.find((s) => s.name === "bare")!;
    await burst(bareSubject.url, take(concurrency).bodies, concurrency, 200);

    const lagByRound: Lag[] = [];
    const loadBefore = loadavg();
    for (let round = 0; round < rounds; round += 1) {
      for (let turn = 0; turn < subjects.length; turn += 1) {
        const subject = subjects[(round + turn) % subjects.length]!;
        const work =
          subject.method === "GET"
            ? { orders: [], bodies: Array.from({ length: subject.perRound }, () => null) }
            : take(subject.perRound);
        if (subject.name === "shop") {
          shopBurstOrders.push(...work.orders);
          await scrapeLag();
        }
        const nodeCpu = await startCpuMeter(subject.pids);
        const pgCpu = await startCpuMeter(backends);
        const result = await burst(subject.url, work.bodies, concurrency, subject.expected);
        subject.nodeCpuMs += await nodeCpu();
        subject.pgCpuMs += await pgCpu();
        if (subject.name === "shop") lagByRound.push(await scrapeLag());
        subject.latencies.push(...result.latencies);
        subject.errors += result.errors;
        subject.wallMs += result.wallMs;
        subject.done += work.bodies.length;
        if (result.errors > 0)
          report(`  ${subject.name}: ${result.errors} errors, statuses ${JSON.stringify([...result.statuses])}`);
      }
      report(`round ${round + 1}/${rounds} done`);
    }
    const loadAfter = loadavg();

    // Exactly once: each order paid, its attempt completed, one order_paid and one payment_succeeded event, one email.
    const verify = async (label: string): Promise<boolean> => {
      const ids = shopBurstOrders.map((order) => order.orderId);
      const rows = await check<{ bad: number }[]>`
        select count(*)::int as bad from orders o join payment_attempts a on a.order_id = o.id
        where o.id = any(${ids}::uuid[]) and not (
          o.status = 'paid' and a.status = 'completed'
          and (select count(*) from payment_events e where e.order_id = o.id and e.type = 'order_paid') = 1
          and (select count(*) from payment_events e where e.attempt_id = a.id and e.type = 'payment_succeeded') = 1
          and (select count(*) from notifications n where n.order_id = o.id and n.kind = 'order_paid') = 1)`;
      const bad = rows[0]!.bad;
      report(`exactly once (${label}): ${ids.length - bad} of ${ids.length} orders paid exactly once`);
      return bad === 0;
    };
    let exactlyOnce = await verify("after the bursts");
    const shopBodies = new Map(orders.map((order, i) => [order.orderId, bodies[i]!]));
    const replay = Array.from({ length: duplicates }, (_, i) =>
      shopBodies.get(shopBurstOrders[i % shopBurstOrders.length]!.orderId)!,
    );
    const replayed = await burst(shopSubject.url, replay, concurrency, 200);
    report(
      `replayed ${duplicates} duplicates: ${replayed.errors} errors, p50 ${fixed(percentile(replayed.latencies, 0.5))} ms, p99 ${fixed(percentile(replayed.latencies, 0.99))} ms`,
    );
    exactlyOnce = (await verify(`after ${duplicates} duplicates`)) && exactlyOnce && replayed.errors === 0;

    // On the wire: sequential callbacks through the counting proxy.
    let sequentialLag: Lag = { max: NaN, p99: NaN };
    for (const [subject, port, apiPath] of [
      [shopSubject, ports.countedShop, "/api/atom/callback"],
      [bareSubject, ports.countedBare, "/"],
    ] as const) {
      await burst(`http://127.0.0.1:${port}${apiPath}`, take(COUNTED_WARM_UP).bodies, 1, 200);
      const work = take(counted);
      const before = { ...wire };
      if (subject === shopSubject) await scrapeLag(port);
      const result = await burst(`http://127.0.0.1:${port}${apiPath}`, work.bodies, 1, 200);
      // One callback at a time, the loop is never saturated: its worst delay is the longest single task.
      if (subject === shopSubject) sequentialLag = await scrapeLag(port);
      subject.errors += result.errors;
      subject.wire = {
        roundTrips: (wire.roundTrips - before.roundTrips) / counted,
        statements: (wire.statements - before.statements) / counted,
        heldMs: (wire.busyMs - before.busyMs) / counted,
        latencyMs: percentile(result.latencies, 0.5),
      };
    }

    // The apply path alone: what the route calls (receiveGatewayResult: verify, apply, the
    // hour's row), in this process on a pool of its own, one at a time: no Next, no HTTP, no
    // rate limiter. Its log lines are formatted at the shop's level (info) and dropped. One
    // at a time, each callback writes the hour's row itself (in a burst, writes are shared).
    const apply = { cpuMs: 0, done: 0 };
    {
      const context = { db: handle.db, gateway: createAtomClient(config), merchId: config.merchId };
      const restoreLog = captureLogOutput(() => {}, "info");
      try {
        const receive = async (body: string) => {
          const outcome = await receiveGatewayResult(parseGatewayBody(body), "callback", context);
          if (outcome.kind !== "applied") throw new Error(`the apply path alone: ${outcome.kind}`);
        };
        for (const body of take(applyWarmUp).bodies) await receive(body);
        const before = process.cpuUsage();
        for (const body of take(applyCount).bodies) await receive(body);
        apply.cpuMs = ownCpuMsSince(before);
        apply.done = applyCount;
      } finally {
        restoreLog();
      }
    }

    // ------------------------------------------------------------ the report
    const rate = (s: Subject) => (s.done / s.wallMs) * 1000;
    const by = (subjectName: string) => subjects.find((s) => s.name === subjectName)!;
    const [shopS, bareS, kitS] = [by("shop"), by("bare"), by("kit")];
    report("");
    report(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, NODE_ENV ${process.env.NODE_ENV ?? "unset"}; load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")} before, ${loadAfter.map((l) => l.toFixed(2)).join(" ")} after`,
    );
    report(
      `${rounds} rounds, concurrency ${concurrency}; per round ${perRound} callbacks (kit ${kitPerRound}), the subjects' order rotating`,
    );
    report("");
    report(
      "| Subject | callbacks/s | p50 | p99 | errors | Node CPU / callback | PostgreSQL CPU / callback | round trips | statements | connection held | sequential p50 |",
    );
    report("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const s of subjects) {
      report(
        `| ${s.name} | ${fixed(rate(s), 0)} | ${fixed(percentile(s.latencies, 0.5))} ms | ${fixed(percentile(s.latencies, 0.99))} ms | ${s.errors} | ${fixed(s.nodeCpuMs / s.done, 2)} ms | ${fixed(s.pgCpuMs / s.done, 2)} ms | ${fixed(s.wire?.roundTrips ?? NaN)} | ${fixed(s.wire?.statements ?? NaN)} | ${fixed(s.wire?.heldMs ?? NaN, 2)} ms | ${fixed(s.wire?.latencyMs ?? NaN)} ms |`,
      );
    }
    report("");
    report(
      `Ratios: throughput shop/bare ${fixed(rate(shopS) / rate(bareS), 3)}, shop/kit ${fixed(rate(shopS) / rate(kitS), 2)}; p99 shop/bare ${fixed(percentile(shopS.latencies, 0.99) / percentile(bareS.latencies, 0.99), 2)}; Node CPU shop/bare ${fixed(shopS.nodeCpuMs / shopS.done / (bareS.nodeCpuMs / bareS.done), 1)}; PostgreSQL CPU shop/bare ${fixed(shopS.pgCpuMs / shopS.done / (bareS.pgCpuMs / bareS.done), 1)}`,
    );
    report(
      `Shop event-loop stalls during the bursts (monitorEventLoopDelay beyond its sampling interval, per round): worst ${fixed(Math.max(...lagByRound.map((l) => l.max)))} ms; max per round ${lagByRound.map((l) => fixed(l.max)).join(", ")} ms; p99 per round ${lagByRound.map((l) => fixed(l.p99)).join(", ")} ms`,
    );
    report(
      `The apply path alone (receiveGatewayResult in the bench's process, ${apply.done} one at a time after ${applyWarmUp}): Node CPU ${fixed(apply.cpuMs / apply.done, 2)} ms per callback`,
    );
    report(
      `Shop event-loop stalls, ${counted} callbacks one at a time (the counted shop): worst ${fixed(sequentialLag.max)} ms, p99 ${fixed(sequentialLag.p99)} ms`,
    );
    if (options.profile) {
      // A clean exit writes the profile.
      killProcessGroup(shop.child, "SIGTERM");
      await shop.exited;
      report("");
      report(summariseProfiles(logDir));
    }
    const errors = subjects.reduce((sum, s) => sum + s.errors, 0);
    failed = errors > 0 || !exactlyOnce;
    if (failed) report(`FAILED: ${errors} errors; exactly once: ${exactlyOnce}`);
  } finally {
    stopAll();
    await check.end();
    await handle.close();
    await sleep(200);
    await admin.end();
    await scratch.drop();
  }
  return failed ? 1 : 0;
}

if (options["summarise-profiles"] !== undefined) {
  console.log(summariseProfiles(options["summarise-profiles"]));
} else if (options.serve === "bare" || options.serve === "kit") {
  await serveBaseline(options.serve, Number(options.port), options.database!);
} else {
  process.exitCode = await main();
  process.exit();
}
