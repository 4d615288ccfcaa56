import { defineConfig } from "vitest/config";

// Two projects: "unit" for pure logic (no database, no network beyond loopback
// servers a test starts itself), "integration" for anything that opens a database.
export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // "server-only" throws outside Next's server bundle; in tests it has nothing to guard.
    alias: { "server-only": new URL("./test/empty-module.ts", import.meta.url).pathname },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**", "e2e/**", ".next/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", "e2e/**", ".next/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One PGlite (or one PostgreSQL schema) per test file; files run in parallel.
          pool: "forks",
        },
      },
    ],
  },
});
