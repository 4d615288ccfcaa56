// @ts-check
import os from "node:os";
import path from "node:path";

const here = import.meta.dirname;

/**
 * What both bench:mutation targets share (lib/atom and lib/payments run as two targets so
 * each finishes in one go on 2 cores). Not part of CI.
 * @param {{ name: string, folder: string, tests: string, timeoutMS: number }} target
 * @returns {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export function mutationConfig({ name, folder, tests, timeoutMS }) {
  // Read by bench/mutation/vitest.config.ts and test-database.ts in Stryker's worker processes.
  process.env.MUTATION_TESTS = tests;
  process.env.MUTATION_PGLITE_CACHE = path.join(here, ".cache");
  return {
    packageManager: "npm",
    testRunner: "vitest",
    vitest: { configFile: "bench/mutation/vitest.config.ts" },
    // The code of the folder, not its tests or test helpers.
    mutate: [`${folder}/**/*.ts`, `!${folder}/**/*.test.ts`, `!${folder}/testing/**`],
    coverageAnalysis: "perTest",
    // Module-level mutants (zod schemas, constant tables) need every test file re-run per
    // mutant: 27% of lib/atom's mutants took 86% of the time. Their behaviour is covered
    // by the parse tests that use them; the rest is measured per test.
    ignoreStatic: true,
    concurrency: 2,
    incremental: true,
    incrementalFile: `bench/mutation/reports/${name}-incremental.json`,
    timeoutMS,
    timeoutFactor: 2,
    // Outside the checkout: a sandbox inside it would be picked up by eslint, tsc and vitest.
    tempDirName: path.join(os.tmpdir(), "lotus-bazaar-stryker"),
    ignorePatterns: [
      "bench/mutation/reports",
      "bench/mutation/.cache",
      ".next",
      "test-results",
      "playwright-report",
      ".data",
      "tmp",
    ],
    reporters: ["clear-text", "progress-append-only", "html", "json"],
    clearTextReporter: { allowColor: false, logTests: false },
    htmlReporter: { fileName: `bench/mutation/reports/${name}.html` },
    jsonReporter: { fileName: `bench/mutation/reports/${name}.json` },
  };
}
