import path from "node:path";
import { createScratchDatabase } from "@/db/testing/create-scratch-database";
import { checkInvariants } from "./check-invariants";
import { connectApp, type App } from "./connect-app";
import { countOutcomes } from "./count-outcomes";
import { drivePayments, type DriveState } from "./drive-payments";
import { refundDeferred } from "./drive-refunds";
import { killOnSchedule } from "./kill-instances";
import type { SoakOptions } from "./parse-options";
import { printReport, reportPasses } from "./print-report";
import { scanInstanceLogs } from "./scan-logs";
import { seededRandom } from "./seeded-random";
import { ensureProductionBuild, sleep } from "../start-next-server";
import { startInstances, type Fleet } from "./start-instances";
import { describeOpenWork, waitForSettlement } from "./wait-for-settlement";

// The run, phase by phase: database → two instances → drive payments and refunds while
// killing instances → wait for the jobs to settle everything → invariants → report.
// Returns the exit code: 0 passed, 1 an invariant failed or the wait timed out, 2 the
// harness itself could not run.

/** Late callbacks (delays up to 15 s) and pending settlements (up to 15 s) land before deferred refunds are tried. */
const DEFERRED_REFUNDS_AFTER_MS = 20_000;

export async function conductSoak(options: SoakOptions): Promise<number> {
  const runStarted = Date.now();
  const say = (line: string) => console.info(`[soak +${((Date.now() - runStarted) / 1000).toFixed(0)}s] ${line}`);
  const phases: Array<[string, number]> = [];
  let phaseStarted = runStarted;
  const endPhase = (phase: string) => {
    phases.push([phase, Date.now() - phaseStarted]);
    phaseStarted = Date.now();
  };

  ensureProductionBuild(say);
  // The run's own database, so the invariants see only its rows; dropped afterwards unless --keep-database.
  const database = await createScratchDatabase(options.postgresUrl, "soak");
  let fleet: Fleet | undefined;
  let app: App | undefined;
  const cleanUp = async () => {
    fleet?.stopNow();
    await app?.close().catch(() => {});
    if (!options.keepDatabase) await database.drop().catch(() => {});
  };
  // Ctrl-C or a CI timeout: the instances are in their own process groups, so they are ours to end.
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`\n[soak] ${signal}: stopping the instances`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  process.once("exit", () => fleet?.stopNow());

  try {
    say(
      `${options.payments} payments, concurrency ${options.concurrency}, ${options.kills} kills, seed ${options.seed}, database ${database.name}`,
    );
    fleet = await startInstances({ databaseUrl: database.url, horizonSeconds: options.horizonSeconds });
    say(`instances up: ${fleet.instances.map((instance) => `${instance.name} ${instance.url}`).join(", ")}`);
    say(`logs: ${path.relative(process.cwd(), fleet.logDir)}/`);
    app = await connectApp(fleet, database.url, options.concurrency + 4);
    endPhase("start");

    const state: DriveState = { started: 0, finished: 0, deferredRefunds: [], lifts: [] };
    const killing = killOnSchedule(
      fleet,
      options.kills,
      () => state.started / options.payments,
      seededRandom(options.seed ^ 0x5eed),
      say,
    );
    // Awaited below; this only keeps a failed restart from being an unhandled rejection meanwhile.
    killing.catch(() => {});
    const progress = setInterval(() => say(`driving: ${state.finished}/${options.payments} payments done`), 30_000);
    try {
      await drivePayments(app, state, options.payments, options.concurrency, options.seed);
      clearInterval(progress);
      const kills = await killing;
      const drove = Date.now();
      say(`drove ${options.payments} payments; ${state.deferredRefunds.length} refunds wait for their payment`);
      await sleep(Math.max(0, DEFERRED_REFUNDS_AFTER_MS - (Date.now() - drove)));
      await refundDeferred(app, state.deferredRefunds, options.concurrency, options.seed, options.payments);
      await Promise.all(state.lifts);
      endPhase("drive");

      const timeoutMs = (options.horizonSeconds + options.settleMarginSeconds) * 1_000;
      say(`waiting for the jobs to settle everything (at most ${timeoutMs / 1000} s)`);
      const settlement = await waitForSettlement(app.sql, timeoutMs, say);
      endPhase("settle");

      const invariants = await checkInvariants(app.sql, options.horizonSeconds);
      const counts = await countOutcomes(app.sql);
      counts.push(["instance errors", scanInstanceLogs(fleet.logDir)]);
      endPhase("check");
      phases.push(["total", Date.now() - runStarted]);
      const report = {
        settled: settlement.settled,
        openWork: describeOpenWork(settlement.work),
        counts,
        tally: app.tally,
        kills,
        unexpectedExits: fleet.unexpectedExits,
        phases,
        invariants,
      };
      printReport(report);
      const passed = reportPasses(report);
      console.info(
        passed
          ? "\nRESULT: PASS"
          : `\nRESULT: FAIL (instance logs: ${path.relative(process.cwd(), fleet.logDir)}/${options.keepDatabase ? `, database ${database.name}` : ""})`,
      );
      return passed ? 0 : 1;
    } finally {
      clearInterval(progress);
    }
  } catch (error) {
    console.error(
      `\n[soak] the harness failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    if (fleet !== undefined) console.error(`[soak] instance logs: ${path.relative(process.cwd(), fleet.logDir)}/`);
    return 2;
  } finally {
    await cleanUp();
  }
}
