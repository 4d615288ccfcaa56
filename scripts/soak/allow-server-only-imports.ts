import { register } from "node:module";

// The app's services are written for Next's server bundle and some import "server-only",
// which throws anywhere else. The soak is server code too (it plays the shop's own
// process calling its services), so "server-only" resolves to an empty module here, as
// vitest.config.ts does for the tests. Modules resolved after this call see the hook, so
// the entry imports the app only dynamically, after calling it.
const HOOKS = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;

export function allowServerOnlyImports(): void {
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
}
