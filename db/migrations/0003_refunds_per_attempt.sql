ALTER TABLE "refunds" ADD COLUMN "attempt_id" uuid;--> statement-breakpoint
-- Existing refunds were all sent against the order's own payment: the attempt carrying the
-- order's atomTxnId, or else (as the refund code fell back to) the order's merchTxnId.
UPDATE "refunds" SET "attempt_id" = coalesce(
	(SELECT "payment_attempts"."id" FROM "payment_attempts" JOIN "orders" ON "orders"."id" = "payment_attempts"."order_id"
		WHERE "orders"."id" = "refunds"."order_id" AND "payment_attempts"."atom_txn_id" = "orders"."atom_txn_id"
		ORDER BY "payment_attempts"."created_at" DESC LIMIT 1),
	(SELECT "payment_attempts"."id" FROM "payment_attempts" JOIN "orders" ON "orders"."id" = "payment_attempts"."order_id"
		WHERE "orders"."id" = "refunds"."order_id" AND "payment_attempts"."merch_txn_id" = "orders"."merch_txn_id"
		LIMIT 1)
) WHERE "attempt_id" IS NULL;--> statement-breakpoint
ALTER TABLE "refunds" ALTER COLUMN "attempt_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refunds_attempt_idx" ON "refunds" USING btree ("attempt_id","status");
