"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatMilliseconds, formatPercent } from "./format";
import { ScrollBox } from "./scroll-box";

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
  /** Lines for figures read across time; stacked bars for parts of a whole. */
  kind: "line" | "stacked-bar";
}

/** One point: its label (the shop's time) and each series' value; null is "no data". */
export type ChartRow = { label: string } & Record<string, string | number | null>;

export interface DashboardChartProps {
  id: string;
  title: string;
  /** What the chart shows, for everyone (shown) and for screen readers (the svg's description). */
  description: string;
  unit: "percent" | "milliseconds";
  /** Rates read against the whole (success, availability) always show 0–100 %; small ones (errors) are fitted. */
  wholeScale?: boolean;
  series: ChartSeries[];
  rows: ChartRow[];
}

// The value axis's top when fitted, rounded up so that its ticks are round: rates up to
// what was seen in steps of 5 % (at least 10 %, at most 100 %), so a chart without data
// still has a readable scale; times up to the slowest in steps of 100 ms.
const roundedUp = (value: number, step: number) => Math.ceil((Number.isFinite(value) ? value : 0) / step) * step;
const percentTop = (dataMax: number) => Math.min(1, Math.max(0.1, roundedUp(dataMax, 0.05)));
const millisecondsTop = (dataMax: number) => Math.max(100, roundedUp(dataMax, 100));

/**
 * One of the dashboard's charts (recharts), with its title and description inside the
 * svg and the same figures as a table for anyone who cannot see the chart. Empty points
 * are gaps: an hour without payments has no success rate, not 0 %.
 */
export function DashboardChart({
  id,
  title,
  description,
  unit,
  wholeScale = false,
  series,
  rows,
}: DashboardChartProps) {
  const format = unit === "percent" ? formatPercent : formatMilliseconds;
  const value = (raw: unknown) => format(typeof raw === "number" ? raw : null);
  return (
    <figure
      aria-labelledby={`${id}-title`}
      className="flex min-w-0 flex-col gap-2 overflow-hidden rounded-2xl bg-white p-5 shadow-sm"
      data-testid="dashboard-chart"
      data-chart={id}
    >
      <figcaption>
        <h3 id={`${id}-title`} className="font-display text-lg font-semibold text-brand-900">
          {title}
        </h3>
        <p className="text-sm text-stone-600">{description}</p>
      </figcaption>
      <ComposedChart
        responsive
        style={{ width: "100%", height: 220 }}
        data={rows}
        title={title}
        desc={description}
        aria-label={`${title}: chart`}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="#e7e5e4" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#57534e" }} minTickGap={16} />
        <YAxis
          width={unit === "percent" ? 52 : 68}
          tick={{ fontSize: 11, fill: "#57534e" }}
          domain={[0, unit === "milliseconds" ? millisecondsTop : wholeScale ? 1 : percentTop]}
          tickFormatter={(tick: number) => (unit === "percent" ? `${Number((tick * 100).toFixed(1))} %` : `${tick} ms`)}
        />
        <Tooltip formatter={(raw) => value(raw)} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {series.map((item) =>
          item.kind === "line" ? (
            <Line
              key={item.key}
              dataKey={item.key}
              name={item.name}
              stroke={item.color}
              strokeWidth={2}
              dot={{ r: 2.5, fill: item.color }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ) : (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.name}
              fill={item.color}
              stackId="parts"
              isAnimationActive={false}
            />
          ),
        )}
      </ComposedChart>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 underline">{title} as a table</summary>
        <ScrollBox label={`${title}, point by point`} className="mt-2 max-h-72">
          <table className="w-full text-xs" data-testid="dashboard-chart-table">
            <caption className="sr-only">{title}, point by point</caption>
            <thead className="border-b border-stone-200 text-left text-stone-500">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  From
                </th>
                {series.map((item) => (
                  <th key={item.key} scope="col" className="px-2 py-1 text-right font-medium">
                    {item.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">
                    {row.label}
                  </th>
                  {series.map((item) => (
                    <td key={item.key} className="px-2 py-1 text-right tabular-nums">
                      {value(row[item.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </details>
    </figure>
  );
}
