import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { inList } from "./check-helpers";

// The embedded Atom sandbox's own records (lib/atom-sandbox): what the gateway would
// keep on its side. Nothing here is read by the shop; amounts are integer paise held in
// bigint, because the gateway accepts amounts of up to ten rupee digits.

/** created: token issued; pending: awaiting the "bank"; success / failed: final. */
export const SANDBOX_TRANSACTION_STATUSES = ["created", "pending", "success", "failed"] as const;
export const SANDBOX_DELIVERY_STATUSES = ["scheduled", "delivered", "failed", "dropped"] as const;
export const SANDBOX_APIS = ["auth", "status", "refund", "refundStatus"] as const;

export type SandboxTransactionStatus = (typeof SANDBOX_TRANSACTION_STATUSES)[number];
export type SandboxDeliveryStatus = (typeof SANDBOX_DELIVERY_STATUSES)[number];
export type SandboxApi = (typeof SANDBOX_APIS)[number];

const paise = (name: string) => bigint(name, { mode: "number" });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** One AUTH token and the payment made on it (the sandbox allows one payment per token). */
export const sandboxTransactions = pgTable(
  "sandbox_transactions",
  {
    atomTokenId: text("atom_token_id").primaryKey(),
    // Numeric and unique like the gateway's; only shown once a payment is made.
    atomTxnId: bigint("atom_txn_id", { mode: "number" })
      .notNull()
      .generatedAlwaysAsIdentity({ startWith: 11_000_000_001 }),
    merchId: text("merch_id").notNull(),
    merchTxnId: text("merch_txn_id").notNull(),
    // As the merchant sent it ("YYYY-MM-DD hh:mm:ss", India time): echoed back verbatim.
    merchTxnDate: text("merch_txn_date").notNull(),
    amount: paise("amount").notNull(),
    currency: text("currency").notNull(),
    /** [{ prodName, prodAmount }] with prodAmount in paise. */
    products: jsonb("products").$type<Array<{ prodName: string; prodAmount: number }>>().notNull(),
    custEmail: text("cust_email").notNull(),
    custMobile: text("cust_mobile").notNull(),
    /** AUTH subChannel hint, if the merchant gave one. */
    requestedSubChannel: text("requested_sub_channel"),
    /** The decrypted AUTH request without the password. */
    authRequest: jsonb("auth_request").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: SANDBOX_TRANSACTION_STATUSES }).notNull().default("created"),
    returnUrl: text("return_url"),
    subChannel: text("sub_channel"),
    bankTxnId: text("bank_txn_id"),
    bankDetails: jsonb("bank_details").$type<Record<string, string | number>>(),
    surchargeAmount: paise("surcharge_amount").notNull().default(0),
    statusCode: text("status_code"),
    statusMessage: text("status_message"),
    statusDescription: text("status_description"),
    // A pending payment settles to settle_outcome at settle_at (timer, or on the next read).
    settleAt: at("settle_at"),
    settleOutcome: text("settle_outcome", { enum: ["success", "failed"] }),
    refundedAmount: paise("refunded_amount").notNull().default(0),
    paymentStartedAt: at("payment_started_at"),
    completedAt: at("completed_at"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("sandbox_transactions_merch_txn_unique").on(table.merchId, table.merchTxnId),
    uniqueIndex("sandbox_transactions_atom_txn_id_unique").on(table.atomTxnId),
    index("sandbox_transactions_settle_idx").on(table.status, table.settleAt),
    check("sandbox_transactions_status_check", sql`${table.status} in (${inList(SANDBOX_TRANSACTION_STATUSES)})`),
    check("sandbox_transactions_amount_positive", sql`${table.amount} > 0`),
    check(
      "sandbox_transactions_refunded_within_paid",
      sql`${table.refundedAmount} >= 0 and ${table.refundedAmount} <= ${table.amount} + ${table.surchargeAmount}`,
    ),
  ],
);

/** One accepted refund line; prodRefundId is the merchant's id, unique per merchant. */
export const sandboxRefunds = pgTable(
  "sandbox_refunds",
  {
    refundTxnId: bigint("refund_txn_id", { mode: "number" })
      .primaryKey()
      .generatedAlwaysAsIdentity({ startWith: 2_100_000_001 }),
    atomTokenId: text("atom_token_id")
      .notNull()
      .references(() => sandboxTransactions.atomTokenId, { onDelete: "cascade" }),
    merchId: text("merch_id").notNull(),
    prodRefundId: text("prod_refund_id").notNull(),
    prodName: text("prod_name").notNull(),
    amount: paise("amount").notNull(),
    description: text("description").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("sandbox_refunds_prod_refund_id_unique").on(table.merchId, table.prodRefundId),
    index("sandbox_refunds_token_idx").on(table.atomTokenId),
    check("sandbox_refunds_amount_positive", sql`${table.amount} > 0`),
  ],
);

/** One server-to-server callback copy (a duplicated callback is several rows). */
export const sandboxCallbackDeliveries = pgTable(
  "sandbox_callback_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    atomTokenId: text("atom_token_id")
      .notNull()
      .references(() => sandboxTransactions.atomTokenId, { onDelete: "cascade" }),
    merchTxnId: text("merch_txn_id").notNull(),
    targetUrl: text("target_url").notNull(),
    /** The form body as sent (encrypted; holds no key). */
    body: text("body").notNull(),
    /** The decrypted JSON that was encrypted into body, for tests and debugging. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** Fault switches applied to this copy (names only), e.g. ["delay", "corruptSignature"]. */
    faults: jsonb("faults").$type<string[]>().notNull().default([]),
    status: text("status", { enum: SANDBOX_DELIVERY_STATUSES }).notNull().default("scheduled"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    // First backoff step; it doubles after each failed attempt.
    retryBaseMs: integer("retry_base_ms").notNull(),
    nextAttemptAt: at("next_attempt_at").notNull(),
    // Set while one process is sending this copy, so no other instance sends it too.
    claimedUntil: at("claimed_until"),
    lastHttpStatus: integer("last_http_status"),
    lastError: text("last_error"),
    deliveredAt: at("delivered_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (table) => [
    index("sandbox_callback_deliveries_token_idx").on(table.atomTokenId, table.createdAt),
    index("sandbox_callback_deliveries_due_idx").on(table.status, table.nextAttemptAt),
    check("sandbox_callback_deliveries_status_check", sql`${table.status} in (${inList(SANDBOX_DELIVERY_STATUSES)})`),
  ],
);

export const sandboxCallbackAttempts = pgTable(
  "sandbox_callback_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => sandboxCallbackDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    httpStatus: integer("http_status"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    startedAt: at("started_at").notNull(),
  },
  (table) => [index("sandbox_callback_attempts_delivery_idx").on(table.deliveryId, table.attempt)],
);

/**
 * Switches for callbacks and pending settlement, per scope: "global",
 * "token:<atomTokenId>" or "merchTxnId:<merchTxnId>". Validated by lib/atom-sandbox on read.
 */
export const sandboxSwitches = pgTable("sandbox_switches", {
  scope: text("scope").primaryKey(),
  callback: jsonb("callback").$type<Record<string, unknown>>(),
  pending: jsonb("pending").$type<Record<string, unknown>>(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** API faults per scope and API; failRemaining counts down atomically (null with failAlways). */
export const sandboxApiFaults = pgTable(
  "sandbox_api_faults",
  {
    scope: text("scope").notNull(),
    api: text("api", { enum: SANDBOX_APIS }).notNull(),
    failAlways: boolean("fail_always").notNull().default(false),
    failRemaining: integer("fail_remaining").notNull().default(0),
    hangMs: integer("hang_ms").notNull().default(0),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.api] }),
    check("sandbox_api_faults_api_check", sql`${table.api} in (${inList(SANDBOX_APIS)})`),
    check("sandbox_api_faults_non_negative", sql`${table.failRemaining} >= 0 and ${table.hangMs} >= 0`),
  ],
);

export type SandboxTransaction = typeof sandboxTransactions.$inferSelect;
export type SandboxRefund = typeof sandboxRefunds.$inferSelect;
export type SandboxCallbackDelivery = typeof sandboxCallbackDeliveries.$inferSelect;
export type SandboxCallbackAttempt = typeof sandboxCallbackAttempts.$inferSelect;
export type SandboxApiFault = typeof sandboxApiFaults.$inferSelect;
