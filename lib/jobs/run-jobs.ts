import { randomBytes } from "node:crypto";
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { secondsFromNow } from "@/db/clock";
import { jobRuns } from "@/db/schema";
import { countOpenAttention } from "@/lib/attention/open-attention";
import { jittered } from "@/lib/backoff";
import { errorFields, log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { mailTransportFor, type MailTransport } from "@/lib/notifications/mail-transport";
import { countPendingNotifications, sendDueNotifications } from "@/lib/notifications/send-notifications";
import { countOverdueOrders, expireOverdueOrders } from "@/lib/payments/expire-orders";
import { claimDueAttempts, countDueAttempts, requeryAttempt } from "@/lib/payments/requery-payment";
import { checkConsistency } from "@/lib/reconciliation/check-consistency";
import { claimDueRefunds, countDueRefunds, syncRefund } from "@/lib/refunds";
import type { JobContext } from "./job-context";

/**
 * One background job. A `queue` job works through due items, each claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease by the item's own module, so every instance can
 * run it at once; a `periodic` job runs on one instance at a time, every `everySeconds`,
 * under a lease on its `job_runs` row.
 */
interface Job {
  name: string;
  description: string;
  periodic?: (context: JobContext) => number;
  /** Does one round of work; returns how many items it handled. */
  run(context: JobContext, transport: MailTransport): Promise<number>;
  /** How many items wait (the admin's view). */
  waiting(context: JobContext): Promise<number>;
}

/**
 * A queue job takes this many items per claim, and claims again while it gets full
 * batches. Small, so that a batch is done well within its lease (CLAIM_LEASE_SECONDS in db/claim-due.ts)
 * even when every gateway call runs to its timeout and retries.
 */
const BATCH = 2;
const MAX_BATCHES_PER_TICK = 25;

async function drain(claim: () => Promise<string[]>, handle: (id: string) => Promise<unknown>): Promise<number> {
  let handled = 0;
  for (let round = 0; round < MAX_BATCHES_PER_TICK; round += 1) {
    const ids = await claim();
    for (const id of ids) {
      try {
        await handle(id);
      } catch (error) {
        // The item's lease runs out and it is tried again; the others go on.
        log.error({ itemId: id, ...errorFields(error) }, "job item failed");
      }
      handled += 1;
    }
    if (ids.length < BATCH) break;
  }
  return handled;
}

export const JOBS: readonly Job[] = [
  {
    name: "requery-payments",
    description: "Asks the transaction status API about every payment not final, on its backing-off schedule",
    run: (context) =>
      drain(
        () => claimDueAttempts(context, BATCH),
        (id) => requeryAttempt(context, id, { scheduled: true }),
      ),
    waiting: (context) => countDueAttempts(context),
  },
  {
    name: "sync-refunds",
    description: "Settles requested and processing refunds through REFUNDSTATUS; re-sends under the same prodRefundId",
    run: (context) =>
      drain(
        () => claimDueRefunds(context, BATCH),
        (id) => syncRefund(context, id, { source: "system" }),
      ),
    waiting: (context) => countDueRefunds(context),
  },
  {
    name: "send-notifications",
    description: "Sends the outbox's admin notifications (SMTP, or the outbox page when no SMTP_URL is set)",
    run: (context, transport) =>
      sendDueNotifications({
        db: context.db,
        transport,
        appUrl: context.appUrl,
        notifyEmails: context.mail.notifyEmails,
      }),
    waiting: (context) => countPendingNotifications(context.db),
  },
  {
    name: "expire-orders",
    description: "Expires orders unpaid past the horizon, after a fresh requery of each of their payments",
    periodic: (context) => context.jobs.consistencyCheckSeconds,
    run: (context) => expireOverdueOrders(context),
    waiting: (context) => countOverdueOrders(context),
  },
  {
    name: "check-consistency",
    description:
      "Finds what should never be; repairs it from the gateway's record or puts it on the needs-attention list",
    periodic: (context) => context.jobs.consistencyCheckSeconds,
    run: async (context) => (await checkConsistency(context)).found,
    waiting: (context) => countOpenAttention(context.db),
  },
];

export interface JobRunSummary {
  name: string;
  ran: boolean;
  items: number;
  error?: string;
}

/**
 * One round of every job. A periodic job runs only when its lease is free and its period
 * has passed, unless `force` (an admin's "Run now", `npm run reconcile`). Every line the
 * round logs carries its `runId` and the job's name.
 */
export async function runJobsOnce(
  context: JobContext,
  options: { force?: boolean; transport?: MailTransport } = {},
): Promise<JobRunSummary[]> {
  const transport = options.transport ?? mailTransportFor(context.mail);
  const summaries: JobRunSummary[] = [];
  const runId = randomBytes(6).toString("base64url");
  for (const job of JOBS) {
    summaries.push(await withLogContext({ job: job.name, runId }, () => runJob(context, job, transport, options)));
  }
  return summaries;
}

async function runJob(
  context: JobContext,
  job: Job,
  transport: MailTransport,
  options: { force?: boolean },
): Promise<JobRunSummary> {
  if (!(await start(context, job, options.force === true))) return { name: job.name, ran: false, items: 0 };
  try {
    const items = await job.run(context, transport);
    await finish(context, job.name, items, null);
    return { name: job.name, ran: true, items };
  } catch (error) {
    const { errorMessage } = errorFields(error);
    log.error(errorFields(error), "job failed");
    await finish(context, job.name, 0, errorMessage).catch(() => {});
    return { name: job.name, ran: true, items: 0, error: errorMessage };
  }
}

/** Marks the job started; for a periodic job, takes its lease (false: another instance has it, or it is not due). */
async function start(context: JobContext, job: Job, force: boolean): Promise<boolean> {
  const { db } = context;
  await db.insert(jobRuns).values({ name: job.name }).onConflictDoNothing();
  const leaseSeconds = job.periodic?.(context);
  const [started] = await db
    .update(jobRuns)
    .set({
      lastStartedAt: sql`now()`,
      ...(leaseSeconds === undefined ? {} : { leaseUntil: secondsFromNow(leaseSeconds) }),
    })
    .where(
      leaseSeconds === undefined || force
        ? eq(jobRuns.name, job.name)
        : and(eq(jobRuns.name, job.name), or(isNull(jobRuns.leaseUntil), lte(jobRuns.leaseUntil, sql`now()`))),
    )
    .returning({ name: jobRuns.name });
  return started !== undefined;
}

async function finish(context: JobContext, name: string, items: number, error: string | null): Promise<void> {
  await context.db
    .update(jobRuns)
    .set({ lastFinishedAt: sql`now()`, lastItems: items, lastError: error, runs: sql`${jobRuns.runs} + 1` })
    .where(eq(jobRuns.name, name));
}

export interface JobStatus {
  name: string;
  description: string;
  periodicSeconds: number | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastItems: number;
  lastError: string | null;
  runs: number;
  waiting: number;
}

/** When each job last ran (on any instance) and how many items wait: the admin's jobs page. */
export async function listJobStatus(context: JobContext): Promise<JobStatus[]> {
  const rows = await context.db.select().from(jobRuns);
  return Promise.all(
    JOBS.map(async (job) => {
      const row = rows.find((candidate) => candidate.name === job.name);
      return {
        name: job.name,
        description: job.description,
        periodicSeconds: job.periodic?.(context) ?? null,
        lastStartedAt: row?.lastStartedAt ?? null,
        lastFinishedAt: row?.lastFinishedAt ?? null,
        lastItems: row?.lastItems ?? 0,
        lastError: row?.lastError ?? null,
        runs: row?.runs ?? 0,
        waiting: await job.waiting(context),
      };
    }),
  );
}

export interface JobLoop {
  stop(): Promise<void>;
}

/**
 * Runs every job in this process, every `intervalMs` jittered by ±50 % so instances do
 * not wake together. A round never overlaps the next; `stop` waits for the current one.
 */
export function startJobLoop(context: () => Promise<JobContext>, intervalMs: number): JobLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let transport: MailTransport | undefined;
  const tick = () => {
    current = (async () => {
      try {
        const resolved = await context();
        transport ??= mailTransportFor(resolved.mail);
        await runJobsOnce(resolved, { transport });
      } catch (error) {
        log.error(errorFields(error), "job round failed");
      }
      if (!stopped) timer = setTimeout(tick, jittered(intervalMs));
    })();
  };
  timer = setTimeout(tick, jittered(intervalMs));
  timer.unref?.();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
