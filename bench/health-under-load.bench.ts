/**
 * Health under load: what a probe waits while the app's connection pool is saturated. A
 * burst holds every pooled connection (`--workers` transactions at once on a pool of
 * `--pool-max`, each a few statements and a short sleep, as a callback burst does), while
 * probes run interleaved, one kind after another: the old /api/health (`select 1` through
 * the app's pool: the baseline), the readiness check as /api/health now runs it (its own
 * connection, 1 s timeout, answer cached 1 s), the same check uncached (every probe pings),
 * and liveness (no database). Then the same probes with the pool idle, for reference.
 * Run: npm run bench:health   (--smoke: a few seconds; exits 1 if a probe failed or the burst erred)
 * Options: --seconds 20 --workers 32 --pool-max 10 --postgres <server URL> (BENCH_DATABASE_URL).
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { openPostgresPing } from "@/db/ping-database";
import { answerLiveness } from "@/lib/health/answer-health";
import {
  createReadinessCheck,
  READINESS_CACHE_MS,
  READINESS_TIMEOUT_MS,
  type Readiness,
} from "@/lib/health/check-readiness";
import { createScratchDatabase } from "@/db/testing/create-scratch-database";
import { percentile } from "./percentile";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    seconds: { type: "string", default: "20" },
    workers: { type: "string", default: "32" },
    "pool-max": { type: "string", default: "10" },
    postgres: {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const seconds = options.smoke ? 3 : Number(options.seconds);
const workers = Number(options.workers);
const poolMax = Number(options["pool-max"]);

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const database = await createScratchDatabase(options.postgres, "perf_health");
  const url = database.url;
  const app = openDatabase({ url, poolMax });
  const readinessConnection = openPostgresPing(url, READINESS_TIMEOUT_MS);
  const failures: string[] = [];
  try {
    await app.db.execute(sql`create table burst (id int primary key, n bigint not null)`);
    await app.db.execute(sql`insert into burst select i, 0 from generate_series(1, 1000) as i`);
    const cached = createReadinessCheck({
      ping: readinessConnection.ping,
      timeoutMs: READINESS_TIMEOUT_MS,
      cacheMs: READINESS_CACHE_MS,
      onTimeout: readinessConnection.reset,
    });
    const uncached = createReadinessCheck({
      ping: readinessConnection.ping,
      timeoutMs: READINESS_TIMEOUT_MS,
      cacheMs: 0,
    });
    const probes: Record<string, () => Promise<Readiness>> = {
      "baseline: `select 1` through the app's pool (the old /api/health)": async () => {
        await app.db.execute(sql`select 1`);
        return "ok";
      },
      "readiness (/api/health now): own connection, cached 1 s": cached,
      "readiness, uncached: own connection, a ping per probe": uncached,
      "liveness (/api/health/live): no database": async () =>
        answerLiveness({ phase: "ready", doing: "ready", elapsedMs: 0 }).status === 200 ? "ok" : "unavailable",
    };

    const measure = async (phase: string, withBurst: boolean) => {
      const samples = new Map<string, number[]>(Object.keys(probes).map((probe) => [probe, []]));
      let running = true;
      let transactions = 0;
      const burst = withBurst
        ? Array.from({ length: workers }, async (_, worker) => {
            while (running) {
              try {
                await app.db.transaction(async (tx) => {
                  const id = 1 + ((worker * 31 + transactions) % 1000);
                  await tx.execute(sql`select n from burst where id = ${id} for update`);
                  await tx.execute(sql`select pg_sleep(0.005)`);
                  await tx.execute(sql`update burst set n = n + 1 where id = ${id}`);
                });
                transactions += 1;
              } catch (error) {
                failures.push(`burst: ${String(error)}`);
              }
            }
          })
        : [];
      const started = performance.now();
      while (performance.now() - started < seconds * 1000) {
        for (const [probe, check] of Object.entries(probes)) {
          const at = performance.now();
          const readiness = await check();
          samples.get(probe)!.push(performance.now() - at);
          if (readiness !== "ok") failures.push(`${phase}: ${probe} answered ${readiness}`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
      running = false;
      await Promise.all(burst);
      const rate = withBurst ? `, burst ${Math.round(transactions / seconds)} transactions/s` : "";
      console.log(`\n${phase} (${seconds} s${rate})\n`);
      console.log("| Probe | n | p50 | p99 | max |\n|---|---:|---:|---:|---:|");
      for (const [probe, values] of samples)
        console.log(
          `| ${probe} | ${values.length} | ${ms(percentile(values, 0.5))} | ${ms(percentile(values, 0.99))} | ${ms(Math.max(...values))} |`,
        );
    };

    console.log(
      `Health under load: ${workers} transactions at once on a pool of ${poolMax} (${new Date().toISOString()})`,
    );
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}`,
    );
    await measure("Pool saturated", true);
    await measure("Pool idle (reference)", false);
  } finally {
    await readinessConnection.close();
    await app.close();
    await database.drop();
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} failures, the first: ${failures.slice(0, 5).join("\n  ")}`);
    process.exit(1);
  }
}

await main();
