import { describe, expect, it } from "vitest";
import { budgetProblems, formatBudgetTable, writeBudget } from "./compare-with-budget";

const routes = [
  { route: "/", bytes: 150_000, sharedBytes: 130_000 },
  { route: "/cart", bytes: 160_000, sharedBytes: 130_000 },
];

describe("writeBudget", () => {
  it("adds the headroom and rounds up to a whole KiB", () => {
    const budget = writeBudget(routes, 3);
    // 150,000 × 1.03 = 154,500 bytes, up to 151 KiB.
    expect(budget.routes["/"]).toEqual({ measured: 150_000, budget: 154_624 });
    expect(budget.headroomPercent).toBe(3);
  });
});

describe("budgetProblems", () => {
  const budget = writeBudget(routes, 3);

  it("passes what was measured when the figures were written, even without headroom", () => {
    expect(budgetProblems(routes, writeBudget(routes, 0))).toEqual([]);
  });

  it("names a route over its budget, with how much", () => {
    const bigger = [routes[0]!, { route: "/cart", bytes: 200_000, sharedBytes: 130_000 }];
    const problems = budgetProblems(bigger, budget);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\/cart: 195\.3 KiB .* over its budget of 161\.0 KiB by 34\.3 KiB/);
  });

  it("allows exactly the budget", () => {
    const atBudget = [{ route: "/", bytes: budget.routes["/"]!.budget, sharedBytes: 0 }, routes[1]!];
    expect(budgetProblems(atBudget, budget)).toEqual([]);
  });

  it("names a new route without a budget and a budgeted route no longer built", () => {
    const problems = budgetProblems([routes[0]!, { route: "/new", bytes: 1, sharedBytes: 0 }], budget);
    expect(problems).toEqual([
      expect.stringMatching(/^\/new: no budget/),
      expect.stringMatching(/^\/cart: has a budget but is no longer built/),
    ]);
  });
});

describe("formatBudgetTable", () => {
  it("shows each route's size, what it adds to the shared runtime and its budget", () => {
    const table = formatBudgetTable([routes[0]!], writeBudget(routes, 0));
    expect(table.split("\n")[2]).toBe("| `/` | 146.5 KiB | 19.5 KiB | 147.0 KiB |");
  });
});
