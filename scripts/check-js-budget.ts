import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { budgetProblems, formatBudgetTable, jsBudgetSchema, writeBudget } from "./js-budget/compare-with-budget";
import { measureFirstLoadJs } from "./js-budget/measure-first-load-js";

// `npm run check:js-budget`: each page route's first-load JavaScript in the production build in
// .next against the committed figures in bench/js-budget.json; fails naming each route over its
// budget. `-- --write` measures again and writes the figures (the measured size plus the headroom),
// a deliberate change to commit with the change that made the scripts bigger or smaller.

const BUDGET_FILE = "bench/js-budget.json";
// The headroom of a first --write; later ones keep the committed file's.
const FIRST_HEADROOM_PERCENT = 3;

function readBudget() {
  return jsBudgetSchema.parse(JSON.parse(readFileSync(BUDGET_FILE, "utf8")));
}

const { values: options } = parseArgs({ options: { write: { type: "boolean", default: false } } });
const routes = measureFirstLoadJs(process.cwd());

if (options.write) {
  const headroom = existsSync(BUDGET_FILE) ? readBudget().headroomPercent : FIRST_HEADROOM_PERCENT;
  const budget = writeBudget(routes, headroom);
  writeFileSync(BUDGET_FILE, `${JSON.stringify(budget, null, 2)}\n`);
  console.log(`${formatBudgetTable(routes, budget)}\n\nWrote ${BUDGET_FILE}.`);
} else {
  if (!existsSync(BUDGET_FILE))
    throw new Error(`${BUDGET_FILE} is missing: run \`npm run check:js-budget -- --write\``);
  const budget = readBudget();
  console.log(formatBudgetTable(routes, budget));
  const problems = budgetProblems(routes, budget);
  if (problems.length > 0) {
    console.error(
      `\nFirst-load JavaScript budget (${BUDGET_FILE}) not met:\n${problems.map((line) => `- ${line}`).join("\n")}`,
    );
    process.exit(1);
  }
  console.log(`\nEvery route is within its first-load JavaScript budget (${BUDGET_FILE}).`);
}
