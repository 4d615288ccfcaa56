import type postgres from "postgres";

// The invariants, checked against the sandbox's own ledger (sandbox_transactions,
// sandbox_refunds, the callback deliveries) and the shop's tables. Each yields PASS or
// FAIL with its numbers, the causes of its failures counted, and a few examples.

export interface InvariantResult {
  name: string;
  pass: boolean;
  /** The numbers behind the verdict. */
  summary: string;
  /** Failures counted by cause. */
  causes: Map<string, number>;
  examples: string[];
}

class Findings {
  readonly causes = new Map<string, number>();
  readonly examples: string[] = [];

  add(cause: string, example: string): void {
    this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
    if (this.examples.length < 3) this.examples.push(example);
  }

  get count(): number {
    return [...this.causes.values()].reduce((sum, count) => sum + count, 0);
  }

  result(name: string, summary: string): InvariantResult {
    return { name, pass: this.count === 0, summary, causes: this.causes, examples: this.examples };
  }
}

const PAID_LIKE = ["paid", "shipped", "delivered", "refunded"];

/** Every product's stock when the soak starts (connect-app.ts sets it): more than any run sells. */
export const SOAK_STOCK = 1_000_000;

/** An open attempt older than the payment horizon plus this is overdue (a job tick or two after the horizon). */
const HORIZON_GRACE_SECONDS = 30;

export async function checkInvariants(sql: postgres.Sql, horizonSeconds: number): Promise<InvariantResult[]> {
  return [
    await checkPaidExactlyOnce(sql),
    await checkRefundsAtMostOnce(sql),
    await checkRefundsWithinPaid(sql),
    await checkNothingLeftOpen(sql, horizonSeconds),
    await checkTamperedAndCorruptRefused(sql),
    await checkStockHeldOnce(sql),
  ];
}

/** Why a payment's callback did not record it, read from the sandbox's delivery log. */
function callbackCause(faults: string[], deliveryStatuses: string[]): string {
  if (faults.includes("drop")) return "callback dropped";
  if (faults.includes("corruptSignature")) return "callback signature corrupt";
  if (faults.includes("tamperAmount")) return "callback amount tampered";
  if (deliveryStatuses.length === 0) return "no callback";
  if (deliveryStatuses.includes("scheduled")) return "callback still scheduled";
  if (deliveryStatuses.every((status) => status === "failed")) return "callback delivery failed";
  return "callback delivered, payment not recorded";
}

/** 1. Every gateway success is paid exactly once in the shop. */
async function checkPaidExactlyOnce(sql: postgres.Sql): Promise<InvariantResult> {
  const findings = new Findings();
  const successes = await sql<
    Array<{
      merchTxnId: string;
      gatewayAtomTxnId: string;
      amount: number;
      surcharge: number;
      attemptStatus: string | null;
      attemptAtomTxnId: string | null;
      orderStatus: string | null;
      orderAtomTxnId: string | null;
      orderTotal: number | null;
      orderSurcharge: number | null;
      flaggedExtra: boolean;
      faults: string[];
      deliveryStatuses: string[];
    }>
  >`
    with flagged as (
      select distinct attempt_id from payment_events
      where type in ('duplicate_payment', 'paid_after_cancel') and attempt_id is not null
    ), statuses as (
      select atom_token_id, array_agg(status) as statuses from sandbox_callback_deliveries group by atom_token_id
    ), faults as (
      select d.atom_token_id, array_agg(distinct f) as faults
      from sandbox_callback_deliveries d cross join lateral jsonb_array_elements_text(d.faults) f
      group by d.atom_token_id
    )
    select st.merch_txn_id as "merchTxnId", st.atom_txn_id::text as "gatewayAtomTxnId",
           st.amount::float8 as amount, st.surcharge_amount::float8 as surcharge,
           pa.status as "attemptStatus", pa.atom_txn_id as "attemptAtomTxnId",
           o.status as "orderStatus", o.atom_txn_id as "orderAtomTxnId",
           o.total_amount as "orderTotal", o.surcharge_amount as "orderSurcharge",
           fl.attempt_id is not null as "flaggedExtra",
           coalesce(fa.faults, '{}'::text[]) as faults, coalesce(ds.statuses, '{}'::text[]) as "deliveryStatuses"
    from sandbox_transactions st
    left join payment_attempts pa on pa.merch_txn_id = st.merch_txn_id
    left join orders o on o.id = pa.order_id
    left join flagged fl on fl.attempt_id = pa.id
    left join statuses ds on ds.atom_token_id = st.atom_token_id
    left join faults fa on fa.atom_token_id = st.atom_token_id
    where st.status = 'success'`;
  for (const row of successes) {
    const id = row.merchTxnId;
    if (row.attemptStatus === null) {
      findings.add("gateway success unknown to the shop", id);
      continue;
    }
    if (row.attemptStatus !== "completed") {
      findings.add(
        `attempt ${row.attemptStatus}: ${callbackCause(row.faults, row.deliveryStatuses)}`,
        `${id}: gateway success, attempt ${row.attemptStatus}`,
      );
      continue;
    }
    if (row.attemptAtomTxnId !== row.gatewayAtomTxnId) {
      findings.add(
        "attempt completed with another atomTxnId",
        `${id}: ${row.attemptAtomTxnId} ≠ ${row.gatewayAtomTxnId}`,
      );
      continue;
    }
    const paidByIt = PAID_LIKE.includes(row.orderStatus ?? "") && row.orderAtomTxnId === row.gatewayAtomTxnId;
    if (paidByIt) {
      if (row.orderTotal !== row.amount || row.orderSurcharge !== row.surcharge) {
        findings.add(
          "order paid with another amount",
          `${id}: order ${row.orderTotal}+${row.orderSurcharge}, gateway ${row.amount}+${row.surcharge}`,
        );
      }
    } else if (!row.flaggedExtra) {
      findings.add(
        "completed but order neither paid by it nor flagged",
        `${id}: order ${row.orderStatus}, not flagged duplicate_payment/paid_after_cancel`,
      );
    }
  }

  const phantoms = await sql<Array<{ merchTxnId: string; gatewayStatus: string | null }>>`
    select pa.merch_txn_id as "merchTxnId", st.status as "gatewayStatus"
    from payment_attempts pa
    left join sandbox_transactions st on st.merch_txn_id = pa.merch_txn_id
    where pa.status = 'completed' and (st.status is distinct from 'success' or st.atom_txn_id::text <> pa.atom_txn_id)`;
  for (const row of phantoms) {
    findings.add("attempt completed without a gateway success", `${row.merchTxnId}: gateway ${row.gatewayStatus}`);
  }

  const paidEvents = await sql<Array<{ orderId: string; status: string; paidEvents: number; paidByGateway: boolean }>>`
    with paid_events as (
      select order_id, count(*)::int as count from payment_events where type = 'order_paid' group by order_id
    ), gateway_paid as (
      select distinct pa.order_id, st.atom_txn_id::text as atom_txn_id
      from payment_attempts pa join sandbox_transactions st on st.merch_txn_id = pa.merch_txn_id
      where st.status = 'success'
    )
    select o.id as "orderId", o.status, coalesce(pe.count, 0) as "paidEvents", gp.order_id is not null as "paidByGateway"
    from orders o
    left join paid_events pe on pe.order_id = o.id
    left join gateway_paid gp on gp.order_id = o.id and gp.atom_txn_id = o.atom_txn_id`;
  let paidOrders = 0;
  for (const row of paidEvents) {
    const paid = PAID_LIKE.includes(row.status);
    if (paid) paidOrders += 1;
    if (paid && row.paidEvents !== 1)
      findings.add("paid order without exactly one order_paid", `${row.orderId}: ${row.paidEvents}`);
    if (!paid && row.paidEvents !== 0) findings.add("unpaid order with order_paid", `${row.orderId}: ${row.status}`);
    if (paid && !row.paidByGateway) findings.add("paid order without its gateway success", row.orderId);
  }
  const completed = successes.filter((row) => row.attemptStatus === "completed").length;
  return findings.result(
    "1 every gateway success paid exactly once",
    `${successes.length} gateway successes, ${completed} recorded completed, ${paidOrders} paid orders, ${phantoms.length} completed without a gateway success`,
  );
}

/** 2. Every refund is at the gateway at most once, and matches the shop's. */
async function checkRefundsAtMostOnce(sql: postgres.Sql): Promise<InvariantResult> {
  const findings = new Findings();
  const repeated = await sql<Array<{ prodRefundId: string; copies: number }>>`
    select prod_refund_id as "prodRefundId", count(*)::int as copies
    from sandbox_refunds group by merch_id, prod_refund_id having count(*) > 1`;
  for (const row of repeated)
    findings.add("prodRefundId refunded twice at the gateway", `${row.prodRefundId} ×${row.copies}`);

  const shopRefunds = await sql<
    Array<{
      prodRefundId: string;
      status: string;
      amount: number;
      refundTxnId: string | null;
      gatewayAmount: number | null;
      gatewayRefundTxnId: string | null;
      attemptMerchTxnId: string;
      gatewayMerchTxnId: string | null;
    }>
  >`
    select r.prod_refund_id as "prodRefundId", r.status, r.refund_amount as amount, r.refund_txn_id as "refundTxnId",
           sr.amount::float8 as "gatewayAmount", sr.refund_txn_id::text as "gatewayRefundTxnId",
           pa.merch_txn_id as "attemptMerchTxnId", st.merch_txn_id as "gatewayMerchTxnId"
    from refunds r
    join payment_attempts pa on pa.id = r.attempt_id
    left join sandbox_refunds sr on sr.prod_refund_id = r.prod_refund_id
    left join sandbox_transactions st on st.atom_token_id = sr.atom_token_id`;
  for (const row of shopRefunds) {
    const id = row.prodRefundId;
    const atGateway = row.gatewayRefundTxnId !== null;
    if (atGateway && row.gatewayMerchTxnId !== row.attemptMerchTxnId) {
      findings.add("refunded from another payment", `${id}: ${row.gatewayMerchTxnId} ≠ ${row.attemptMerchTxnId}`);
    }
    if (row.status === "completed") {
      if (!atGateway) findings.add("completed in the shop, unknown to the gateway", id);
      else if (row.gatewayAmount !== row.amount) {
        findings.add("amount differs from the gateway's", `${id}: shop ${row.amount}, gateway ${row.gatewayAmount}`);
      } else if (row.refundTxnId !== row.gatewayRefundTxnId) {
        findings.add("refundTxnId differs from the gateway's", `${id}: ${row.refundTxnId} ≠ ${row.gatewayRefundTxnId}`);
      }
    }
    if ((row.status === "failed" || row.status === "requested") && atGateway) {
      findings.add(`${row.status} in the shop, refunded at the gateway`, id);
    }
  }

  const orphans = await sql<Array<{ prodRefundId: string }>>`
    select sr.prod_refund_id as "prodRefundId" from sandbox_refunds sr
    where not exists (select 1 from refunds r where r.prod_refund_id = sr.prod_refund_id)`;
  for (const row of orphans) findings.add("gateway refund without a shop refund", row.prodRefundId);

  const [gateway] = await sql<Array<{ count: number }>>`select count(*)::int as count from sandbox_refunds`;
  const completed = shopRefunds.filter((row) => row.status === "completed").length;
  return findings.result(
    "2 every refund at the gateway at most once",
    `${shopRefunds.length} shop refunds (${completed} completed), ${gateway!.count} gateway refunds, ${repeated.length} repeated prodRefundIds, ${orphans.length} without a shop refund`,
  );
}

/** 3. Refunds never exceed what was paid; the order's refunded total is its own payment's completed refunds. */
async function checkRefundsWithinPaid(sql: postgres.Sql): Promise<InvariantResult> {
  const findings = new Findings();
  const attempts = await sql<Array<{ merchTxnId: string; status: string; paidTotal: number; refunded: number }>>`
    select pa.merch_txn_id as "merchTxnId", pa.status,
           coalesce(pa.total_amount, pa.amount + coalesce(pa.surcharge_amount, 0)) as "paidTotal",
           sum(r.refund_amount) filter (where r.status = 'completed')::float8 as refunded
    from payment_attempts pa join refunds r on r.attempt_id = pa.id
    group by pa.id
    having count(*) filter (where r.status = 'completed') > 0`;
  for (const row of attempts) {
    if (row.status !== "completed")
      findings.add("refund completed on an unpaid attempt", `${row.merchTxnId}: ${row.status}`);
    else if (row.refunded > row.paidTotal) {
      findings.add("attempt refunded above what it paid", `${row.merchTxnId}: ${row.refunded} > ${row.paidTotal}`);
    }
  }
  const orders = await sql<
    Array<{
      orderId: string;
      status: string;
      totalAmount: number;
      refundedAmount: number;
      ownCompleted: number;
      allCompleted: number;
      paidTotal: number;
    }>
  >`
    select o.id as "orderId", o.status, o.total_amount as "totalAmount", o.refunded_amount as "refundedAmount",
           coalesce(sum(r.refund_amount) filter (where r.status = 'completed' and pa.atom_txn_id = o.atom_txn_id), 0)::float8
             as "ownCompleted",
           coalesce(sum(r.refund_amount) filter (where r.status = 'completed'), 0)::float8 as "allCompleted",
           (select coalesce(sum(coalesce(p.total_amount, p.amount + coalesce(p.surcharge_amount, 0))), 0)
              from payment_attempts p where p.order_id = o.id and p.status = 'completed')::float8 as "paidTotal"
    from orders o
    left join refunds r on r.order_id = o.id
    left join payment_attempts pa on pa.id = r.attempt_id
    group by o.id`;
  let refundedOrders = 0;
  for (const row of orders) {
    if (row.refundedAmount > 0) refundedOrders += 1;
    if (row.allCompleted > row.paidTotal) {
      findings.add("order refunded above what it paid", `${row.orderId}: ${row.allCompleted} > ${row.paidTotal}`);
    }
    if (row.refundedAmount !== row.ownCompleted) {
      findings.add(
        "refunded_amount ≠ completed refunds of its own payment",
        `${row.orderId}: ${row.refundedAmount} ≠ ${row.ownCompleted}`,
      );
    }
    if ((row.status === "refunded") !== (row.refundedAmount === row.totalAmount)) {
      findings.add(
        "status refunded ⇎ fully refunded",
        `${row.orderId}: ${row.status}, refunded ${row.refundedAmount} of ${row.totalAmount}`,
      );
    }
  }
  return findings.result(
    "3 refunds never exceed what was paid",
    `${attempts.length} attempts and ${refundedOrders} orders with completed refunds`,
  );
}

/** 4. Nothing left pending or processing past its horizon. */
async function checkNothingLeftOpen(sql: postgres.Sql, horizonSeconds: number): Promise<InvariantResult> {
  const findings = new Findings();
  const overdueAfter = horizonSeconds + HORIZON_GRACE_SECONDS;
  const attempts = await sql<Array<{ merchTxnId: string; status: string; ageSeconds: number; gateway: string | null }>>`
    select pa.merch_txn_id as "merchTxnId", pa.status,
           extract(epoch from now() - pa.created_at)::int as "ageSeconds", st.status as gateway
    from payment_attempts pa left join sandbox_transactions st on st.merch_txn_id = pa.merch_txn_id
    where pa.status in ('initializing', 'token_generated', 'user_payment')`;
  const overdue = attempts.filter((row) => row.ageSeconds > overdueAfter);
  for (const row of overdue) {
    findings.add(
      `attempt ${row.status}, gateway ${row.gateway === "created" ? "never paid" : (row.gateway ?? "no record")}`,
      `${row.merchTxnId}: ${row.status} for ${row.ageSeconds} s`,
    );
  }
  const refunds = await sql<Array<{ prodRefundId: string; status: string; atGateway: boolean }>>`
    select r.prod_refund_id as "prodRefundId", r.status,
           exists (select 1 from sandbox_refunds sr where sr.prod_refund_id = r.prod_refund_id) as "atGateway"
    from refunds r where r.status in ('requested', 'processing')`;
  for (const row of refunds) {
    findings.add(
      `refund ${row.status}, ${row.atGateway ? "refunded" : "not refunded"} at the gateway`,
      `${row.prodRefundId}: ${row.status}`,
    );
  }
  return findings.result(
    "4 nothing left open past its horizon",
    `${attempts.length} attempts open (${overdue.length} older than ${overdueAfter} s), ${refunds.length} refunds requested/processing`,
  );
}

/** 5. Every tampered or corrupt-signature callback is flagged or refused, and never applied. */
async function checkTamperedAndCorruptRefused(sql: postgres.Sql): Promise<InvariantResult> {
  const findings = new Findings();
  const rows = await sql<
    Array<{
      merchTxnId: string;
      corrupt: boolean;
      trueAmount: number;
      trueSurcharge: number;
      answers: number[];
      attemptStatus: string;
      attemptAmount: number;
      attemptTotal: number | null;
      needsReview: boolean;
      mismatchFlagged: boolean;
      callbackEvents: string[];
      paidBy: string | null;
    }>
  >`
    with faulted as (
      select atom_token_id, bool_or(faults ? 'corruptSignature') as corrupt
      from sandbox_callback_deliveries where faults ?| array['tamperAmount', 'corruptSignature']
      group by atom_token_id
    ), answers as (
      select d.atom_token_id, array_agg(a.http_status) as answers
      from sandbox_callback_attempts a
      join sandbox_callback_deliveries d on d.id = a.delivery_id
      join faulted f on f.atom_token_id = d.atom_token_id
      where a.http_status is not null
      group by d.atom_token_id
    ), faulted_attempts as (
      select pa.id, st.atom_token_id from faulted f
      join sandbox_transactions st on st.atom_token_id = f.atom_token_id
      join payment_attempts pa on pa.merch_txn_id = st.merch_txn_id
    ), events as (
      select e.attempt_id, bool_or(e.type = 'result_mismatch') as mismatch,
             coalesce(array_agg(e.type) filter (where e.source = 'callback'), '{}'::text[]) as callback_events,
             (array_agg(e.source order by e.id) filter (where e.type = 'payment_succeeded'))[1] as paid_by
      from payment_events e join faulted_attempts fa on fa.id = e.attempt_id
      group by e.attempt_id
    )
    select st.merch_txn_id as "merchTxnId", f.corrupt,
           st.amount::float8 as "trueAmount", st.surcharge_amount::float8 as "trueSurcharge",
           coalesce(an.answers, '{}'::int[]) as answers,
           pa.status as "attemptStatus", pa.amount as "attemptAmount", pa.total_amount as "attemptTotal",
           o.needs_review as "needsReview", coalesce(ev.mismatch, false) as "mismatchFlagged",
           coalesce(ev.callback_events, '{}'::text[]) as "callbackEvents", ev.paid_by as "paidBy"
    from faulted f
    join sandbox_transactions st on st.atom_token_id = f.atom_token_id
    join payment_attempts pa on pa.merch_txn_id = st.merch_txn_id
    join orders o on o.id = pa.order_id
    left join answers an on an.atom_token_id = f.atom_token_id
    left join events ev on ev.attempt_id = pa.id`;
  let reached = 0;
  for (const row of rows) {
    const id = row.merchTxnId;
    const kind = row.corrupt ? "corrupt signature" : "tampered amount";
    if (row.answers.some((status) => status >= 200 && status < 300)) findings.add(`${kind} answered 2xx`, id);
    if (row.answers.length > 0) reached += 1;
    if (row.corrupt) {
      if (row.callbackEvents.length > 0) {
        findings.add("corrupt signature changed the timeline", `${id}: ${row.callbackEvents.join(", ")}`);
      }
    } else {
      if (row.answers.length > 0 && !(row.mismatchFlagged && row.needsReview)) {
        findings.add(
          "tampered amount not flagged",
          `${id}: result_mismatch ${row.mismatchFlagged}, needs_review ${row.needsReview}`,
        );
      }
      const applied = row.callbackEvents.filter((type) => type !== "result_mismatch");
      if (applied.length > 0) findings.add("tampered amount applied", `${id}: ${applied.join(", ")}`);
    }
    if (row.attemptStatus === "completed") {
      if (row.paidBy === "callback") findings.add(`${kind} paid the attempt`, id);
      if (row.attemptAmount !== row.trueAmount || row.attemptTotal !== row.trueAmount + row.trueSurcharge) {
        findings.add(
          "paid with an amount other than the true one",
          `${id}: ${row.attemptAmount}/${row.attemptTotal}, true ${row.trueAmount}+${row.trueSurcharge}`,
        );
      }
    }
  }
  const corrupt = rows.filter((row) => row.corrupt).length;
  return findings.result(
    "5 tampered and corrupt callbacks flagged or refused",
    `${rows.length - corrupt} tampered and ${corrupt} corrupt payments, ${reached} of them reached the shop`,
  );
}

/**
 * 6. Every unit that left the shelf is held by one order line, and only by an order that
 * may hold it: a paid one (all of its lines), or an unpaid one with a payment still open.
 * A cancelled order, or an unpaid one whose payments all ended, holds nothing.
 */
async function checkStockHeldOnce(sql: postgres.Sql): Promise<InvariantResult> {
  const findings = new Findings();
  const products = await sql<Array<{ name: string; stock: number; held: number }>>`
    select p.name, p.stock, coalesce(sum(oi.held_quantity), 0)::int as held
    from products p left join order_items oi on oi.product_id = p.id
    group by p.id`;
  for (const row of products) {
    if (SOAK_STOCK - row.stock !== row.held)
      findings.add(
        "units taken differ from units held",
        `${row.name}: ${SOAK_STOCK - row.stock} taken, ${row.held} held`,
      );
  }
  const orders = await sql<Array<{ orderId: string; status: string; held: number; quantity: number; open: boolean }>>`
    select o.id as "orderId", o.status, sum(oi.held_quantity)::int as held, sum(oi.quantity)::int as quantity,
           exists (select 1 from payment_attempts pa where pa.order_id = o.id
                   and pa.status in ('initializing', 'token_generated', 'user_payment')) as open
    from orders o join order_items oi on oi.order_id = o.id
    group by o.id`;
  for (const row of orders) {
    const paid = PAID_LIKE.includes(row.status);
    if (paid && row.held !== row.quantity)
      findings.add(`${row.status} order holding part of its goods`, `${row.orderId}: ${row.held} of ${row.quantity}`);
    if (!paid && row.held > 0 && (row.status === "cancelled" || !row.open))
      findings.add(`${row.status} order holding stock without an open payment`, `${row.orderId}: ${row.held}`);
  }
  const held = orders.reduce((sum, row) => sum + row.held, 0);
  return findings.result(
    "6 stock taken once, held only while it may be",
    `${products.length} products, ${held} units held by ${orders.filter((row) => row.held > 0).length} of ${orders.length} orders`,
  );
}
