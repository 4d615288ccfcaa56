CREATE TABLE "sandbox_api_faults" (
	"scope" text NOT NULL,
	"api" text NOT NULL,
	"fail_always" boolean DEFAULT false NOT NULL,
	"fail_remaining" integer DEFAULT 0 NOT NULL,
	"hang_ms" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_api_faults_scope_api_pk" PRIMARY KEY("scope","api"),
	CONSTRAINT "sandbox_api_faults_api_check" CHECK ("sandbox_api_faults"."api" in ('auth', 'status', 'refund', 'refundStatus')),
	CONSTRAINT "sandbox_api_faults_non_negative" CHECK ("sandbox_api_faults"."fail_remaining" >= 0 and "sandbox_api_faults"."hang_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sandbox_callback_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_callback_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"http_status" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_callback_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"atom_token_id" text NOT NULL,
	"merch_txn_id" text NOT NULL,
	"target_url" text NOT NULL,
	"body" text NOT NULL,
	"payload" jsonb NOT NULL,
	"faults" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"retry_base_ms" integer NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_http_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_callback_deliveries_status_check" CHECK ("sandbox_callback_deliveries"."status" in ('scheduled', 'delivered', 'failed', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "sandbox_refunds" (
	"refund_txn_id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_refunds_refund_txn_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 2100000001 CACHE 1),
	"atom_token_id" text NOT NULL,
	"merch_id" text NOT NULL,
	"prod_refund_id" text NOT NULL,
	"prod_name" text NOT NULL,
	"amount" bigint NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_refunds_amount_positive" CHECK ("sandbox_refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "sandbox_switches" (
	"scope" text PRIMARY KEY NOT NULL,
	"callback" jsonb,
	"pending" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_transactions" (
	"atom_token_id" text PRIMARY KEY NOT NULL,
	"atom_txn_id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_transactions_atom_txn_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 11000000001 CACHE 1),
	"merch_id" text NOT NULL,
	"merch_txn_id" text NOT NULL,
	"merch_txn_date" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"products" jsonb NOT NULL,
	"cust_email" text NOT NULL,
	"cust_mobile" text NOT NULL,
	"requested_sub_channel" text,
	"auth_request" jsonb NOT NULL,
	"status" text DEFAULT 'created' NOT NULL,
	"return_url" text,
	"sub_channel" text,
	"bank_txn_id" text,
	"bank_details" jsonb,
	"surcharge_amount" bigint DEFAULT 0 NOT NULL,
	"status_code" text,
	"status_message" text,
	"status_description" text,
	"settle_at" timestamp with time zone,
	"settle_outcome" text,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"payment_started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_transactions_status_check" CHECK ("sandbox_transactions"."status" in ('created', 'pending', 'success', 'failed')),
	CONSTRAINT "sandbox_transactions_amount_positive" CHECK ("sandbox_transactions"."amount" > 0),
	CONSTRAINT "sandbox_transactions_refunded_within_paid" CHECK ("sandbox_transactions"."refunded_amount" >= 0 and "sandbox_transactions"."refunded_amount" <= "sandbox_transactions"."amount" + "sandbox_transactions"."surcharge_amount")
);
--> statement-breakpoint
ALTER TABLE "sandbox_callback_attempts" ADD CONSTRAINT "sandbox_callback_attempts_delivery_id_sandbox_callback_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."sandbox_callback_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_callback_deliveries" ADD CONSTRAINT "sandbox_callback_deliveries_atom_token_id_sandbox_transactions_atom_token_id_fk" FOREIGN KEY ("atom_token_id") REFERENCES "public"."sandbox_transactions"("atom_token_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_refunds" ADD CONSTRAINT "sandbox_refunds_atom_token_id_sandbox_transactions_atom_token_id_fk" FOREIGN KEY ("atom_token_id") REFERENCES "public"."sandbox_transactions"("atom_token_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_callback_attempts_delivery_idx" ON "sandbox_callback_attempts" USING btree ("delivery_id","attempt");--> statement-breakpoint
CREATE INDEX "sandbox_callback_deliveries_token_idx" ON "sandbox_callback_deliveries" USING btree ("atom_token_id","created_at");--> statement-breakpoint
CREATE INDEX "sandbox_callback_deliveries_due_idx" ON "sandbox_callback_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_refunds_prod_refund_id_unique" ON "sandbox_refunds" USING btree ("merch_id","prod_refund_id");--> statement-breakpoint
CREATE INDEX "sandbox_refunds_token_idx" ON "sandbox_refunds" USING btree ("atom_token_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_transactions_merch_txn_unique" ON "sandbox_transactions" USING btree ("merch_id","merch_txn_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_transactions_atom_txn_id_unique" ON "sandbox_transactions" USING btree ("atom_txn_id");--> statement-breakpoint
CREATE INDEX "sandbox_transactions_settle_idx" ON "sandbox_transactions" USING btree ("status","settle_at");