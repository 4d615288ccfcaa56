import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { GATEWAY_APIS, GATEWAY_CALL_OUTCOMES, GATEWAY_MESSAGE_SOURCES, REFUND_STATUSES } from "@/db/schema";

/**
 * The shop's Prometheus metrics (prom-client), served at /api/metrics. Counters and the
 * histogram live per instance (Prometheus sums them across instances); the `shop_*`
 * gauges are read from the database at scrape time (see app/api/metrics). The names are
 * a contract with the dashboards and alert rules under ops/: change them there too.
 */
export interface ShopMetrics {
  registry: Registry;
  /** Payment attempts reaching a result (counted by the lifecycle's transitions, after commit). */
  payments: Counter<"outcome">;
  /** Each request sent to the gateway, retries included, timed until its answer or failure. */
  gatewayDuration: Histogram<"api">;
  gatewayRequests: Counter<"api" | "answered">;
  gatewayErrors: Counter<"api" | "class">;
  signatureFailures: Counter<"source">;
  callbacks: Counter<"source" | "result">;
  refunds: Counter<"status">;
  jobsWaiting: Gauge<"job">;
  jobSecondsSinceRun: Gauge<"job">;
  oldestPendingPayment: Gauge;
  openAttention: Gauge;
  databaseUp: Gauge;
}

export type GatewayApi = (typeof GATEWAY_APIS)[number];
export type GatewayErrorClass = Exclude<(typeof GATEWAY_CALL_OUTCOMES)[number], "ok">;
const PAYMENT_OUTCOMES = ["success", "failed", "pending"] as const;
/** Where a signed gateway message came from: posted by the gateway or the browser, or an API's answer. */
export type MessageSource = (typeof GATEWAY_MESSAGE_SOURCES)[number] | "api_response";
const CALLBACK_RESULTS = ["applied", "duplicate", "rejected", "unavailable"] as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];

// Seconds: the gateway answers in tens of milliseconds to seconds; the client gives up at 15 s.
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30];

function createMetrics(): ShopMetrics {
  const metrics = registerMetrics();
  startAtZero(metrics);
  return metrics;
}

/**
 * Every known series starts at 0, so it is exported before its first event and
 * Prometheus's increase() sees that first event (a series born at 1 hides it).
 */
function startAtZero(metrics: ShopMetrics): void {
  for (const api of GATEWAY_APIS) {
    metrics.gatewayDuration.zero({ api });
    for (const answered of ["true", "false"]) metrics.gatewayRequests.inc({ api, answered }, 0);
    for (const outcome of GATEWAY_CALL_OUTCOMES)
      if (outcome !== "ok") metrics.gatewayErrors.inc({ api, class: outcome }, 0);
  }
  for (const outcome of PAYMENT_OUTCOMES) metrics.payments.inc({ outcome }, 0);
  for (const source of [...GATEWAY_MESSAGE_SOURCES, "api_response"]) metrics.signatureFailures.inc({ source }, 0);
  for (const source of GATEWAY_MESSAGE_SOURCES)
    for (const result of CALLBACK_RESULTS) metrics.callbacks.inc({ source, result }, 0);
  for (const status of REFUND_STATUSES) metrics.refunds.inc({ status }, 0);
}

function registerMetrics(): ShopMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    payments: new Counter({
      name: "atom_payments_total",
      help: "Payment attempts reaching a result, by outcome: success (paid), failed (declined or refused at AUTH; abandoned checkouts are not counted), pending (waiting at the bank).",
      labelNames: ["outcome"],
      registers,
    }),
    gatewayDuration: new Histogram({
      name: "atom_gateway_request_duration_seconds",
      help: "Time from sending a request to the gateway until its answer or failure, per API.",
      labelNames: ["api"],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    gatewayRequests: new Counter({
      name: "atom_gateway_requests_total",
      help: "Requests sent to the gateway, per API, by whether any HTTP answer came back.",
      labelNames: ["api", "answered"],
      registers,
    }),
    gatewayErrors: new Counter({
      name: "atom_gateway_errors_total",
      help: "Gateway calls that ended in an error, per API and error class (configuration, signature, validation, system, other).",
      labelNames: ["api", "class"],
      registers,
    }),
    signatureFailures: new Counter({
      name: "atom_signature_failures_total",
      help: "Gateway messages whose encryption or signature did not verify, by source.",
      labelNames: ["source"],
      registers,
    }),
    callbacks: new Counter({
      name: "atom_callbacks_total",
      help: "Gateway results posted to the shop (callback or browser return), by what became of them.",
      labelNames: ["source", "result"],
      registers,
    }),
    refunds: new Counter({
      name: "shop_refunds_total",
      help: "Refunds reaching a status (requested, processing, completed, failed).",
      labelNames: ["status"],
      registers,
    }),
    jobsWaiting: new Gauge({
      name: "shop_jobs_waiting",
      help: "Items due for each background job now (read from the database at scrape time).",
      labelNames: ["job"],
      registers,
    }),
    jobSecondsSinceRun: new Gauge({
      name: "shop_job_seconds_since_last_run",
      help: "Seconds since each background job last finished a run on any instance (read from the database at scrape time; absent until its first run).",
      labelNames: ["job"],
      registers,
    }),
    oldestPendingPayment: new Gauge({
      name: "shop_oldest_pending_payment_seconds",
      help: "Age of the oldest payment attempt not yet final and not past the payment horizon (then it is on the needs-attention list), 0 when none (read from the database at scrape time).",
      registers,
    }),
    openAttention: new Gauge({
      name: "shop_attention_open",
      help: "Open items on the admin's needs-attention list (read from the database at scrape time).",
      registers,
    }),
    databaseUp: new Gauge({
      name: "shop_database_up",
      help: "1 when the scrape could read the shop's figures from the database, 0 when it could not (the other shop_* gauges are then absent or NaN).",
      registers,
    }),
  };
}

// One set per process, on globalThis: Next loads a module once per route bundle, and the
// callback route's counters must be the ones the metrics route serves.
const cache = globalThis as unknown as { __shopMetrics?: ShopMetrics };

export function getMetrics(): ShopMetrics {
  cache.__shopMetrics ??= createMetrics();
  return cache.__shopMetrics;
}
