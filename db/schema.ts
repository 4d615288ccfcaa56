import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
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

// Money is always integer paise. Statuses are plain text guarded by CHECK constraints
// whose value lists come from the state machines in lib/ (one list, used by both).

export const USER_ROLES = ["customer", "admin"] as const;
export const ORDER_STATUSES = ["pending", "paid", "shipped", "delivered", "refunded", "cancelled"] as const;
export const PAYMENT_ATTEMPT_STATUSES = [
  "initializing",
  "token_generated",
  "user_payment",
  "payment_success",
  "payment_failed",
  "callback_received",
  "signature_verified",
  "completed",
] as const;
export const REFUND_STATUSES = ["requested", "processing", "completed", "failed"] as const;
export const PAYMENT_EVENT_SOURCES = ["shopper", "callback", "return", "requery", "admin", "system"] as const;
/** What the latest transaction-status requery of an attempt found. */
export const PAYMENT_CHECK_RESULTS = ["success", "failed", "pending", "no_data", "mismatch", "unavailable"] as const;
export const NOTIFICATION_STATUSES = ["pending", "sent", "failed"] as const;
export const NOTIFICATION_CHANNELS = ["smtp", "outbox"] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PaymentAttemptStatus = (typeof PAYMENT_ATTEMPT_STATUSES)[number];
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export type PaymentEventSource = (typeof PAYMENT_EVENT_SOURCES)[number];
export type PaymentCheckResult = (typeof PAYMENT_CHECK_RESULTS)[number];
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull().default("customer"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("users_email_unique").on(table.email),
    check("users_role_check", sql`${table.role} in (${inList(USER_ROLES)})`),
    check("users_email_lowercase", sql`${table.email} = lower(${table.email})`),
  ],
);

/**
 * The catalog's sections (Tea, Spices, …). `position` orders them in the storefront's navigation.
 * Seeded from db/catalog.ts; a product without one is listed only under "All products".
 */
export const categories = pgTable(
  "categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    position: integer("position").notNull().default(0),
  },
  (table) => [uniqueIndex("categories_slug_unique").on(table.slug)],
);

/** PostgreSQL's text-search document type (drizzle-orm has no built-in column for it). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * What the storefront's search matches: the name weighted above the summary, the summary above
 * the description, stemmed with the English configuration (an immutable expression, so it can be
 * a stored generated column, kept current by PostgreSQL on every write and indexed with GIN).
 */
const productSearchDocument = sql`setweight(to_tsvector('english', "name"), 'A') || setweight(to_tsvector('english', "summary"), 'B') || setweight(to_tsvector('english', "description"), 'C')`;

export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    // One line for product cards and the page's meta description; `description` is the full text
    // (paragraphs separated by a blank line).
    summary: text("summary").notNull().default(""),
    description: text("description").notNull(),
    price: integer("price").notNull(),
    image: text("image").notNull(),
    // What the picture shows, for people who cannot see it; empty marks it decorative.
    imageAlt: text("image_alt").notNull().default(""),
    categoryId: uuid("category_id").references(() => categories.id, { onDelete: "set null" }),
    // The shop's own order for "Featured" (lowest first); unranked products follow, by name.
    featuredRank: integer("featured_rank"),
    searchVector: tsvector("search_vector").generatedAlwaysAs(productSearchDocument),
    active: boolean("active").notNull().default(true),
    // Units the shop can still sell: orders take from it when they are placed (a reservation)
    // and give back when they fail, are cancelled or expire (lib/lifecycle/hold-stock.ts).
    stock: integer("stock").notNull().default(0),
    // The GST rate its price includes, in basis points (500 = 5 %): one of the slabs after the
    // September 2025 rationalisation (0, 5, 18, 40 %). The shop confirms rates with its tax adviser.
    gstRateBasisPoints: integer("gst_rate_basis_points").notNull().default(500),
    // Its HSN code (4, 6 or 8 digits), printed on the tax invoice; null when not yet classified.
    hsnCode: text("hsn_code"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("products_slug_unique").on(table.slug),
    check("products_gst_rate_slab", sql`${table.gstRateBasisPoints} in (0, 500, 1800, 4000)`),
    check("products_hsn_code_digits", sql`${table.hsnCode} ~ '^([0-9]{4}|[0-9]{6}|[0-9]{8})$'`),
    check("products_price_positive", sql`${table.price} > 0`),
    check("products_stock_non_negative", sql`${table.stock} >= 0`),
    index("products_category_idx").on(table.categoryId),
    index("products_search_idx").using("gin", table.searchVector),
  ],
);

export const carts = pgTable(
  "carts",
  {
    // A guest cart's id is its bearer secret (held in an httpOnly cookie), so it is random.
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex("carts_user_unique").on(table.userId)],
);

export const cartItems = pgTable(
  "cart_items",
  {
    cartId: uuid("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.cartId, table.productId] }),
    check("cart_items_quantity_range", sql`${table.quantity} between 1 and 99`),
  ],
);

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id),
    email: text("email").notNull(),
    mobile: text("mobile").notNull(),
    // Who the order goes to and where, as the shopper gave them at checkout (a snapshot: later
    // orders or account changes never alter it). Null on orders placed before checkout asked.
    deliveryName: text("delivery_name"),
    deliveryLine1: text("delivery_line1"),
    deliveryLine2: text("delivery_line2"),
    deliveryCity: text("delivery_city"),
    // One of the official list of Indian states and union territories (lib/checkout).
    deliveryState: text("delivery_state"),
    deliveryPinCode: text("delivery_pin_code"),
    // How the parcel travels, captured when an admin marks the order shipped.
    shippingCarrier: text("shipping_carrier"),
    trackingNumber: text("tracking_number"),
    // The latest payment attempt's merchTxnId (each attempt has its own).
    merchTxnId: text("merch_txn_id"),
    // Sum of the order items, in paise: what the shop charges.
    totalAmount: integer("total_amount").notNull(),
    // What the gateway added on top (convenience fee), learned from the verified result.
    surchargeAmount: integer("surcharge_amount").notNull().default(0),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("pending"),
    atomTokenId: text("atom_token_id"),
    atomTxnId: text("atom_txn_id"),
    paymentMethod: text("payment_method"),
    // Identifies the cart contents the order was made from, to reuse a pending order.
    cartFingerprint: text("cart_fingerprint"),
    cartId: uuid("cart_id"),
    needsReview: boolean("needs_review").notNull().default(false),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    shippedAt: timestamp("shipped_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("orders_merch_txn_id_unique").on(table.merchTxnId),
    index("orders_user_created_idx").on(table.userId, table.createdAt),
    index("orders_status_created_idx").on(table.status, table.createdAt),
    // The admin list's sorts, each with the id that breaks ties: a keyset page is one index range.
    index("orders_created_id_idx").on(table.createdAt, table.id),
    index("orders_total_id_idx").on(table.totalAmount, table.id),
    index("orders_refunded_id_idx").on(table.refundedAmount, table.id),
    index("orders_status_id_idx").on(table.status, table.id),
    index("orders_email_id_idx").on(table.email, table.id),
    // The admin search by a fragment of the email (ILIKE '%…%'): trigrams, from pg_trgm.
    index("orders_email_trgm_idx").using("gin", table.email.op("gin_trgm_ops")),
    index("orders_payment_method_created_idx").on(table.paymentMethod, table.createdAt),
    // The few orders flagged for review, for the list's "needs attention" filter.
    index("orders_needs_review_idx")
      .on(table.id)
      .where(sql`${table.needsReview}`),
    index("orders_atom_txn_id_idx").on(table.atomTxnId),
    index("orders_cart_pending_idx").on(table.cartId, table.status),
    check("orders_status_check", sql`${table.status} in (${inList(ORDER_STATUSES)})`),
    check("orders_total_positive", sql`${table.totalAmount} > 0`),
    check("orders_surcharge_non_negative", sql`${table.surchargeAmount} >= 0`),
    check("orders_delivery_pin_code_format", sql`${table.deliveryPinCode} ~ '^[1-9][0-9]{5}$'`),
    check(
      "orders_refunded_within_paid",
      sql`${table.refundedAmount} >= 0 and ${table.refundedAmount} <= ${table.totalAmount} + ${table.surchargeAmount}`,
    ),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    name: text("name").notNull(),
    unitPrice: integer("unit_price").notNull(),
    quantity: integer("quantity").notNull(),
    // Units of this line the order holds from the product's stock: the quantity while it is
    // reserved or sold, 0 once released (fewer than the quantity for an oversold line).
    // Taking and giving back move this and products.stock together, so neither happens twice.
    heldQuantity: integer("held_quantity").notNull().default(0),
    // The product's GST rate and HSN code when the order was placed, so a later change to the
    // product does not rewrite a placed order's invoice. Null on orders placed before these
    // columns existed: such a line is 5 % (lib/gst.ts, LEGACY_GST_RATE_BASIS_POINTS), no HSN.
    gstRateBasisPoints: integer("gst_rate_basis_points"),
    hsnCode: text("hsn_code"),
  },
  (table) => [
    index("order_items_order_idx").on(table.orderId),
    check("order_items_unit_price_positive", sql`${table.unitPrice} > 0`),
    check("order_items_quantity_positive", sql`${table.quantity} > 0`),
    check(
      "order_items_held_within_quantity",
      sql`${table.heldQuantity} >= 0 and ${table.heldQuantity} <= ${table.quantity}`,
    ),
  ],
);

export const paymentAttempts = pgTable(
  "payment_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    merchTxnId: text("merch_txn_id").notNull(),
    merchTxnDate: timestamp("merch_txn_date", { withTimezone: true }).notNull(),
    amount: integer("amount").notNull(),
    status: text("status", { enum: PAYMENT_ATTEMPT_STATUSES }).notNull().default("initializing"),
    atomTokenId: text("atom_token_id"),
    atomTxnId: text("atom_txn_id"),
    bankTxnId: text("bank_txn_id"),
    surchargeAmount: integer("surcharge_amount"),
    totalAmount: integer("total_amount"),
    paymentMethod: text("payment_method"),
    statusCode: text("status_code"),
    statusMessage: text("status_message"),
    // The decrypted, verified gateway payload (it carries no secrets).
    gatewayPayload: jsonb("gateway_payload"),
    // The requery schedule: when the transaction-status API is next asked about this
    // attempt (also the lease of the instance asking), how often it was, and what it said.
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
    checkCount: integer("check_count").notNull().default(0),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lastCheckResult: text("last_check_result", { enum: PAYMENT_CHECK_RESULTS }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("payment_attempts_merch_txn_id_unique").on(table.merchTxnId),
    // The gateway's transaction id belongs to one attempt only: a result carrying another
    // attempt's atomTxnId is a replay.
    uniqueIndex("payment_attempts_atom_txn_id_unique").on(table.atomTxnId),
    index("payment_attempts_order_idx").on(table.orderId, table.createdAt),
    index("payment_attempts_status_updated_idx").on(table.status, table.updatedAt),
    index("payment_attempts_next_check_idx").on(table.nextCheckAt),
    // The dashboard's payment success rate, hour by hour.
    index("payment_attempts_created_idx").on(table.createdAt),
    check("payment_attempts_status_check", sql`${table.status} in (${inList(PAYMENT_ATTEMPT_STATUSES)})`),
    check(
      "payment_attempts_last_check_result_check",
      sql`${table.lastCheckResult} is null or ${table.lastCheckResult} in (${inList(PAYMENT_CHECK_RESULTS)})`,
    ),
    check("payment_attempts_amount_positive", sql`${table.amount} > 0`),
    check(
      "payment_attempts_surcharge_non_negative",
      sql`${table.surchargeAmount} is null or ${table.surchargeAmount} >= 0`,
    ),
  ],
);

export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    // The payment the money goes back from: the order's own, or an extra one (paid twice,
    // or paid after cancelling). REFUND and REFUNDSTATUS name this attempt's ids.
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => paymentAttempts.id),
    refundAmount: integer("refund_amount").notNull(),
    // The merchant's own id for the refund line, sent as prodRefundId: stable across retries.
    prodRefundId: text("prod_refund_id").notNull(),
    refundTxnId: text("refund_txn_id"),
    status: text("status", { enum: REFUND_STATUSES }).notNull().default("requested"),
    reason: text("reason").notNull(),
    requestedBy: uuid("requested_by").references(() => users.id),
    // Makes a double-submitted admin form create one refund.
    idempotencyKey: text("idempotency_key"),
    // The admin asked for the order's items to go back in stock when this (full) refund completes.
    restock: boolean("restock").notNull().default(false),
    gatewayStatusCode: text("gateway_status_code"),
    gatewayMessage: text("gateway_message"),
    // The sync schedule: when REFUNDSTATUS is next asked (also the asking instance's lease),
    // how often it was, and how often REFUND was sent (always under the same prodRefundId).
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
    checkCount: integer("check_count").notNull().default(0),
    sendCount: integer("send_count").notNull().default(0),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("refunds_order_idx").on(table.orderId, table.createdAt),
    // The admin's refunds list, newest first, a keyset page at a time.
    index("refunds_created_id_idx").on(table.createdAt, table.id),
    // The refunds list's totals per state: read from the index alone, not the table.
    index("refunds_status_amount_idx").on(table.status, table.refundAmount),
    index("refunds_attempt_idx").on(table.attemptId, table.status),
    index("refunds_status_updated_idx").on(table.status, table.updatedAt),
    index("refunds_next_check_idx").on(table.nextCheckAt),
    uniqueIndex("refunds_prod_refund_id_unique").on(table.prodRefundId),
    uniqueIndex("refunds_refund_txn_id_unique").on(table.refundTxnId),
    uniqueIndex("refunds_idempotency_key_unique").on(table.idempotencyKey),
    check("refunds_status_check", sql`${table.status} in (${inList(REFUND_STATUSES)})`),
    check("refunds_amount_positive", sql`${table.refundAmount} > 0`),
  ],
);

// What an item refund gives back, line by line: how many units of which order line, and the
// paise they come to (their share of what the line cost). A refund by amount has no rows here.
// The units still refundable of a line are its quantity less those of its refunds that have
// not failed (lib/refunds/refundable.ts); the refund's own `restock` says whether they go
// back in stock when it completes.
export const refundItems = pgTable(
  "refund_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    refundId: uuid("refund_id")
      .notNull()
      .references(() => refunds.id, { onDelete: "cascade" }),
    orderItemId: uuid("order_item_id")
      .notNull()
      .references(() => orderItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    amount: integer("amount").notNull(),
  },
  (table) => [
    uniqueIndex("refund_items_refund_line_unique").on(table.refundId, table.orderItemId),
    index("refund_items_order_item_idx").on(table.orderItemId),
    check("refund_items_quantity_positive", sql`${table.quantity} > 0`),
    check("refund_items_amount_positive", sql`${table.amount} > 0`),
  ],
);

// Tokens for machines calling the admin API (`Authorization: Bearer …`): each belongs to a
// user and acts with that user's role, so it stops working when the user is no longer an
// admin. Only a SHA-256 digest of the token is kept; the token is shown once, when made.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // What the token is for ("accounting export"), chosen when it is made.
    name: text("name").notNull(),
    tokenDigest: text("token_digest").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("api_tokens_digest_unique").on(table.tokenDigest),
    index("api_tokens_user_idx").on(table.userId),
  ],
);

export const paymentEvents = pgTable(
  "payment_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    attemptId: uuid("attempt_id").references(() => paymentAttempts.id),
    refundId: uuid("refund_id").references(() => refunds.id),
    type: text("type").notNull(),
    source: text("source", { enum: PAYMENT_EVENT_SOURCES }).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorEmail: text("actor_email"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [
    index("payment_events_order_idx").on(table.orderId, table.id),
    // "Has this attempt's timeline already got that event?" (flags and stale tries, per result).
    index("payment_events_attempt_idx").on(table.attemptId, table.type),
    check("payment_events_source_check", sql`${table.source} in (${inList(PAYMENT_EVENT_SOURCES)})`),
  ],
);

// The needs-attention list: what the shop cannot put right by itself, with the reason.
// One item per subject (`subjectKey`), ever: a check that runs again adds nothing, and an
// item an admin resolved is not opened again.
export const attentionItems = pgTable(
  "attention_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    subjectKey: text("subject_key").notNull(),
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    resolutionNote: text("resolution_note"),
  },
  (table) => [
    uniqueIndex("attention_items_subject_unique").on(table.subjectKey),
    index("attention_items_open_idx").on(table.resolvedAt),
    index("attention_items_opened_idx").on(table.openedAt),
  ],
);

// The outbox: every notification (to the admins, or to a shopper) is written here in the
// transaction that caused it, then sent by the job runner (SMTP when configured; otherwise it
// stays readable in /admin).
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    // What caused it, so a cause written twice (a retried job) notifies once.
    dedupeKey: text("dedupe_key").notNull(),
    orderId: uuid("order_id").references(() => orders.id, { onDelete: "cascade" }),
    // The shopper's address for a shopper's email; null for a notice to the admins.
    recipient: text("recipient"),
    subject: text("subject").notNull(),
    // The plain-text body; html is the same message rendered for mail clients (shopper emails).
    body: text("body").notNull(),
    html: text("html"),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("pending"),
    channel: text("channel", { enum: NOTIFICATION_CHANNELS }),
    attempts: integer("attempts").notNull().default(0),
    // When the sender may next try (also the sending instance's lease).
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("notifications_dedupe_key_unique").on(table.dedupeKey),
    index("notifications_due_idx").on(table.status, table.nextAttemptAt),
    index("notifications_created_idx").on(table.createdAt),
    check("notifications_status_check", sql`${table.status} in (${inList(NOTIFICATION_STATUSES)})`),
    check(
      "notifications_channel_check",
      sql`${table.channel} is null or ${table.channel} in (${inList(NOTIFICATION_CHANNELS)})`,
    ),
  ],
);

// One row per background job: when it last ran (any instance), what it did, and the lease
// that keeps a periodic job (the consistency check) to one instance at a time.
export const jobRuns = pgTable("job_runs", {
  name: text("name").primaryKey(),
  leaseUntil: timestamp("lease_until", { withTimezone: true }),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastFinishedAt: timestamp("last_finished_at", { withTimezone: true }),
  lastItems: integer("last_items").notNull().default(0),
  lastError: text("last_error"),
  runs: integer("runs").notNull().default(0),
});

// The gateway's health, hour by hour, for the admin's dashboard: every instance adds its
// calls and the messages it received to the hour's row (an upsert), so the dashboard reads
// a few hundred rows whatever the shop's size. Prometheus gets the same figures per
// instance from /api/metrics.
export const GATEWAY_APIS = ["AUTH", "STATUS", "REFUND", "REFUNDSTATUS"] as const;
/** "ok", or the class of the error that ended the call (lib/atom's AtomErrorKind). */
export const GATEWAY_CALL_OUTCOMES = ["ok", "configuration", "signature", "validation", "system", "other"] as const;
export const GATEWAY_MESSAGE_SOURCES = ["callback", "return"] as const;
export const GATEWAY_MESSAGE_RESULTS = ["applied", "duplicate", "rejected"] as const;
/** Why a message was rejected ("none" when it was not). */
export const GATEWAY_MESSAGE_REJECTIONS = [
  "none",
  "malformed",
  "signature",
  "unknown_attempt",
  "mismatch",
  "other",
] as const;

// One row per hour, API and outcome: how many calls (each request sent counts, retries
// too; a call refused before sending counts with `unanswered`), how many got no HTTP
// answer, and their summed duration.
export const gatewayCallHours = pgTable(
  "gateway_call_hours",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    api: text("api", { enum: GATEWAY_APIS }).notNull(),
    outcome: text("outcome", { enum: GATEWAY_CALL_OUTCOMES }).notNull(),
    calls: integer("calls").notNull().default(0),
    unanswered: integer("unanswered").notNull().default(0),
    durationMsTotal: bigint("duration_ms_total", { mode: "number" }).notNull().default(0),
    durationMsMax: integer("duration_ms_max").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.hour, table.api, table.outcome] }),
    check("gateway_call_hours_api_check", sql`${table.api} in (${inList(GATEWAY_APIS)})`),
    check("gateway_call_hours_outcome_check", sql`${table.outcome} in (${inList(GATEWAY_CALL_OUTCOMES)})`),
  ],
);

// One row per hour, source, result and rejection reason: the callbacks and browser
// returns the shop received, signature failures among them.
export const gatewayMessageHours = pgTable(
  "gateway_message_hours",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    source: text("source", { enum: GATEWAY_MESSAGE_SOURCES }).notNull(),
    result: text("result", { enum: GATEWAY_MESSAGE_RESULTS }).notNull(),
    rejection: text("rejection", { enum: GATEWAY_MESSAGE_REJECTIONS }).notNull(),
    messages: integer("messages").notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.hour, table.source, table.result, table.rejection] }),
    check("gateway_message_hours_source_check", sql`${table.source} in (${inList(GATEWAY_MESSAGE_SOURCES)})`),
    check("gateway_message_hours_result_check", sql`${table.result} in (${inList(GATEWAY_MESSAGE_RESULTS)})`),
    check("gateway_message_hours_rejection_check", sql`${table.rejection} in (${inList(GATEWAY_MESSAGE_REJECTIONS)})`),
  ],
);

// rate-limiter-flexible's counters (lib/rate-limits), one row per limited key: the limit's
// name and a digest of what it counts (an account, an address, a cart, an order), so every
// instance counts together. The library deletes rows an hour past their expiry.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull(),
    expire: timestamp("expire", { withTimezone: true }),
  },
  (table) => [index("rate_limits_expire_idx").on(table.expire)],
);

export type User = typeof users.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type NewCategory = typeof categories.$inferInsert;
export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type Cart = typeof carts.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type PaymentAttempt = typeof paymentAttempts.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type RefundItem = typeof refundItems.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type PaymentEvent = typeof paymentEvents.$inferSelect;
export type AttentionItem = typeof attentionItems.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type JobRun = typeof jobRuns.$inferSelect;
export type GatewayCallHour = typeof gatewayCallHours.$inferSelect;
export type GatewayMessageHour = typeof gatewayMessageHours.$inferSelect;
