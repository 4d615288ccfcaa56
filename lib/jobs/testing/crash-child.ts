import { z } from "zod";
import { openDatabase } from "@/db/client";
import { createAtomClient, Secret } from "@/lib/atom";
import { testAtomConfig } from "@/lib/atom/testing/samples";
import { requestRefund } from "@/lib/refunds";
import { runJobsOnce } from "../run-jobs";
import { FAST_JOBS } from "./shop-harness";

// A shop process for crash tests (run by crash.int.test.ts with tsx): it does one thing
// on a PostgreSQL test database against the test's sandbox, and SHOP_CRASH_POINT makes
// it die midway, as a killed server would.

const inputSchema = z.object({
  databaseUrl: z.string().min(1),
  sandboxUrl: z.url(),
  smtpUrl: z.string().optional(),
  action: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("refund"),
      orderId: z.uuid(),
      amountPaise: z.number().int().positive(),
      admin: z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable(), role: z.literal("admin") }),
    }),
    z.object({ kind: z.literal("jobs") }),
  ]),
});

async function main(): Promise<void> {
  const input = inputSchema.parse(JSON.parse(process.env.CRASH_CHILD ?? "{}"));
  const handle = openDatabase({ url: input.databaseUrl, poolMax: 2 });
  const gateway = createAtomClient(testAtomConfig({}, input.sandboxUrl), { maxAttempts: 1, timeoutMs: 5_000 });
  try {
    if (input.action.kind === "refund") {
      await requestRefund(handle.db, gateway, input.action.admin, {
        orderId: input.action.orderId,
        amountPaise: input.action.amountPaise,
        reason: "Crash test",
        idempotencyKey: crypto.randomUUID(),
      });
    } else {
      await runJobsOnce({
        db: handle.db,
        gateway,
        merchId: "317157",
        appUrl: "http://shop.test",
        jobs: FAST_JOBS,
        mail: {
          smtpUrl: input.smtpUrl === undefined ? undefined : new Secret(input.smtpUrl),
          from: "Lotus Bazaar <shop@localhost>",
          notifyEmails: [],
        },
      });
    }
  } finally {
    await handle.close();
  }
}

await main();
