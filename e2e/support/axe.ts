import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it stands: no violations. `exclude` leaves out
 * what matches a selector, frames included (axe does not go into an excluded frame).
 */
export async function expectNoViolations(page: Page, name: string, options: { exclude?: string } = {}) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  if (options.exclude !== undefined) builder.exclude(options.exclude);
  const results = await builder.analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(summary, `${name} has accessibility violations`).toEqual([]);
}
