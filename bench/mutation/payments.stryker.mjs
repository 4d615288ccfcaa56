// @ts-check
import { mutationConfig } from "./stryker-base.mjs";

// lib/payments is tested against PGlite: each mutant re-runs its test files' beforeAll
// (a database loaded from the cached dump, then seeded), hence the longer timeout.
export default mutationConfig({
  name: "payments",
  folder: "lib/payments",
  tests: "lib/payments/**/*.int.test.ts",
  timeoutMS: 60_000,
});
