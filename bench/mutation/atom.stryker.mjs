// @ts-check
import { mutationConfig } from "./stryker-base.mjs";

// lib/atom is pure (unit tests only): mutants are cheap.
export default mutationConfig({ name: "atom", folder: "lib/atom", tests: "lib/atom/**/*.test.ts", timeoutMS: 10_000 });
