import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AtomConfigurationError, parseAtomConfig, Secret, UAT_CREDENTIALS, type AtomConfig } from "@/lib/atom";
import { isValidGstin } from "@/lib/gstin";
import { LOG_FORMATS, LOG_LEVELS } from "@/lib/log";

/**
 * The shop's configuration, read from the environment and validated once per process.
 * A bad value stops start-up with a message naming the variable; values never appear
 * in messages (they may be secrets).
 */
export interface AppEnv {
  appUrl: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  /** Whether PostgreSQL statements are prepared (see db/client.ts); off behind a pooler that cannot keep them. */
  databasePrepare: boolean;
  pgliteDir: string;
  /** The folder above the embedded database: development files live there (auth-secret, admin-password). */
  dataDir: string;
  authSecret: Secret;
  adminEmail: string | undefined;
  adminPassword: Secret | undefined;
  seedOnStart: boolean;
  atom: AtomConfig;
  jobs: JobsConfig;
  mail: MailConfig;
  /** The bearer token Prometheus scrapes /api/metrics with; unset, only an admin's session may read them. */
  metricsToken: Secret | undefined;
  /** Reverse proxies in front that append the client's address to X-Forwarded-For (0: the connection's address is the client's). */
  trustProxyHops: number;
  /** The bearer token that opens the sandbox's control routes to callers off this machine; unset, loopback only. */
  sandboxControlToken: Secret | undefined;
  /** Redis for the rate limits' counts; unset, they are counted in the shop's database. */
  redisUrl: Secret | undefined;
  /** How shoppers reach the shop's team: the footer and every page that says "contact us". */
  support: SupportContact;
  /** Who sells: printed on receipts (tax invoices). */
  seller: SellerConfig;
}

/** The shop's customer-support contact, shown to shoppers. */
export interface SupportContact {
  email: string;
  /** As shoppers should read it, e.g. "+91 80 0000 0000". */
  phone: string;
  /** When the phone is answered, in words. */
  hours: string;
}

/** The seller's particulars a tax invoice must carry. Sample values outside production. */
export interface SellerConfig {
  legalName: string;
  /** The registered address, one line. */
  address: string;
  /** The GST identification number (validated: format, state code, check character). */
  gstin: string;
}

/** The support contact when none is configured: a reserved .example address, a number no one answers. */
const SAMPLE_SUPPORT = { email: "help@lotus-bazaar.example", phone: "+91 80 0000 0000" };

/** The seller's particulars when none are configured: clearly samples, refused in production. */
export const SAMPLE_SELLER: SellerConfig = {
  legalName: "Sample Traders Private Limited (sample: set SHOP_LEGAL_NAME)",
  address: "1 Sample Street, Fort, Mumbai, Maharashtra 400001 (sample: set SHOP_ADDRESS)",
  gstin: "27AAAAA0000A1Z2",
};

/** Background work: the requery and refund-sync schedules, their horizons, and the loop itself. */
export interface JobsConfig {
  /** Whether this instance runs the job loop (`JOBS=off` makes a web-only instance). */
  enabled: boolean;
  /** The loop's tick, jittered by ±50 % so instances do not wake together. */
  intervalMs: number;
  /** Seconds between successive requeries of an attempt; the last step repeats. */
  requerySchedule: readonly number[];
  /** Seconds after an attempt's creation when it is no longer waited for; an unpaid order expires after a fresh requery. */
  paymentHorizonSeconds: number;
  /** Seconds after which an attempt the gateway has no record of is closed as abandoned. */
  abandonAfterSeconds: number;
  /** Seconds between successive REFUNDSTATUS checks of a refund; the last step repeats. */
  refundSyncSchedule: readonly number[];
  /** Seconds after its creation when an unsettled refund goes on the needs-attention list. */
  refundHorizonSeconds: number;
  /** Period of the consistency check and of the order expiry (each at most once per period across instances). */
  consistencyCheckSeconds: number;
}

/** Admin notifications: SMTP when a URL is set, otherwise the outbox page in /admin. */
export interface MailConfig {
  smtpUrl: Secret | undefined;
  from: string;
  /** Extra recipients beside every admin account. */
  notifyEmails: readonly string[];
}

export class EnvironmentError extends Error {
  override name = "EnvironmentError";
}

const SECONDS_RANGE = { min: 1, max: 365 * 86_400 };
const seconds = z.coerce.number().int().min(SECONDS_RANGE.min).max(SECONDS_RANGE.max);
/** "60,120,300": a backing-off schedule in seconds. */
const secondsList = z
  .string()
  .transform((text) => text.split(",").map((step) => Number(step.trim())))
  .pipe(z.array(z.number().int().min(SECONDS_RANGE.min).max(SECONDS_RANGE.max)).min(1).max(50));

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const schema = z.object({
  APP_URL: z
    .url({ protocol: /^https?$/ })
    .default("http://localhost:3000")
    .transform((url) => url.replace(/\/+$/, "")),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_PREPARE: booleanFlag.default(true),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  SEED_ON_START: booleanFlag.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
  JOBS: z.enum(["on", "off"]).default("on"),
  JOBS_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  REQUERY_SCHEDULE_SECONDS: secondsList.default([60, 120, 300, 600, 1800, 3600]),
  PAYMENT_HORIZON_SECONDS: seconds.default(48 * 3600),
  ABANDON_AFTER_SECONDS: seconds.default(15 * 60),
  REFUND_SYNC_SCHEDULE_SECONDS: secondsList.default([60, 120, 300, 600, 1800, 3600]),
  REFUND_HORIZON_SECONDS: seconds.default(48 * 3600),
  CONSISTENCY_CHECK_SECONDS: seconds.default(300),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default("Lotus Bazaar <shop@localhost>"),
  NOTIFY_EMAILS: z
    .string()
    .transform((text) => text.split(",").map((email) => email.trim().toLowerCase()))
    .pipe(z.array(z.email()))
    .optional(),
  METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").max(512).optional(),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  SANDBOX_CONTROL_TOKEN: z.string().min(24, "must be at least 24 characters").max(512).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  // Sample defaults (a reserved .example domain, a number no one answers): set real ones.
  SHOP_SUPPORT_EMAIL: z.email().max(100).default(SAMPLE_SUPPORT.email),
  SHOP_SUPPORT_PHONE: z
    .string()
    .trim()
    .regex(
      /^\+?[0-9][0-9 ()-]{5,24}$/,
      "must be a phone number: digits, spaces, brackets or dashes, optionally after +",
    )
    .default(SAMPLE_SUPPORT.phone),
  SHOP_SUPPORT_HOURS: z.string().trim().min(3).max(100).default("Monday to Saturday, 10 am to 6 pm IST"),
  SHOP_LEGAL_NAME: z.string().trim().min(2).max(200).optional(),
  SHOP_ADDRESS: z.string().trim().min(10).max(500).optional(),
  SHOP_GSTIN: z
    .string()
    .trim()
    .transform((gstin) => gstin.toUpperCase())
    .refine(isValidGstin, "must be a GSTIN: 15 characters (state code, PAN, entity, Z, check character)")
    .optional(),
});

/** Parses an environment (process.env by default). Exported for tests; the app uses getEnv(). */
export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  // Blank counts as unset everywhere (lib/atom reads it so too), so " " cannot pass a guard.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${describeIssue(issue)}`);
    throw new EnvironmentError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const values = parsed.data;
  let atom: AtomConfig;
  try {
    atom = parseAtomConfig(present, { appUrl: values.APP_URL });
  } catch (error) {
    if (error instanceof AtomConfigurationError) throw new EnvironmentError(error.message);
    throw error;
  }
  const pgliteDir = path.resolve(values.PGLITE_DIR);
  const dataDir = path.dirname(pgliteDir);
  const problems = deploymentProblems(present, atom);
  if (atom.mode !== "sandbox" && !values.AUTH_SECRET)
    problems.push(`AUTH_SECRET: required when ATOM_MODE is ${atom.mode}`);
  if (problems.length > 0) throw new EnvironmentError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  return {
    appUrl: values.APP_URL,
    databaseUrl: values.DATABASE_URL,
    databasePoolMax: values.DATABASE_POOL_MAX,
    databasePrepare: values.DATABASE_PREPARE,
    pgliteDir,
    dataDir,
    authSecret: new Secret(values.AUTH_SECRET ?? developmentAuthSecret(dataDir)),
    adminEmail: values.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: values.ADMIN_PASSWORD ? new Secret(values.ADMIN_PASSWORD) : undefined,
    seedOnStart: values.SEED_ON_START ?? atom.mode === "sandbox",
    atom,
    jobs: {
      enabled: values.JOBS === "on",
      intervalMs: values.JOBS_INTERVAL_MS,
      requerySchedule: values.REQUERY_SCHEDULE_SECONDS,
      paymentHorizonSeconds: values.PAYMENT_HORIZON_SECONDS,
      abandonAfterSeconds: values.ABANDON_AFTER_SECONDS,
      refundSyncSchedule: values.REFUND_SYNC_SCHEDULE_SECONDS,
      refundHorizonSeconds: values.REFUND_HORIZON_SECONDS,
      consistencyCheckSeconds: values.CONSISTENCY_CHECK_SECONDS,
    },
    mail: {
      smtpUrl: values.SMTP_URL ? new Secret(values.SMTP_URL) : undefined,
      from: values.MAIL_FROM,
      notifyEmails: values.NOTIFY_EMAILS ?? [],
    },
    metricsToken: values.METRICS_TOKEN ? new Secret(values.METRICS_TOKEN) : undefined,
    trustProxyHops: values.TRUST_PROXY,
    sandboxControlToken: values.SANDBOX_CONTROL_TOKEN ? new Secret(values.SANDBOX_CONTROL_TOKEN) : undefined,
    redisUrl: values.REDIS_URL ? new Secret(values.REDIS_URL) : undefined,
    support: {
      email: values.SHOP_SUPPORT_EMAIL,
      phone: values.SHOP_SUPPORT_PHONE,
      hours: values.SHOP_SUPPORT_HOURS,
    },
    seller: {
      legalName: values.SHOP_LEGAL_NAME ?? SAMPLE_SELLER.legalName,
      address: values.SHOP_ADDRESS ?? SAMPLE_SELLER.address,
      gstin: values.SHOP_GSTIN ?? SAMPLE_SELLER.gstin,
    },
  };
}

// The variables holding merchant credentials, and the public UAT value each defaults to.
const CREDENTIAL_DEFAULTS: ReadonlyArray<[variable: string, uatValue: string]> = [
  ["ATOM_MERCH_ID", UAT_CREDENTIALS.merchId],
  ["ATOM_PASSWORD", UAT_CREDENTIALS.password],
  ["ATOM_REQ_ENC_KEY", UAT_CREDENTIALS.requestEncKey],
  ["ATOM_REQ_SALT", UAT_CREDENTIALS.requestEncKey],
  ["ATOM_RES_DEC_KEY", UAT_CREDENTIALS.responseEncKey],
  ["ATOM_RES_SALT", UAT_CREDENTIALS.responseEncKey],
  ["ATOM_REQ_HASH_KEY", UAT_CREDENTIALS.requestHashKey],
  ["ATOM_RES_HASH_KEY", UAT_CREDENTIALS.responseHashKey],
];

/**
 * Guards against the sandbox (which marks orders paid without money) running where a real
 * shop was meant, and against production running on the public test keys (with which
 * anyone can sign a callback). Names variables only, never values.
 */
function deploymentProblems(present: Record<string, string | undefined>, atom: AtomConfig): string[] {
  const problems: string[] = [];
  if (present.DATABASE_URL && !present.ATOM_MODE) {
    problems.push("ATOM_MODE: set it explicitly (sandbox, uat or production) when DATABASE_URL is set");
  }
  if (atom.mode === "sandbox") {
    const real = CREDENTIAL_DEFAULTS.filter(
      ([variable, uatValue]) => present[variable] !== undefined && present[variable] !== uatValue,
    );
    if (real.length > 0) {
      problems.push(
        `${real.map(([variable]) => variable).join(", ")}: merchant credentials are set but ATOM_MODE is sandbox; set ATOM_MODE to uat or production`,
      );
    }
  }
  if (atom.mode === "production") {
    const publicValues = CREDENTIAL_DEFAULTS.filter(
      ([variable, uatValue]) => variable !== "ATOM_MERCH_ID" && present[variable] === uatValue,
    );
    for (const [variable] of publicValues)
      problems.push(`${variable}: the public UAT test value cannot be used in production`);
    // Receipts are tax invoices: a real shop's must name the real seller; and shoppers told to
    // contact us must reach the real team, not the sample address and number.
    const samples: Record<string, string> = {
      SHOP_GSTIN: SAMPLE_SELLER.gstin,
      SHOP_SUPPORT_EMAIL: SAMPLE_SUPPORT.email,
      SHOP_SUPPORT_PHONE: SAMPLE_SUPPORT.phone,
    };
    for (const variable of [
      "SHOP_LEGAL_NAME",
      "SHOP_ADDRESS",
      "SHOP_GSTIN",
      "SHOP_SUPPORT_EMAIL",
      "SHOP_SUPPORT_PHONE",
    ]) {
      const value = present[variable]?.trim();
      if (value === undefined) problems.push(`${variable}: required when ATOM_MODE is production`);
      else if (value.toUpperCase() === samples[variable]?.toUpperCase())
        problems.push(`${variable}: the sample value cannot be used in production`);
    }
  }
  return problems;
}

// zod's messages for secrets would otherwise quote the received value.
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `expected ${issue.expected}`;
  if (issue.code === "invalid_value") return `must be one of ${issue.values.join(", ")}`;
  return issue.message;
}

/** Sandbox only: a secret made once and kept beside the embedded database, so sessions survive restarts. */
function developmentAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const cache = globalThis as unknown as { __shopEnv?: AppEnv };

export function getEnv(): AppEnv {
  cache.__shopEnv ??= parseEnv(process.env);
  return cache.__shopEnv;
}
