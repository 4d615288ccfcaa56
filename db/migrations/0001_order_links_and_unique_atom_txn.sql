CREATE UNIQUE INDEX "payment_attempts_atom_txn_id_unique" ON "payment_attempts" USING btree ("atom_txn_id");--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "access_token_hash";