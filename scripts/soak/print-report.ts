import type { InvariantResult } from "./check-invariants";
import type { KillRecord } from "./kill-instances";
import type { Tally } from "./tally";

// The run's report: counts first, then the invariants, then the verdict. Concise: one
// line per subject, failures with their causes counted and at most three examples.

export interface Report {
  settled: boolean;
  openWork: string;
  counts: Array<[label: string, line: string]>;
  tally: Tally;
  kills: KillRecord[];
  unexpectedExits: readonly string[];
  phases: Array<[phase: string, ms: number]>;
  invariants: InvariantResult[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

export function printReport(report: Report): void {
  const lines: Array<[string, string]> = [
    ["scenarios", report.tally.describe("scenario")],
    ...report.counts,
    ["faults injected", report.tally.describe("fault")],
    ["refund requests", report.tally.describe("refund")],
    ["shoppers", report.tally.describe("shopper")],
    [
      "kills",
      `${report.kills.length} SIGKILL + restart (${report.kills.map((kill) => `${kill.instance} down ${seconds(kill.downMs)}`).join(", ") || "none"}); unexpected exits ${report.unexpectedExits.length}`,
    ],
    ["harness retries", report.tally.describe("retry")],
    ["time", report.phases.map(([phase, ms]) => `${phase} ${seconds(ms)}`).join(", ")],
  ];
  console.info("");
  for (const [label, line] of lines) console.info(`${label.padEnd(16)} ${line}`);
  console.info(`${"settled".padEnd(16)} ${report.settled ? "yes" : `no, at the deadline: ${report.openWork}`}`);

  console.info("\nInvariants");
  for (const result of report.invariants) {
    console.info(`${result.pass ? "PASS" : "FAIL"} ${result.name}: ${result.summary}`);
    for (const [cause, count] of [...result.causes.entries()].sort((a, b) => b[1] - a[1])) {
      console.info(`       ${String(count).padStart(5)} × ${cause}`);
    }
    for (const example of result.examples) console.info(`         e.g. ${example}`);
  }
  const appProblems = [
    ...report.unexpectedExits.map((exit) => `unexpected exit: ${exit}`),
    ...report.tally.errors("app").map((error) => `error: ${error}`),
  ];
  console.info(
    `${appProblems.length === 0 ? "PASS" : "FAIL"} app: no crashes, no errors from its services (${report.tally.get("error:app")} errors, ${report.unexpectedExits.length} unexpected exits)`,
  );
  for (const line of appProblems) console.info(`         ${line}`);
  const driverErrors = report.tally.errors("driver");
  console.info(
    `${driverErrors.length === 0 ? "PASS" : "FAIL"} harness: no errors of the soak's own (${report.tally.get("error:driver")})`,
  );
  for (const line of driverErrors) console.info(`         ${line}`);
}

/** Whether the run passed: every invariant, the harness, and settlement before the deadline. */
export function reportPasses(report: Report): boolean {
  return (
    report.settled &&
    report.invariants.every((result) => result.pass) &&
    report.tally.get("error:driver") === 0 &&
    report.tally.get("error:app") === 0 &&
    report.unexpectedExits.length === 0
  );
}
