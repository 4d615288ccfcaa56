import { parseArgs } from "node:util";
import { z } from "zod";

// The soak's command line: `npm run soak -- --payments 100`. Every option has a default, so
// `npm run soak` alone drives 1,000 payments.

const integerOption = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const optionsSchema = z.strictObject({
  /** Payments (orders) to drive; refunds follow for a share of the paid ones. */
  payments: integerOption(1, 100_000).default(1_000),
  /** Payments in flight at once (two cores: keep it modest). */
  concurrency: integerOption(1, 32).default(4),
  /** SIGKILL-and-restart rounds, spread over the drive. */
  kills: integerOption(0, 50).default(3),
  /** Seed of the fault mix, so a failing run can be repeated. */
  seed: integerOption(0, 2 ** 31 - 1).default(() => Math.floor(Math.random() * 2 ** 31)),
  /** A PostgreSQL server (any database on it); the soak creates its own database there and drops it. */
  postgresUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .default(process.env.SOAK_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"),
  /** Keep the soak's database afterwards (its name is printed). */
  keepDatabase: z.boolean().default(false),
  /** The instances' PAYMENT_HORIZON_SECONDS; the final wait lasts at most this plus settleMarginSeconds. */
  horizonSeconds: integerOption(10, 172_800).default(120),
  settleMarginSeconds: integerOption(0, 3_600).default(60),
});
export type SoakOptions = z.infer<typeof optionsSchema>;

const USAGE = `Usage: npm run soak -- [--payments N] [--concurrency N] [--kills N] [--seed N]
                       [--postgres-url URL] [--keep-database] [--horizon-seconds N] [--settle-margin-seconds N]`;

/** Reads argv (after the script name); prints what is wrong and exits 2 on a bad option. */
export function parseSoakOptions(argv: string[]): SoakOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        payments: { type: "string" },
        concurrency: { type: "string" },
        kills: { type: "string" },
        seed: { type: "string" },
        "postgres-url": { type: "string" },
        "keep-database": { type: "boolean" },
        "horizon-seconds": { type: "string" },
        "settle-margin-seconds": { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) {
    console.info(USAGE);
    process.exit(0);
  }
  const camelCased = Object.fromEntries(
    Object.entries(values)
      .filter(([name]) => name !== "help")
      .map(([name, value]) => [name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()), value]),
  );
  const parsed = optionsSchema.safeParse(camelCased);
  if (!parsed.success) {
    return fail(parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"));
  }
  return parsed.data;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
