import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { createAtomClient } from "@/lib/atom";
import { SUB_CHANNELS } from "@/lib/atom/auth-payload";
import { testAtomConfig } from "@/lib/atom/testing/samples";
import type { JobContext } from "@/lib/jobs/job-context";
import { JOBS } from "@/lib/jobs/run-jobs";
import { ABANDONED_CODE } from "@/lib/payments/requery-payment";

/**
 * A shop of `orders` orders, placed evenly over the last 30 days: 80 % paid at the first
 * try, 6 % paid after a declined card, 6 % declined, 6 % abandoned, 2 % pending (those
 * older than an hour were abandoned); 5 % of paid orders refunded and 0.3 % with a refused
 * refund; the hourly gateway tables as the calls and messages of such a shop make them
 * (AUTH and callbacks per payment, STATUS requeries, refunds; errors and rejected messages
 * every few hours); 30 open and 200 resolved needs-attention items; the outbox. Paid
 * orders carry a payment method (one of the sub-channels in turn) and one in 500 is
 * flagged for review. With `refunds`, that many paid orders are refunded instead of 5 %;
 * with `timeline`, every order gets three timeline events (payment_events): created,
 * the first attempt's result, and one more (paid, or the abandonment).
 */
export async function fillShop(
  db: Database,
  options: { orders: number; refunds?: number; timeline?: boolean },
): Promise<void> {
  const { orders } = options;
  // The refunded share of paid orders (86 % of all); refusals on top of completed refunds, as 0.3 % to 5 %.
  const refundShare = options.refunds === undefined ? 0.053 : options.refunds / (orders * 0.86);
  const completedShare = refundShare * (0.05 / 0.053);
  // A fixed pseudo-random fraction per order (Knuth's multiplicative hash of i × stride +
  // offset), so runs compare: draw(1, 0) decides an order's fate; another stride gives a draw
  // independent of it (an offset alone would only shift it).
  const draw = (stride: number, offset: number) =>
    sql.raw(`(((i::bigint * ${stride} + ${offset}) * 2654435761) % 4294967296) / 4294967296.0`);
  const fraction = draw(1, 0);
  await db.execute(sql`
    insert into orders (email, mobile, merch_txn_id, total_amount, status, atom_txn_id, created_at, updated_at, paid_at,
      payment_method, needs_review)
    select 'bench-' || i || '@example.test', '9876543210', 'B' || i, 10000 + (i % 500) * 100,
      case when r < 0.86 then 'paid' when r >= 0.98 and age < interval '1 hour' then 'pending' else 'cancelled' end,
      case when r < 0.86 then 'A' || i end,
      now() - age, now() - age, case when r < 0.86 then now() - age + interval '2 minutes' end,
      case when r < 0.86 then (array[${sql.raw(SUB_CHANNELS.map((code) => `'${code}'`).join(", "))}])[1 + i % ${SUB_CHANNELS.length}] end,
      i % 500 = 0
    from (
      select i, ${fraction} as r, interval '30 days' * ((i - 1)::float / ${orders}) as age
      from generate_series(1, ${orders}) as i
    ) as source`);
  // Which paid orders are refunded: a draw of its own (r shifted would only pick orders from one
  // band of r and cap the refunds below 20,000).
  const refundDraw = draw(7919, 7);
  const orderSource = sql.raw(`from (select o.*, substring(o.merch_txn_id from 2)::bigint as i from orders o) as o`);
  // First attempts; an order paid after a declined card has its declined one first.
  await db.execute(sql`
    insert into payment_attempts (order_id, merch_txn_id, merch_txn_date, amount, status, status_code, status_message,
      atom_txn_id, next_check_at, created_at, updated_at)
    select o.id, o.merch_txn_id || '-1', o.created_at, o.total_amount,
      case when r < 0.80 then 'completed' when r < 0.92 then 'payment_failed' when o.status = 'pending' then 'token_generated'
        else 'payment_failed' end,
      case when r < 0.80 then 'OTS0000' when r < 0.92 then 'OTS0600' when o.status = 'pending' then null
        else ${ABANDONED_CODE} end,
      case when r < 0.80 then 'SUCCESS' when r < 0.92 then 'Declined by the bank' when o.status = 'pending' then null
        else 'Abandoned: the gateway has no payment for this attempt.' end,
      case when r < 0.80 then o.atom_txn_id when r < 0.92 then 'D' || i end,
      case when o.status = 'pending' then o.created_at + interval '1 minute' end,
      o.created_at, o.created_at + interval '30 seconds'
    from (select o.*, ${fraction} as r ${orderSource}) as o`);
  await db.execute(sql`
    insert into payment_attempts (order_id, merch_txn_id, merch_txn_date, amount, status, status_code, status_message,
      atom_txn_id, created_at, updated_at)
    select o.id, o.merch_txn_id || '-2', o.created_at + interval '2 minutes', o.total_amount, 'completed', 'OTS0000',
      'SUCCESS', o.atom_txn_id, o.created_at + interval '2 minutes', o.created_at + interval '2 minutes'
    from (select o.*, ${fraction} as r ${orderSource}) as o
    where r >= 0.80 and r < 0.86`);
  await db.execute(sql`
    insert into refunds (order_id, attempt_id, refund_amount, prod_refund_id, refund_txn_id, status, reason,
      gateway_status_code, gateway_message, send_count, created_at, updated_at)
    select o.id, a.id, o.total_amount, 'RF' || o.i, case when r2 < ${completedShare} then 'R' || o.i end,
      case when r2 < ${completedShare} then 'completed' else 'failed' end, 'Returned by the shopper',
      case when r2 < ${completedShare} then 'OTS0000' else 'OTS0951' end,
      case when r2 < ${completedShare} then 'Refunded' else 'Refund refused' end, 1,
      least(now(), o.created_at + interval '1 day'), least(now(), o.created_at + interval '1 day' + interval '1 minute')
    from (select o.*, ${refundDraw} as r2 ${orderSource}) as o
    join payment_attempts a on a.atom_txn_id = o.atom_txn_id
    where o.status = 'paid' and r2 < ${refundShare}`);

  // The hourly gateway tables: per hour, what `orders / 720` payments an hour make.
  const perHour = orders / 720;
  await db.execute(sql`
    insert into gateway_call_hours (hour, api, outcome, calls, unanswered, duration_ms_total, duration_ms_max)
    select date_trunc('hour', now()) - make_interval(hours => h), api, outcome, calls,
      case when outcome = 'system' then calls else 0 end, calls * (180 + (h % 50) * 6), 400 + (h % 50) * 30
    from generate_series(0, 719) as h
    cross join (values ('AUTH', 'ok', 1.1, 1), ('STATUS', 'ok', 0.6, 1), ('REFUND', 'ok', 0.05, 1),
      ('REFUNDSTATUS', 'ok', 0.1, 1), ('AUTH', 'system', 0.01, 3), ('STATUS', 'system', 0.01, 5),
      ('STATUS', 'validation', 0.005, 7), ('REFUND', 'other', 0.005, 13), ('AUTH', 'signature', 0.002, 50))
      as kind (api, outcome, share, every_hours)
    cross join lateral (select greatest(1, round(${perHour} * share))::int as calls) as volume
    where h % every_hours = 0`);
  await db.execute(sql`
    insert into gateway_message_hours (hour, source, result, rejection, messages)
    select date_trunc('hour', now()) - make_interval(hours => h), source, result, rejection,
      greatest(1, round(${perHour} * share))::int
    from generate_series(0, 719) as h
    cross join (values ('callback', 'applied', 'none', 0.95, 1), ('return', 'applied', 'none', 0.6, 1),
      ('callback', 'duplicate', 'none', 0.2, 1), ('return', 'duplicate', 'none', 0.3, 1),
      ('callback', 'rejected', 'signature', 0.002, 5), ('return', 'rejected', 'malformed', 0.002, 11),
      ('callback', 'rejected', 'unknown_attempt', 0.001, 17)) as kind (source, result, rejection, share, every_hours)
    where h % every_hours = 0`);

  await db.execute(sql`
    insert into attention_items (kind, subject_key, order_id, reason, opened_at, resolved_at, resolution_note)
    select 'order_not_expired', 'order_not_expired:' || id, id, 'Still unpaid past its horizon.', created_at,
      case when n > 30 then created_at + interval '1 hour' end, case when n > 30 then 'Looked into it' end
    from (select id, created_at, row_number() over (order by created_at desc) as n from orders
      where status = 'cancelled' order by created_at desc limit 230) as picked`);
  await db.execute(sql`
    insert into notifications (kind, dedupe_key, order_id, subject, body, status, channel, attempts, sent_at, created_at)
    select 'attention:' || kind, 'attention:' || id, order_id, 'Needs attention', reason,
      case when resolved_at is null then 'pending' else 'sent' end, case when resolved_at is null then null else 'outbox' end,
      1, resolved_at, opened_at
    from attention_items`);
  await db.execute(sql`
    insert into job_runs (name, last_started_at, last_finished_at, last_items, runs)
    select name, now() - interval '3 seconds', now() - interval '2 seconds', 2, 40000
    from unnest(${sql.raw(`array[${JOBS.map((job) => `'${job.name}'`).join(", ")}]`)}) as name`);
  if (options.timeline) {
    await db.execute(sql`
      insert into payment_events (order_id, attempt_id, type, source, detail, created_at)
      select o.id, null, 'order_created', 'shopper', '{}'::jsonb, o.created_at from orders o`);
    await db.execute(sql`
      insert into payment_events (order_id, attempt_id, type, source, detail, created_at)
      select a.order_id, a.id, case when a.status = 'completed' then 'payment_completed' else 'payment_failed' end,
        'callback', jsonb_build_object('statusCode', a.status_code), a.updated_at
      from payment_attempts a where a.merch_txn_id like '%-1'`);
    await db.execute(sql`
      insert into payment_events (order_id, type, source, detail, created_at)
      select o.id, case when o.status = 'paid' then 'order_paid' else 'order_cancelled' end, 'system', '{}'::jsonb,
        o.updated_at
      from orders o`);
  }
  await db.execute(sql`vacuum analyze`);
}

/** A job context on the bench database, for listJobStatus (it never calls the gateway). */
export function jobContext(db: Database): JobContext {
  return {
    db,
    // listJobStatus never calls the gateway; the client is only the context's shape.
    gateway: createAtomClient(testAtomConfig()),
    merchId: "317157",
    appUrl: "http://shop.test",
    jobs: {
      enabled: true,
      intervalMs: 5_000,
      requerySchedule: [60, 120, 300, 600, 1800, 3600],
      paymentHorizonSeconds: 48 * 3600,
      abandonAfterSeconds: 15 * 60,
      refundSyncSchedule: [60, 120, 300, 600, 1800, 3600],
      refundHorizonSeconds: 48 * 3600,
      consistencyCheckSeconds: 300,
    },
    mail: { smtpUrl: undefined, from: "Lotus Bazaar <shop@test>", notifyEmails: [] },
  };
}
