import { z } from "zod";
import type { RouteJs } from "./measure-first-load-js";

// The committed first-load JavaScript budget (bench/js-budget.json) and the check against it.

export const jsBudgetSchema = z.object({
  /** What `--write` adds to a measured size to make its budget, in percent. */
  headroomPercent: z.number().nonnegative(),
  /** gzip bytes per route: what was measured when the figures were written, and the most allowed. */
  routes: z.record(
    z.string(),
    z.object({ measured: z.number().int().nonnegative(), budget: z.number().int().positive() }),
  ),
});
export type JsBudget = z.infer<typeof jsBudgetSchema>;

/** Budgets from measured sizes: each plus the headroom, rounded up to a whole KiB. */
export function writeBudget(routes: readonly RouteJs[], headroomPercent: number): JsBudget {
  return {
    headroomPercent,
    routes: Object.fromEntries(
      routes.map(({ route, bytes }) => [
        route,
        { measured: bytes, budget: Math.ceil((bytes * (1 + headroomPercent / 100)) / 1024) * 1024 },
      ]),
    ),
  };
}

/** What is wrong, one line per route: over its budget, built but without a budget, budgeted but no longer built. */
export function budgetProblems(routes: readonly RouteJs[], budget: JsBudget): string[] {
  const problems: string[] = [];
  const built = new Set(routes.map(({ route }) => route));
  for (const { route, bytes } of routes) {
    const figure = budget.routes[route];
    if (!figure)
      problems.push(
        `${route}: no budget (new route?): ${kib(bytes)} measured; run \`npm run check:js-budget -- --write\``,
      );
    else if (bytes > figure.budget)
      problems.push(
        `${route}: ${kib(bytes)} of first-load JavaScript is over its budget of ${kib(figure.budget)} by ${kib(bytes - figure.budget)} (was ${kib(figure.measured)})`,
      );
  }
  for (const route of Object.keys(budget.routes)) {
    if (!built.has(route))
      problems.push(`${route}: has a budget but is no longer built; run \`npm run check:js-budget -- --write\``);
  }
  return problems;
}

/** A Markdown table of each route's first-load JavaScript beside its budget. */
export function formatBudgetTable(routes: readonly RouteJs[], budget: JsBudget): string {
  const rows = routes.map(({ route, bytes, sharedBytes }) => {
    const figure = budget.routes[route];
    return `| \`${route}\` | ${kib(bytes)} | ${kib(bytes - sharedBytes)} | ${figure ? kib(figure.budget) : "—"} |`;
  });
  return [
    "| Route | First-load JS (gzip) | Beyond the shared runtime | Budget |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
