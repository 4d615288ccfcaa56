import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { DashboardChart, type ChartRow, type ChartSeries } from "@/components/admin/dashboard-chart";
import { formatMilliseconds, formatPercent, humanize, shortId } from "@/components/admin/format";
import { Panel } from "@/components/admin/panel";
import { ScrollBox } from "@/components/admin/scroll-box";
import { TimeAgo } from "@/components/admin/time-ago";
import { getDatabase } from "@/db";
import { GATEWAY_APIS } from "@/db/schema";
import type { SearchParams } from "@/lib/admin/filters";
import {
  DASHBOARD_WINDOWS,
  GATEWAY_ERROR_CLASSES,
  parseDashboardWindow,
  readDashboard,
  type Dashboard,
  type DashboardPoint,
  type DashboardWindow,
} from "@/lib/admin/read-dashboard";
import { requireAdminPage } from "@/lib/auth/authorize";
import { processJobContext } from "@/lib/jobs/job-context";
import { listJobStatus } from "@/lib/jobs/run-jobs";
import { formatRupees } from "@/lib/money";
import { formatShopDateTime, formatShopHour } from "@/lib/shop-time";

export const metadata: Metadata = { title: "Dashboard" };

const API_COLORS = { AUTH: "#c2410c", STATUS: "#0369a1", REFUND: "#047857", REFUNDSTATUS: "#6d28d9" } as const;
const ERROR_CLASS_COLORS = {
  configuration: "#6d28d9",
  signature: "#b91c1c",
  validation: "#b45309",
  system: "#0369a1",
  other: "#57534e",
} as const;

interface ChartSpec {
  id: string;
  title: string;
  description: string;
  unit: "percent" | "milliseconds";
  wholeScale?: boolean;
  series: Array<ChartSeries & { read: (point: DashboardPoint) => number | null }>;
}

const line = (key: string, name: string, color: string, read: (point: DashboardPoint) => number | null) => ({
  key,
  name,
  color,
  kind: "line" as const,
  read,
});

// The seed's five figures, one chart each.
const CHARTS: ChartSpec[] = [
  {
    id: "success-rate",
    title: "Payment success rate",
    description: "Payments that succeeded out of those that succeeded or failed, by the hour they started.",
    unit: "percent",
    wholeScale: true,
    series: [line("rate", "Success rate", "#047857", (point) => point.figures.successRate)],
  },
  {
    id: "response-time",
    title: "Average gateway response time",
    description: "Average time from sending a request to the gateway until its answer or failure, per API.",
    unit: "milliseconds",
    series: [
      line("all", "All APIs", "#1c1917", (point) => point.figures.averageResponseMs),
      ...GATEWAY_APIS.map((api) => line(api, api, API_COLORS[api], (point) => point.averageResponseMsByApi[api])),
    ],
  },
  {
    id: "error-rate",
    title: "Gateway error rate",
    description: "Gateway calls that ended in an error out of all calls, by the error's class.",
    unit: "percent",
    series: GATEWAY_ERROR_CLASSES.map((errorClass) => ({
      key: errorClass,
      name: humanize(errorClass),
      color: ERROR_CLASS_COLORS[errorClass],
      kind: "stacked-bar" as const,
      read: (point: DashboardPoint) => point.errorRateByClass[errorClass],
    })),
  },
  {
    id: "availability",
    title: "Gateway availability",
    description: "Gateway calls that got an answer out of all calls sent.",
    unit: "percent",
    wholeScale: true,
    series: [line("availability", "Answered", "#0369a1", (point) => point.figures.availability)],
  },
  {
    id: "signature-failures",
    title: "Signature verification failures",
    description: "Callbacks and returns refused because their signature did not verify, out of all received.",
    unit: "percent",
    series: [line("rate", "Signature failures", "#b91c1c", (point) => point.figures.signatureFailureRate)],
  },
];

function chartRows(dashboard: Dashboard, spec: ChartSpec): ChartRow[] {
  return dashboard.points.map((point) => ({
    label: formatShopHour(point.start, { withDay: dashboard.window === "7d" }),
    ...Object.fromEntries(spec.series.map((series) => [series.key, series.read(point)])),
  }));
}

function WindowSwitch({ current }: { current: DashboardWindow }) {
  return (
    <nav aria-label="Time window" className="flex gap-2 text-sm">
      {(Object.keys(DASHBOARD_WINDOWS) as DashboardWindow[]).map((window) => (
        <Link
          key={window}
          href={window === "24h" ? "/admin" : `/admin?window=${window}`}
          aria-current={window === current ? "page" : undefined}
          className={`rounded-full border px-4 py-1.5 ${
            window === current
              ? "border-brand-700 bg-brand-700 text-white"
              : "border-stone-300 bg-white hover:border-brand-600 hover:text-brand-700"
          }`}
        >
          {DASHBOARD_WINDOWS[window].label}
        </Link>
      ))}
    </nav>
  );
}

function Figure({ id, label, value, children }: { id: string; label: string; value: string; children: ReactNode }) {
  return (
    <div className="rounded-2xl bg-white p-4 shadow-sm" data-testid="dashboard-figure" data-figure={id}>
      <dt className="text-sm font-medium text-stone-600">{label}</dt>
      <dd className="mt-1 font-display text-2xl font-bold text-brand-900" data-testid="dashboard-figure-value">
        {value}
      </dd>
      <dd className="mt-1 text-xs text-stone-600" data-testid="dashboard-figure-detail">
        {children}
      </dd>
    </div>
  );
}

function Headline({ dashboard }: { dashboard: Dashboard }) {
  const { payments, calls, messages, figures } = dashboard.totals;
  const answered = calls.calls - calls.unanswered;
  const failedCalls = GATEWAY_ERROR_CLASSES.reduce((sum, errorClass) => sum + calls.errors[errorClass], 0);
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <Figure id="success-rate" label="Payment success rate" value={formatPercent(figures.successRate)}>
        {payments.succeeded} succeeded, {payments.failed} failed; not counted: {payments.abandoned} abandoned,{" "}
        {payments.pending} pending
      </Figure>
      <Figure id="response-time" label="Average response time" value={formatMilliseconds(figures.averageResponseMs)}>
        {calls.calls} gateway calls{calls.calls === 0 ? "" : `; slowest ${formatMilliseconds(calls.durationMsMax)}`}
      </Figure>
      <Figure id="error-rate" label="Error rate" value={formatPercent(figures.errorRate)}>
        {failedCalls} of {calls.calls} calls ended in an error
      </Figure>
      <Figure id="availability" label="API availability" value={formatPercent(figures.availability)}>
        {answered} of {calls.calls} calls answered
      </Figure>
      <Figure
        id="signature-failures"
        label="Signature failure rate"
        value={formatPercent(figures.signatureFailureRate)}
      >
        {messages.signatureFailures} of {messages.received} received ({messages.callbacks} callbacks, {messages.returns}{" "}
        returns; {messages.rejected} rejected)
      </Figure>
    </dl>
  );
}

const th = "px-4 py-3 font-medium";
const td = "px-4 py-3";

function ApiTable({ dashboard }: { dashboard: Dashboard }) {
  const { callsByApi, averageResponseMsByApi } = dashboard.totals;
  return (
    <ScrollBox label="Gateway calls per API" className="rounded-2xl bg-white shadow-sm">
      <table className="w-full min-w-[40rem] text-sm" data-testid="dashboard-apis">
        <caption className="sr-only">Gateway calls per API over the window</caption>
        <thead className="border-b border-stone-200 text-left text-stone-500">
          <tr>
            <th scope="col" className={th}>
              API
            </th>
            <th scope="col" className={`${th} text-right`}>
              Calls
            </th>
            <th scope="col" className={`${th} text-right`}>
              Average
            </th>
            <th scope="col" className={`${th} text-right`}>
              Slowest
            </th>
            <th scope="col" className={`${th} text-right`}>
              Errors
            </th>
            <th scope="col" className={`${th} text-right`}>
              Unanswered
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {GATEWAY_APIS.map((api) => {
            const calls = callsByApi[api];
            const errors = GATEWAY_ERROR_CLASSES.filter((errorClass) => calls.errors[errorClass] > 0);
            return (
              <tr key={api} data-testid="dashboard-api-row" data-api={api}>
                <th scope="row" className={`${td} text-left font-mono font-medium`}>
                  {api}
                </th>
                <td className={`${td} text-right tabular-nums`}>{calls.calls}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMilliseconds(averageResponseMsByApi[api])}</td>
                <td className={`${td} text-right tabular-nums`}>
                  {formatMilliseconds(calls.calls === 0 ? null : calls.durationMsMax)}
                </td>
                <td className={`${td} text-right`}>
                  {errors.length === 0
                    ? "0"
                    : errors.map((errorClass) => `${humanize(errorClass)} ${calls.errors[errorClass]}`).join(", ")}
                </td>
                <td className={`${td} text-right tabular-nums`}>{calls.unanswered}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function RecentFailures({ dashboard }: { dashboard: Dashboard }) {
  if (dashboard.recentFailures.length === 0)
    return <p className="mt-2 text-sm text-stone-600">No payment failed and no refund was refused in this window.</p>;
  return (
    <ScrollBox label="Recent failures" className="mt-3">
      <table className="w-full min-w-[40rem] text-sm" data-testid="dashboard-failures">
        <caption className="sr-only">Failed payments and refused refunds, newest first</caption>
        <thead className="border-b border-stone-200 text-left text-stone-500">
          <tr>
            <th scope="col" className={th}>
              When
            </th>
            <th scope="col" className={th}>
              What
            </th>
            <th scope="col" className={th}>
              Order
            </th>
            <th scope="col" className={`${th} text-right`}>
              Amount
            </th>
            <th scope="col" className={th}>
              The gateway said
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {dashboard.recentFailures.map((failure) => (
            <tr key={`${failure.kind}-${failure.id}`} data-testid="dashboard-failure" data-kind={failure.kind}>
              <td className={td}>
                <TimeAgo date={failure.at} />
              </td>
              <td className={td}>
                {failure.kind === "payment" ? "Payment failed" : "Refund refused"}
                <span className="block font-mono text-xs break-all text-stone-600">{failure.reference}</span>
              </td>
              <td className={td}>
                <Link
                  href={`/admin/orders/${failure.orderId}`}
                  className="font-mono font-medium text-brand-700 underline"
                >
                  {shortId(failure.orderId)}
                </Link>
              </td>
              <td className={`${td} text-right tabular-nums`}>{formatRupees(failure.amountPaise)}</td>
              <td className={`${td} max-w-64 text-xs break-words`}>
                {[failure.code, failure.message].filter(Boolean).join(": ") || "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function GatewayTrouble({ dashboard }: { dashboard: Dashboard }) {
  if (dashboard.gatewayTrouble.length === 0)
    return <p className="mt-2 text-sm text-stone-600">No gateway call failed and no message was refused.</p>;
  return (
    <ScrollBox label="Gateway errors and refused messages" className="mt-3">
      <table className="w-full min-w-[28rem] text-sm" data-testid="dashboard-gateway-trouble">
        <caption className="sr-only">Hours with gateway errors or refused messages, newest first</caption>
        <thead className="border-b border-stone-200 text-left text-stone-500">
          <tr>
            <th scope="col" className={th}>
              Hour
            </th>
            <th scope="col" className={th}>
              What
            </th>
            <th scope="col" className={`${th} text-right`}>
              How many
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {dashboard.gatewayTrouble.map((trouble) => (
            <tr key={`${trouble.hour.toISOString()}-${trouble.kind}-${trouble.subject}-${trouble.reason}`}>
              <td className={`${td} whitespace-nowrap`}>{formatShopDateTime(trouble.hour)}</td>
              <td className={td}>
                {trouble.kind === "call"
                  ? `${trouble.subject} call: ${humanize(trouble.reason).toLowerCase()} error`
                  : `${humanize(trouble.subject)} refused: ${humanize(trouble.reason).toLowerCase()}`}
              </td>
              <td className={`${td} text-right tabular-nums`}>{trouble.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

function Attention({ dashboard }: { dashboard: Dashboard }) {
  const { open, openTotal } = dashboard.attention;
  return (
    <>
      {open.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">Nothing needs attention.</p>
      ) : (
        <ul className="mt-3 flex flex-col divide-y divide-stone-100" aria-label="Open items, oldest first">
          {open.map((item) => (
            <li key={item.id} className="py-2 text-sm" data-testid="dashboard-attention-item">
              <span className="block font-medium">{item.title}</span>
              <span className="block text-stone-700">{item.reason}</span>
              <span className="mt-1 flex flex-wrap gap-3 text-xs text-stone-600">
                <span>
                  Opened <TimeAgo date={item.openedAt} />
                </span>
                {item.orderId === null ? null : (
                  <Link href={`/admin/orders/${item.orderId}`} className="font-mono text-brand-700 underline">
                    Order {shortId(item.orderId)}
                  </Link>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link href="/admin/attention" className="font-medium text-brand-700 underline">
          {openTotal === 0 ? "Needs attention" : `All ${openTotal} open item${openTotal === 1 ? "" : "s"}`}
        </Link>
      </p>
    </>
  );
}

async function Jobs() {
  const jobs = await listJobStatus(await processJobContext());
  return (
    <>
      <ScrollBox label="Jobs' last runs" className="mt-3">
        <table className="w-full min-w-[30rem] text-sm" data-testid="dashboard-jobs">
          <caption className="sr-only">Background jobs&apos; last runs</caption>
          <thead className="border-b border-stone-200 text-left text-stone-500">
            <tr>
              <th scope="col" className={th}>
                Job
              </th>
              <th scope="col" className={th}>
                Last finished
              </th>
              <th scope="col" className={`${th} text-right`}>
                Waiting
              </th>
              <th scope="col" className={th}>
                Last error
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {jobs.map((job) => (
              <tr key={job.name} data-testid="dashboard-job" data-job={job.name}>
                <th scope="row" className={`${td} text-left font-mono font-normal`}>
                  {job.name}
                </th>
                <td className={td}>
                  <TimeAgo date={job.lastFinishedAt} />
                </td>
                <td className={`${td} text-right tabular-nums`}>{job.waiting}</td>
                <td
                  className={`${td} max-w-64 text-xs break-words ${job.lastError ? "text-red-800" : "text-stone-500"}`}
                >
                  {job.lastError ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <p className="mt-3 text-sm">
        <Link href="/admin/jobs" className="font-medium text-brand-700 underline">
          Jobs, and “Run all jobs now”
        </Link>
      </p>
    </>
  );
}

export default async function AdminDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage("/admin");
  const window = parseDashboardWindow(await searchParams);
  const dashboard = await readDashboard(await getDatabase(), admin, window);
  const points = dashboard.bucketHours === 1 ? "hour by hour" : `${dashboard.bucketHours} hours a point`;

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="dashboard-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 id="dashboard-heading" className="font-display text-3xl font-bold text-brand-900">
            Dashboard
          </h1>
          <WindowSwitch current={window} />
        </div>
        <p className="text-sm text-stone-600" data-testid="dashboard-window">
          From {formatShopDateTime(dashboard.start)} until now (India time), {points}; the last point is still filling.
          Payments count in the hour they started.
        </p>
        <Headline dashboard={dashboard} />
      </section>

      <section aria-labelledby="charts-heading" className="flex flex-col gap-3">
        <h2 id="charts-heading" className="font-display text-xl font-semibold text-brand-900">
          {DASHBOARD_WINDOWS[window].label}
        </h2>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {CHARTS.map((spec) => (
            <DashboardChart
              key={spec.id}
              id={spec.id}
              title={spec.title}
              description={spec.description}
              unit={spec.unit}
              wholeScale={spec.wholeScale}
              series={spec.series.map(({ key, name, color, kind }) => ({ key, name, color, kind }))}
              rows={chartRows(dashboard, spec)}
            />
          ))}
        </div>
        <ApiTable dashboard={dashboard} />
      </section>

      <Panel id="failures" title="Recent failures">
        <RecentFailures dashboard={dashboard} />
      </Panel>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Panel id="gateway-trouble" title="Gateway errors and refused messages">
          <GatewayTrouble dashboard={dashboard} />
        </Panel>
        <Panel id="attention" title="Needs attention">
          <Attention dashboard={dashboard} />
        </Panel>
      </div>
      <Panel id="jobs" title="Jobs' last runs">
        <Jobs />
      </Panel>
    </div>
  );
}
