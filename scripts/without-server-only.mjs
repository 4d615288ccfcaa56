// Preloaded (`node --import`) by scripts that run the shop's services outside Next
// (`npm run reconcile`, the crash tests' child shop process): "server-only" throws outside
// Next's server bundle, and there it has nothing to guard, as under vitest
// (vitest.config.ts aliases it the same way).
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === "server-only") return { url: ${JSON.stringify(new URL("../test/empty-module.ts", import.meta.url).href)}, shortCircuit: true };
      return next(specifier, context);
    }
  `)}`,
);
