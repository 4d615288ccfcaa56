/**
 * Lighthouse 12 (mobile preset, simulated throttling) on the storefront's production build:
 * home, a product, the cart and checkout (a guest cart with two products, sent as its cookie),
 * each run 5 times, interleaved round by round, and the median of each category and metric.
 * The same run's reference: the home page with its JavaScript blocked (same server, same HTML,
 * CSS and pictures), so the cost of the scripts and the load of the machine are both visible.
 * The issue's figures (issue 15, Lighthouse 12, median of 3) are printed beside.
 *
 * Needs a current production build (`E2E_PORT=3130 npm run build:e2e`); starts `next start` on
 * --port (default 3131) with a fresh embedded database, and Chromium (/usr/bin/chromium, or
 * CHROME_PATH) on the next port. Exits non-zero when a run fails or a page does not answer 200.
 * Run: npm run bench:lighthouse   Options: --runs 5 --port 3131 --smoke (1 run of the home page),
 * --reports <folder> (every run's whole report, JSON).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import lighthouse from "lighthouse";
import { e2eDataDir, e2eServerEnv } from "@/e2e/support/server-env";
import {
  assertPortFree,
  killProcessGroup,
  spawnNextServer,
  waitUntil,
  type NextServer,
} from "../scripts/start-next-server";
import { percentile } from "./percentile";

const { values: options } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    port: { type: "string", default: "3131" },
    smoke: { type: "boolean", default: false },
    /** A folder for every run's whole Lighthouse report (JSON: the LCP element, what blocked, …). */
    reports: { type: "string" },
  },
});
const runs = options.smoke ? 1 : Number(options.runs);
const port = Number(options.port);
const chromePort = port + 1;
const origin = `http://localhost:${port}`;
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const METRICS = {
  LCP: "largest-contentful-paint",
  TBT: "total-blocking-time",
  CLS: "cumulative-layout-shift",
  FCP: "first-contentful-paint",
} as const;
type Category = (typeof CATEGORIES)[number];
type Metric = keyof typeof METRICS;

interface Page {
  name: string;
  path: string;
  /** Sent with every request of the run (the guest cart's cookie). */
  cookie?: string;
  /** Requests Lighthouse blocks (the reference: the page without its scripts). */
  blocked?: string[];
  /** The issue's figures for the page (performance, accessibility, best practices, SEO). */
  issue?: Record<Category, number>;
}

interface Run {
  scores: Record<Category, number>;
  metrics: Record<Metric, number>;
  /** Bytes of script transferred (compressed), from Lighthouse's resource summary. */
  scriptBytes: number;
  /** Main-thread time (as throttled: 4× what was observed) in script (evaluate, parse, compile) and in the rest. */
  mainThread: { script: number; other: number };
}

/** The middle value (of an odd count of runs; the lower middle of an even one). */
const median = (values: number[]) => percentile(values, 0.5);

async function startShop(): Promise<NextServer> {
  if (!existsSync(".next/BUILD_ID"))
    throw new Error("no production build: run `E2E_PORT=3130 npm run build:e2e` first");
  await assertPortFree(port);
  const dataDir = e2eDataDir(port);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  return spawnNextServer({
    name: "the shop",
    port,
    url: origin,
    // The e2e server's environment, and nothing of this process's but where programs are.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...e2eServerEnv(port), LOG_LEVEL: "warn" },
    output: "stderr",
    processGroup: true,
  });
}

function startChromium(profile: string): ChildProcess {
  return spawn(
    chromePath,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      `--remote-debugging-port=${chromePort}`,
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: "ignore", detached: true },
  );
}

/** A guest cart with the first two products of the home page; its cookie and the first product's path. */
async function fillGuestCart(): Promise<{ cookie: string; productPath: string }> {
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(origin, { waitUntil: "networkidle" });
    const productPath = await page.getByTestId("product-card").first().getByRole("link").getAttribute("href");
    for (const index of [0, 1]) {
      await page.getByTestId("product-card").nth(index).getByRole("button", { name: "Add to cart" }).click();
      await page
        .getByTestId("cart-count")
        .filter({ hasText: String(index + 1) })
        .waitFor();
    }
    const cart = (await page.context().cookies()).find((cookie) => cookie.name === "cart_id");
    if (!cart || !productPath) throw new Error("could not fill a guest cart from the home page");
    return { cookie: `cart_id=${cart.value}`, productPath };
  } finally {
    await browser.close();
  }
}

async function runLighthouse(page: Page, round: number): Promise<Run> {
  const result = await lighthouse(
    `${origin}${page.path}`,
    {
      port: chromePort,
      logLevel: "error",
      output: "json",
      onlyCategories: [...CATEGORIES],
      ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
      ...(page.blocked ? { blockedUrlPatterns: page.blocked } : {}),
    },
    undefined,
  );
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`${page.name}: Lighthouse returned nothing`);
  if (options.reports !== undefined) {
    mkdirSync(options.reports, { recursive: true });
    writeFileSync(path.join(options.reports, `${page.name.replace(/\W+/g, "-")}-${round}.json`), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const status = lhr.audits["http-status-code"]?.score;
  if (status === 0) throw new Error(`${page.name}: the page did not answer 200`);
  const scores = Object.fromEntries(
    CATEGORIES.map((category) => {
      const score = lhr.categories[category]?.score;
      if (typeof score !== "number") throw new Error(`${page.name}: no ${category} score`);
      return [category, Math.round(score * 100)];
    }),
  ) as Record<Category, number>;
  const metrics = Object.fromEntries(
    (Object.keys(METRICS) as Metric[]).map((metric) => [metric, lhr.audits[METRICS[metric]]?.numericValue ?? NaN]),
  ) as Record<Metric, number>;
  const summary = lhr.audits["resource-summary"]?.details;
  const items = summary?.type === "table" ? summary.items : [];
  const scriptBytes = Number(items.find((item) => item.resourceType === "script")?.transferSize ?? 0);
  const breakdown = lhr.audits["mainthread-work-breakdown"]?.details;
  const groups = breakdown?.type === "table" ? breakdown.items : [];
  const mainThread = { script: 0, other: 0 };
  for (const group of groups) {
    const isScript = group.group === "scriptEvaluation" || group.group === "scriptParseCompile";
    mainThread[isScript ? "script" : "other"] += Number(group.duration ?? 0);
  }
  const failing = CATEGORIES.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${ref.id} ${lhr.audits[ref.id]?.displayValue ?? ""}`.trim()),
  );
  console.log(
    `  ${page.name.padEnd(16)} ${CATEGORIES.map((category) => scores[category]).join("/")}  LCP ${Math.round(metrics.LCP)} ms, TBT ${Math.round(metrics.TBT)} ms, JS ${(scriptBytes / 1024).toFixed(1)} KiB, main thread ${Math.round(mainThread.script)} ms script + ${Math.round(mainThread.other)} ms other${failing.length > 0 ? `  below 1: ${failing.join("; ")}` : ""}`,
  );
  return { scores, metrics, scriptBytes, mainThread };
}

function formatMetric(metric: Metric, value: number): string {
  return metric === "CLS" ? value.toFixed(3) : `${Math.round(value)} ms`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const load = loadavg().map((value) => value.toFixed(2));
  const shop = await startShop();
  const profile = mkdtempSync(path.join(tmpdir(), "lighthouse-bench-"));
  const browser = startChromium(profile);
  const stop = () => {
    shop.kill();
    if (browser.exitCode === null) killProcessGroup(browser);
    rmSync(profile, { recursive: true, force: true });
  };
  // Interrupted or timed out: the shop and Chromium run in process groups of their own.
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)
    process.once(signal, () => {
      stop();
      process.exit(code);
    });
  try {
    // Ready when the seeded catalog is listed (health answers before the seed is in).
    await waitUntil(
      shop.name,
      async () => (await (await fetch(origin, { signal: AbortSignal.timeout(5_000) })).text()).includes("product-card"),
      { withinMs: 120_000, server: shop },
    );
    await waitUntil("Chromium", async () => (await fetch(`http://127.0.0.1:${chromePort}/json/version`)).ok, {
      withinMs: 30_000,
    });

    const home: Page = {
      name: "home",
      path: "/",
      issue: { performance: 86, accessibility: 100, "best-practices": 96, seo: 100 },
    };
    const reference: Page = { name: "home without JS", path: "/", blocked: ["*/_next/static/chunks/*"] };
    let pages: Page[];
    if (options.smoke) {
      pages = [home];
    } else {
      const { cookie, productPath } = await fillGuestCart();
      pages = [
        reference,
        home,
        {
          name: "product",
          path: productPath,
          issue: { performance: 89, accessibility: 100, "best-practices": 96, seo: 100 },
        },
        {
          name: "cart",
          path: "/cart",
          cookie,
          issue: { performance: 83, accessibility: 98, "best-practices": 96, seo: 100 },
        },
        {
          name: "checkout",
          path: "/checkout",
          cookie,
          issue: { performance: 84, accessibility: 100, "best-practices": 96, seo: 100 },
        },
      ];
    }
    // A throwaway run first: the server's first render of each page compiles and fills caches.
    if (!options.smoke) for (const page of pages) await fetch(`${origin}${page.path}`);

    const results = new Map<Page, Run[]>(pages.map((page) => [page, []]));
    for (let round = 1; round <= runs; round += 1) {
      console.log(`round ${round} of ${runs} (load average ${loadavg()[0]!.toFixed(2)})`);
      for (const page of pages) results.get(page)!.push(await runLighthouse(page, round));
    }

    console.log(
      `\nLighthouse 12, mobile preset (simulated throttling), median of ${runs}; ${cpus().length} cores, load average at start ${load.join(" ")}, at end ${loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}; ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    console.log(
      "| Page | Performance | Accessibility | Best practices | SEO | LCP | TBT | CLS | FCP | JS transferred | Main thread: script + other | Issue's figures (P/A/BP/SEO) |",
    );
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const page of pages) {
      const pageRuns = results.get(page)!;
      const scores = CATEGORIES.map((category) => median(pageRuns.map((run) => run.scores[category])));
      const metrics = (Object.keys(METRICS) as Metric[]).map((metric) =>
        formatMetric(metric, median(pageRuns.map((run) => run.metrics[metric]))),
      );
      const issue = page.issue ? CATEGORIES.map((category) => page.issue![category]).join("/") : "—";
      const script = `${(median(pageRuns.map((run) => run.scriptBytes)) / 1024).toFixed(1)} KiB`;
      const mainThread = `${Math.round(median(pageRuns.map((run) => run.mainThread.script)))} + ${Math.round(median(pageRuns.map((run) => run.mainThread.other)))} ms`;
      console.log(
        `| ${page.name} | ${scores.join(" | ")} | ${metrics.join(" | ")} | ${script} | ${mainThread} | ${issue} |`,
      );
    }
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
