import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, type TestContext } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { JOBS } from "@/lib/jobs/run-jobs";
import { getMetrics } from "@/lib/observability/metrics";

// The operators' files under ops/: Prometheus's alert rules, their promtool unit tests, the
// example scrape configuration and the Grafana dashboard. Their shape is checked with zod and
// every metric and label they name against lib/observability/metrics.ts; promtool, when at hand
// (always on CI), checks the rules, runs their unit tests and parses the dashboard's queries.

const OPS = new URL(".", import.meta.url).pathname;
const ALERTS = path.join(OPS, "prometheus/alerts.yml");
const ALERT_TESTS = path.join(OPS, "prometheus/alerts.test.yml");
const PROMETHEUS_CONFIG = path.join(OPS, "prometheus/prometheus.yml");
const DASHBOARD = path.join(OPS, "grafana/lotus-bazaar.json");

const readYaml = (file: string): unknown => parse(readFileSync(file, "utf8"));

const duration = z.string().regex(/^(\d+[smhdwy])+$/, "a Prometheus duration such as 5m or 1h30m");

const alertsSchema = z.strictObject({
  groups: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        rules: z
          .array(
            z.strictObject({
              alert: z.string().regex(/^[A-Z][A-Za-z]+$/),
              expr: z.string().min(1),
              for: duration.optional(),
              labels: z.strictObject({ severity: z.enum(["critical", "warning"]) }),
              annotations: z.strictObject({
                summary: z.string().min(1),
                // Says what to do, pointing at the page that shows it.
                description: z.string().regex(/\/admin\/|\/api\/health/, "names an /admin page or /api/health"),
              }),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

const alertTestsSchema = z.strictObject({
  rule_files: z.array(z.string()),
  evaluation_interval: duration,
  tests: z.array(
    z.strictObject({
      name: z.string().min(1),
      interval: duration,
      input_series: z.array(z.strictObject({ series: z.string(), values: z.string() })).min(1),
      alert_rule_test: z.array(
        z.strictObject({
          eval_time: duration,
          alertname: z.string(),
          exp_alerts: z.array(
            z.strictObject({
              exp_labels: z.record(z.string(), z.string()),
              exp_annotations: z.record(z.string(), z.string()),
            }),
          ),
        }),
      ),
    }),
  ),
});

const prometheusConfigSchema = z.looseObject({
  rule_files: z.array(z.string()),
  scrape_configs: z.array(
    z.looseObject({
      job_name: z.string(),
      metrics_path: z.literal("/api/metrics"),
      authorization: z.strictObject({ type: z.literal("Bearer"), credentials_file: z.string().min(1) }),
      static_configs: z.array(z.strictObject({ targets: z.array(z.string()).min(1) })).min(1),
    }),
  ),
});

// Panels name their data source through the dashboard's variable, never a fixed uid.
const datasource = z.strictObject({ type: z.literal("prometheus"), uid: z.literal("${DS_PROMETHEUS}") });
const gridPos = z
  .strictObject({
    h: z.number().int().positive(),
    w: z.number().int().positive(),
    x: z.number().int().nonnegative(),
    y: z.number().int().nonnegative(),
  })
  .refine((position) => position.x + position.w <= 24, "fits the 24-column grid");
const panelSchema = z.union([
  z.looseObject({
    type: z.literal("row"),
    id: z.number().int(),
    title: z.string().min(1),
    gridPos,
    collapsed: z.literal(false),
  }),
  z.looseObject({
    type: z.enum(["timeseries", "stat"]),
    id: z.number().int(),
    title: z.string().min(1),
    description: z.string().min(1),
    datasource,
    gridPos,
    targets: z
      .array(z.looseObject({ datasource, refId: z.string().min(1), expr: z.string().min(1), legendFormat: z.string() }))
      .min(1),
  }),
]);
const dashboardSchema = z.looseObject({
  uid: z.string().min(1),
  title: z.string().min(1),
  schemaVersion: z.number().int(),
  templating: z.strictObject({
    list: z.array(
      z.union([
        z.looseObject({
          name: z.literal("DS_PROMETHEUS"),
          type: z.literal("datasource"),
          query: z.literal("prometheus"),
        }),
        z.looseObject({
          name: z.string(),
          type: z.literal("query"),
          datasource,
          query: z.strictObject({ query: z.string(), refId: z.string() }),
        }),
      ]),
    ),
  }),
  panels: z.array(panelSchema).min(1),
});

const alerts = alertsSchema.parse(readYaml(ALERTS));
const alertTests = alertTestsSchema.parse(readYaml(ALERT_TESTS));
const prometheusConfig = prometheusConfigSchema.parse(readYaml(PROMETHEUS_CONFIG));
const dashboard = dashboardSchema.parse(JSON.parse(readFileSync(DASHBOARD, "utf8")));

const rules = alerts.groups.flatMap((group) => group.rules);
const rule = (name: string) => {
  const found = rules.find((candidate) => candidate.alert === name);
  if (found === undefined) throw new Error(`alerts.yml has no alert ${name}`);
  return found;
};
const dataPanels = dashboard.panels.filter((panel) => panel.type !== "row");
const queryVariables = dashboard.templating.list.filter((variable) => variable.type === "query");

interface Selector {
  metric: string;
  labels: string[];
}

const PROMQL_KEYWORDS = new Set(["and", "or", "unless", "bool", "group_left", "group_right", "inf", "nan"]);

/**
 * The series selectors of a PromQL expression: each metric name with the labels it matches on.
 * Enough for the expressions under ops/, not a PromQL parser: promtool parses them.
 */
function selectorsIn(expr: string): Selector[] {
  const tokens = [
    ...expr
      // Grouping clauses and range or offset durations name no series.
      .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
      .replace(/\[[^\]]*\]/g, " ")
      .replace(/\boffset\s+\S+/g, " ")
      .matchAll(/"(?:[^"\\]|\\.)*"|\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\}|[a-zA-Z_:][\w:]*|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\S/g),
  ].map((match) => match[0]);
  const selectors: Selector[] = [];
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    if (!/^[a-zA-Z_:]/.test(token) || PROMQL_KEYWORDS.has(token) || next === "(") return;
    const matchers = next?.startsWith("{") ? next.replace(/"(?:[^"\\]|\\.)*"/g, '""') : "";
    selectors.push({
      metric: token,
      labels: [...matchers.matchAll(/(\w+)\s*(?:=~|!~|!=|=)/g)].map((match) => match[1]!),
    });
  });
  return selectors;
}

/** Every series name /api/metrics can serve (histograms as their _bucket, _sum and _count), with its labels. */
function servedSeries(): Map<string, Set<string>> {
  const metricSchema = z.looseObject({ name: z.string(), type: z.string(), labelNames: z.array(z.string()) });
  const served = new Map<string, Set<string>>([["up", new Set(["job", "instance"])]]);
  for (const metric of getMetrics().registry.getMetricsAsArray()) {
    const { name, type, labelNames } = metricSchema.parse(metric);
    // Prometheus adds the target's job and instance; a metric's own `job` label becomes `exported_job`.
    const labels = new Set([
      "job",
      "instance",
      ...labelNames.map((label) => (label === "job" ? "exported_job" : label)),
    ]);
    if (type === "histogram") {
      served.set(`${name}_bucket`, new Set([...labels, "le"]));
      served.set(`${name}_sum`, labels);
      served.set(`${name}_count`, labels);
    } else {
      served.set(name, labels);
    }
  }
  return served;
}

/** What a selector names that /api/metrics does not serve. */
function unknownNames(where: string, selectors: Selector[], served: Map<string, Set<string>>): string[] {
  return selectors.flatMap(({ metric, labels }) => {
    const known = served.get(metric);
    if (known === undefined) return [`${where}: no metric ${metric}`];
    return labels.filter((label) => !known.has(label)).map((label) => `${where}: ${metric} has no label ${label}`);
  });
}

/** The values a rule's expression matches a label against, alternatives split. */
const matchedValues = (expr: string, label: string, operator: "=" | "=~" | "!~") =>
  [...expr.matchAll(new RegExp(`\\b${label}\\s*${operator}\\s*"([^"]*)"`, "g"))]
    .flatMap((match) => match[1]!.split("|"))
    .sort();

describe("the PromQL selector reader", () => {
  it("finds metric names and their matched labels, not functions, keywords, groupings or durations", () => {
    expect(
      selectorsIn(
        'sum by (api) (rate(atom_x_total{job="$job", api=~"A|B"}[$__rate_interval])) / on () group_left max(up) and bool vector(0) > 0.95 or absent(shop_y{exported_job!~"a"}) offset 1h',
      ),
    ).toEqual([
      { metric: "atom_x_total", labels: ["job", "api"] },
      { metric: "up", labels: [] },
      { metric: "shop_y", labels: ["exported_job"] },
    ]);
  });
});

describe("the alert rules (ops/prometheus/alerts.yml)", () => {
  it("have unique names and cover what the issue asks to watch", () => {
    const names = rules.map((candidate) => candidate.alert);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        "PaymentSuccessRateLow",
        "SignatureFailuresRising",
        "GatewayUnavailable",
        "PaymentPendingLong",
        "JobsNotRunning",
        "JobNeverRan",
        "RefundsFailing",
        "NeedsAttentionOpen",
        "InstanceDown",
      ]),
    );
  });

  it("name only metrics and labels that /api/metrics serves", () => {
    const served = servedSeries();
    const problems = [
      ...rules.flatMap((candidate) => unknownNames(candidate.alert, selectorsIn(candidate.expr), served)),
      ...alertTests.tests.flatMap((test) =>
        test.input_series.flatMap((input) =>
          unknownNames(`alerts.test.yml "${test.name}"`, selectorsIn(input.series), served),
        ),
      ),
    ];
    expect(problems).toEqual([]);
  });

  it("watch every background job, and give the periodic ones their longer period", () => {
    const jobNames = JOBS.map((job) => job.name).sort();
    const periodic = JOBS.filter((job) => job.periodic !== undefined)
      .map((job) => job.name)
      .sort();
    expect(matchedValues(rule("JobNeverRan").expr, "exported_job", "=")).toEqual(jobNames);
    expect(matchedValues(rule("JobsNotRunning").expr, "exported_job", "=~")).toEqual(periodic);
    expect(matchedValues(rule("JobsNotRunning").expr, "exported_job", "!~")).toEqual(periodic);
  });

  it("name the scrape job of the example configuration", () => {
    const jobNames = prometheusConfig.scrape_configs.map((scrape) => scrape.job_name);
    const named = rules.flatMap((candidate) => matchedValues(candidate.expr, "job", "="));
    expect(named.length).toBeGreaterThan(0);
    for (const job of named) expect(jobNames).toContain(job);
    expect(prometheusConfig.rule_files).toContain("alerts.yml");
  });

  it("are the alerts README's table explains", () => {
    const readme = readFileSync(path.join(OPS, "../README.md"), "utf8");
    const start = readme.indexOf("### The alerts");
    const table = readme.slice(start, readme.indexOf("\n#", start + 1));
    const explained = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1]!);
    expect(explained.sort()).toEqual(rules.map((candidate) => candidate.alert).sort());
  });

  it("are each made to fire by a promtool unit test, and held back by one where it matters", () => {
    const expected = alertTests.tests.flatMap((test) => test.alert_rule_test);
    expect(alertTests.rule_files).toEqual(["alerts.yml"]);
    for (const { alert } of rules) {
      expect(
        expected.some((test) => test.alertname === alert && test.exp_alerts.length > 0),
        alert,
      ).toBe(true);
    }
    for (const test of expected) expect(rules.map((candidate) => candidate.alert)).toContain(test.alertname);
    expect(alertTests.tests.map((test) => test.name)).toContain("a quiet night's few declines do not page");
  });
});

describe("the Grafana dashboard (ops/grafana/lotus-bazaar.json)", () => {
  it("shows the seed's five figures and the shop's flow and backlog", () => {
    expect(dataPanels.map((panel) => panel.title)).toEqual(
      expect.arrayContaining([
        "Payment success rate",
        "Gateway response time per API: average and p95",
        "Gateway error rate by class",
        "API availability",
        "Signature failure rate",
        "Callbacks by result",
        "Refunds by status",
        "Jobs waiting",
        "Oldest pending payment",
        "Needs attention open",
      ]),
    );
  });

  it("lays its panels out without overlap, with unique ids", () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const taken = new Map<string, string>();
    const overlaps: string[] = [];
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      for (let row = y; row < y + h; row += 1) {
        for (let column = x; column < x + w; column += 1) {
          const cell = `${column},${row}`;
          const other = taken.get(cell);
          if (other !== undefined) overlaps.push(`${panel.title} overlaps ${other}`);
          taken.set(cell, panel.title);
        }
      }
    }
    expect([...new Set(overlaps)]).toEqual([]);
  });

  it("uses only its own variables and Grafana's", () => {
    const variables = new Set([
      ...dashboard.templating.list.map((variable) => variable.name),
      "__rate_interval",
      "__range",
      "__interval",
    ]);
    const used = dataPanels.flatMap((panel) =>
      panel.targets.flatMap((target) => [...target.expr.matchAll(/\$\{?(\w+)/g)].map((match) => match[1]!)),
    );
    expect(used.filter((name) => !variables.has(name))).toEqual([]);
  });

  it("queries only metrics and labels that /api/metrics serves", () => {
    const served = servedSeries();
    const problems = [
      ...dataPanels.flatMap((panel) =>
        panel.targets.flatMap((target) => unknownNames(panel.title, selectorsIn(target.expr), served)),
      ),
      ...queryVariables.flatMap((variable) => {
        const [, metric, label] = /^label_values\((\w+),\s*(\w+)\)$/.exec(variable.query.query) ?? [];
        if (metric === undefined || label === undefined)
          return [`variable ${variable.name}: not label_values(metric, label)`];
        return unknownNames(`variable ${variable.name}`, [{ metric, labels: [label] }], served);
      }),
    ];
    expect(problems).toEqual([]);
  });
});

/** promtool on PATH, or the one scripts/get-promtool.sh keeps in .cache/promtool. */
function findPromtool(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? "").split(path.delimiter).map((directory) => path.join(directory, "promtool")),
    path.join(OPS, "../.cache/promtool/promtool"),
  ];
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const promtool = findPromtool();

/** promtool, or the test skipped with a note saying so; on CI its absence fails the test. */
function promtoolOrSkip(context: TestContext): string {
  if (promtool !== undefined) return promtool;
  if (process.env.CI === "true") {
    throw new Error("promtool is missing on CI: .ci/run fetches it with scripts/get-promtool.sh");
  }
  context.skip("promtool not found on PATH or in .cache/promtool: run scripts/get-promtool.sh (the checks above ran)");
}

function runPromtool(binary: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(binary, args, { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, output: `promtool ${args.join(" ")}\n${result.stdout}${result.stderr}` };
}

describe("promtool", () => {
  beforeAll(() => {
    if (promtool === undefined && process.env.CI !== "true") {
      console.warn(
        "promtool not found on PATH or in .cache/promtool: its checks are skipped (scripts/get-promtool.sh fetches it)",
      );
    }
  });

  it("checks the alert rules", (context) => {
    const { status, output } = runPromtool(promtoolOrSkip(context), ["check", "rules", ALERTS]);
    expect(status, output).toBe(0);
  });

  it("passes the rules' unit tests", (context) => {
    const { status, output } = runPromtool(promtoolOrSkip(context), ["test", "rules", ALERT_TESTS]);
    expect(status, output).toBe(0);
  });

  // Without --syntax-only it would want the token file to exist on this machine.
  it("reads the example configuration", (context) => {
    const { status, output } = runPromtool(promtoolOrSkip(context), [
      "check",
      "config",
      "--syntax-only",
      PROMETHEUS_CONFIG,
    ]);
    expect(status, output).toBe(0);
  });

  it("parses every query of the dashboard", (context) => {
    const binary = promtoolOrSkip(context);
    // Each query as a recording rule, Grafana's variables replaced by what Grafana would put there.
    const recordingRules = dataPanels.flatMap((panel) =>
      panel.targets.map((target) => ({
        record: `dashboard:panel_${panel.id}_${target.refId}`,
        expr: target.expr
          .replaceAll("$job", "lotus-bazaar")
          .replaceAll("$__rate_interval", "2m")
          .replaceAll("$__range", "1d"),
      })),
    );
    const directory = mkdtempSync(path.join(tmpdir(), "dashboard-queries-"));
    try {
      const file = path.join(directory, "queries.json");
      // JSON is YAML: promtool reads it as a rule file.
      writeFileSync(file, JSON.stringify({ groups: [{ name: "dashboard", rules: recordingRules }] }));
      const { status, output } = runPromtool(binary, ["check", "rules", file]);
      expect(status, output).toBe(0);
      expect(output).toContain(`${recordingRules.length} rules found`);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
