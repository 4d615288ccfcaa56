import type postgres from "postgres";
import { sleep } from "../start-next-server";

// After the drive, the background jobs (and the sandbox's own retries and settlements)
// must bring everything to a final state. This waits until nothing is open, or gives up
// at the deadline.

export interface OpenWork {
  attempts: number;
  refunds: number;
  /** Payments the gateway holds as success that the shop has not recorded as completed. */
  unrecordedSuccesses: number;
  pendingAtGateway: number;
  callbacksScheduled: number;
}

async function openWork(sql: postgres.Sql): Promise<OpenWork> {
  const [row] = await sql<OpenWork[]>`
    select
      (select count(*) from payment_attempts
        where status in ('initializing', 'token_generated', 'user_payment'))::int as attempts,
      (select count(*) from refunds where status in ('requested', 'processing'))::int as refunds,
      (select count(*) from sandbox_transactions st where st.status = 'success' and not exists (
        select 1 from payment_attempts pa where pa.merch_txn_id = st.merch_txn_id and pa.status = 'completed'
      ))::int as "unrecordedSuccesses",
      (select count(*) from sandbox_transactions where status = 'pending')::int as "pendingAtGateway",
      (select count(*) from sandbox_callback_deliveries where status = 'scheduled')::int as "callbacksScheduled"`;
  return row!;
}

export function describeOpenWork(work: OpenWork): string {
  return [
    `${work.attempts} attempts open`,
    `${work.refunds} refunds open`,
    `${work.unrecordedSuccesses} gateway successes unrecorded`,
    `${work.pendingAtGateway} pending at the gateway`,
    `${work.callbacksScheduled} callbacks scheduled`,
  ].join(", ");
}

const isSettled = (work: OpenWork) => Object.values(work).every((count) => count === 0);

/** Polls until nothing is open or `timeoutMs` has passed; reports every 20 s. */
export async function waitForSettlement(
  sql: postgres.Sql,
  timeoutMs: number,
  report: (line: string) => void,
): Promise<{ settled: boolean; work: OpenWork }> {
  const started = Date.now();
  let reportedAt = started;
  for (;;) {
    const work = await openWork(sql);
    if (isSettled(work)) return { settled: true, work };
    const now = Date.now();
    if (now - started >= timeoutMs) return { settled: false, work };
    if (now - reportedAt >= 20_000) {
      report(`settling ${Math.round((now - started) / 1000)} s: ${describeOpenWork(work)}`);
      reportedAt = now;
    }
    await sleep(2_000);
  }
}
