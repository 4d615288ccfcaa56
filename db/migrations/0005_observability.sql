CREATE TABLE "gateway_call_hours" (
	"hour" timestamp with time zone NOT NULL,
	"api" text NOT NULL,
	"outcome" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"unanswered" integer DEFAULT 0 NOT NULL,
	"duration_ms_total" bigint DEFAULT 0 NOT NULL,
	"duration_ms_max" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "gateway_call_hours_hour_api_outcome_pk" PRIMARY KEY("hour","api","outcome"),
	CONSTRAINT "gateway_call_hours_api_check" CHECK ("gateway_call_hours"."api" in ('AUTH', 'STATUS', 'REFUND', 'REFUNDSTATUS')),
	CONSTRAINT "gateway_call_hours_outcome_check" CHECK ("gateway_call_hours"."outcome" in ('ok', 'configuration', 'signature', 'validation', 'system', 'other'))
);
--> statement-breakpoint
CREATE TABLE "gateway_message_hours" (
	"hour" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"result" text NOT NULL,
	"rejection" text NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "gateway_message_hours_hour_source_result_rejection_pk" PRIMARY KEY("hour","source","result","rejection"),
	CONSTRAINT "gateway_message_hours_source_check" CHECK ("gateway_message_hours"."source" in ('callback', 'return')),
	CONSTRAINT "gateway_message_hours_result_check" CHECK ("gateway_message_hours"."result" in ('applied', 'duplicate', 'rejected')),
	CONSTRAINT "gateway_message_hours_rejection_check" CHECK ("gateway_message_hours"."rejection" in ('none', 'malformed', 'signature', 'unknown_attempt', 'mismatch', 'other'))
);
--> statement-breakpoint
CREATE INDEX "payment_attempts_created_idx" ON "payment_attempts" USING btree ("created_at");