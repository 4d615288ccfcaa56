import path from "node:path";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../../vitest.config";

/*
 * The test setup StrykerJS runs for bench:mutation: the project's module resolution, one
 * project holding only the tests of the folder being mutated (MUTATION_TESTS, a glob, set
 * by the stryker configs beside this file), and a PGlite made from a cached, migrated dump
 * (see ./test-database.ts). Timeouts are the integration project's.
 */
const root = path.resolve(import.meta.dirname, "../..");

export default mergeConfig(
  { resolve: base.resolve },
  defineConfig({
    root,
    resolve: {
      alias: { "@/db/testing/test-database": path.join(root, "bench/mutation/test-database.ts") },
    },
    test: {
      include: [process.env.MUTATION_TESTS ?? "lib/{atom,payments}/**/*.test.ts"],
      exclude: ["node_modules/**", "e2e/**", ".next/**"],
      environment: "node",
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  }),
);
