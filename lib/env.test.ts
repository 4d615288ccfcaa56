import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvironmentError, parseEnv, SAMPLE_SELLER } from "./env";

const scratch = () => ({ PGLITE_DIR: path.join(mkdtempSync(path.join(tmpdir(), "shop-env-")), "pglite") });

const LIVE = {
  ATOM_MERCH_ID: "8888888",
  ATOM_PASSWORD: "live-password-1",
  ATOM_PRODUCT_ID: "SHOP",
  ATOM_REQ_ENC_KEY: "LIVEREQKEY000000000000000000000001",
  ATOM_RES_DEC_KEY: "LIVERESKEY000000000000000000000002",
  ATOM_REQ_HASH_KEY: "LIVEREQHASH",
  ATOM_RES_HASH_KEY: "LIVERESHASH",
  AUTH_SECRET: "a-production-session-secret-of-32-chars",
  SHOP_LEGAL_NAME: "Lotus Bazaar Foods LLP",
  SHOP_ADDRESS: "4 Residency Road, Bengaluru, Karnataka 560025",
  SHOP_GSTIN: "29AAGCB7383J1Z4",
  SHOP_SUPPORT_EMAIL: "care@lotusbazaar.in",
  SHOP_SUPPORT_PHONE: "+91 80 4000 1234",
};

function failure(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentError);
    return (error as Error).message;
  }
  throw new Error("expected parseEnv to fail");
}

describe("parseEnv: background jobs and mail", () => {
  it("runs the jobs with the documented schedules by default, and keeps SMTP off", () => {
    const env = parseEnv(scratch());
    expect(env.jobs).toMatchObject({
      enabled: true,
      intervalMs: 5_000,
      requerySchedule: [60, 120, 300, 600, 1800, 3600],
      paymentHorizonSeconds: 172_800,
      abandonAfterSeconds: 900,
    });
    expect(env.mail).toMatchObject({ smtpUrl: undefined, notifyEmails: [] });
  });

  it("reads schedules, JOBS=off and recipients", () => {
    const env = parseEnv({
      ...scratch(),
      JOBS: "off",
      REQUERY_SCHEDULE_SECONDS: "2, 4,8",
      NOTIFY_EMAILS: "Ops@Shop.test, owner@shop.test",
      SMTP_URL: "smtp://mailer:s3cret@mail.shop.test:587",
    });
    expect(env.jobs).toMatchObject({ enabled: false, requerySchedule: [2, 4, 8] });
    expect(env.mail.notifyEmails).toEqual(["ops@shop.test", "owner@shop.test"]);
    expect(env.mail.smtpUrl?.reveal()).toBe("smtp://mailer:s3cret@mail.shop.test:587");
    expect(String(env.mail.smtpUrl)).not.toContain("s3cret");
  });

  it("names a bad schedule or SMTP URL without printing it", () => {
    const message = failure({ ...scratch(), REQUERY_SCHEDULE_SECONDS: "60,soon", SMTP_URL: "http://mailer:s3cret@x" });
    expect(message).toMatch(/REQUERY_SCHEDULE_SECONDS/);
    expect(message).toMatch(/SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
    expect(message).not.toContain("s3cret");
  });
});

describe("parseEnv", () => {
  it("needs nothing to run the sandbox", () => {
    const env = parseEnv(scratch());
    expect(env.atom.mode).toBe("sandbox");
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.atom.urls.auth).toBe("http://localhost:3000/atom-sandbox/ots/aipay/auth");
    expect(env.seedOnStart).toBe(true);
    expect(env.databaseUrl).toBeUndefined();
    // The generated development secret is kept, so sessions survive restarts.
    const dir = scratch();
    expect(parseEnv(dir).authSecret.reveal()).toBe(parseEnv(dir).authSecret.reveal());
  });

  it("names a wrong variable without printing its value", () => {
    const message = failure({
      ...scratch(),
      APP_URL: "ftp://shop",
      DATABASE_URL: "mysql://root:hunter2@db/shop",
      ATOM_MODE: "sandbox",
      LOG_LEVEL: "loud",
      LOG_FORMAT: "xml",
    });
    expect(message).toMatch(/APP_URL/);
    expect(message).toMatch(/LOG_LEVEL: must be one of fatal, error/);
    expect(message).toMatch(/LOG_FORMAT: must be one of pretty, json/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toContain("hunter2");
  });

  it("refuses to guess the gateway mode for a deployment on PostgreSQL", () => {
    expect(failure({ ...scratch(), DATABASE_URL: "postgres://db/shop" })).toMatch(/ATOM_MODE: set it explicitly/);
    expect(failure({ ...scratch(), DATABASE_URL: "postgres://db/shop", ATOM_MODE: " " })).toMatch(
      /ATOM_MODE: set it explicitly/,
    );
    expect(parseEnv({ ...scratch(), DATABASE_URL: "postgres://db/shop", ATOM_MODE: "sandbox" }).atom.mode).toBe(
      "sandbox",
    );
  });

  it("refuses real merchant credentials in sandbox mode", () => {
    const message = failure({ ...scratch(), ATOM_MERCH_ID: "8888888", ATOM_RES_HASH_KEY: "LIVERESHASH" });
    expect(message).toMatch(/ATOM_MERCH_ID, ATOM_RES_HASH_KEY: merchant credentials are set but ATOM_MODE is sandbox/);
    expect(message).not.toContain("LIVERESHASH");
  });

  it("refuses the public UAT keys in production", () => {
    const message = failure({
      ...scratch(),
      ...LIVE,
      ATOM_MODE: "production",
      APP_URL: "https://shop.example.in",
      ATOM_RES_HASH_KEY: "KEYRESP123657234",
    });
    expect(message).toMatch(/ATOM_RES_HASH_KEY: the public UAT test value cannot be used in production/);
  });

  it("requires every credential and a session secret outside the sandbox", () => {
    const message = failure({ ...scratch(), ATOM_MODE: "uat" });
    for (const variable of ["ATOM_MERCH_ID", "ATOM_PASSWORD", "ATOM_REQ_HASH_KEY", "ATOM_RES_HASH_KEY"])
      expect(message).toContain(variable);
    expect(failure({ ...scratch(), ...LIVE, AUTH_SECRET: "", ATOM_MODE: "uat" })).toMatch(
      /AUTH_SECRET: required when ATOM_MODE is uat/,
    );
    const live = parseEnv({ ...scratch(), ...LIVE, ATOM_MODE: "production", APP_URL: "https://shop.example.in" });
    expect(live.atom.mode).toBe("production");
    expect(live.seedOnStart).toBe(false);
    expect(JSON.stringify(live)).not.toContain("live-password-1");
  });
});

describe("parseEnv: the seller on receipts", () => {
  it("uses sample particulars outside production, and takes a valid GSTIN in any case", () => {
    expect(parseEnv(scratch()).seller).toEqual(SAMPLE_SELLER);
    expect(parseEnv({ ...scratch(), SHOP_GSTIN: " 29aagcb7383j1z4 " }).seller.gstin).toBe("29AAGCB7383J1Z4");
  });

  it("refuses a GSTIN whose format, state code or check character is wrong, without quoting it", () => {
    for (const gstin of ["29AAGCB7383J1Z5", "29AAGCB7383J1X4", "00AAGCB7383J1Z4", "29AAGCB7383J1Z"]) {
      const message = failure({ ...scratch(), SHOP_GSTIN: gstin });
      expect(message).toMatch(/SHOP_GSTIN: must be a GSTIN/);
      expect(message).not.toContain(gstin);
    }
  });

  it("requires the real seller in production", () => {
    const withoutGstin: Record<string, string> = { ...LIVE };
    delete withoutGstin.SHOP_GSTIN;
    const message = failure({
      ...scratch(),
      ...withoutGstin,
      ATOM_MODE: "production",
      APP_URL: "https://shop.example.in",
    });
    expect(message).toMatch(/SHOP_GSTIN: required when ATOM_MODE is production/);
    expect(message).not.toMatch(/SHOP_ADDRESS/);
  });

  it("requires the real support contact in production, not the samples", () => {
    const withoutSupport: Record<string, string> = { ...LIVE };
    delete withoutSupport.SHOP_SUPPORT_PHONE;
    const message = failure({
      ...scratch(),
      ...withoutSupport,
      ATOM_MODE: "production",
      APP_URL: "https://shop.example.in",
    });
    expect(message).toMatch(/SHOP_SUPPORT_PHONE: required when ATOM_MODE is production/);
    expect(message).not.toMatch(/SHOP_SUPPORT_EMAIL/);
    // .env.example's samples, copied as they are, are refused too.
    const copied = failure({
      ...scratch(),
      ...LIVE,
      SHOP_SUPPORT_EMAIL: "help@lotus-bazaar.example",
      SHOP_GSTIN: "27AAAAA0000A1Z2",
      ATOM_MODE: "production",
      APP_URL: "https://shop.example.in",
    });
    expect(copied).toMatch(/SHOP_SUPPORT_EMAIL: the sample value cannot be used in production/);
    expect(copied).toMatch(/SHOP_GSTIN: the sample value cannot be used in production/);
    expect(copied).not.toMatch(/SHOP_SUPPORT_PHONE/);
  });
});

describe("parseEnv: callers and the sandbox's controls", () => {
  it("trusts no proxy and no control token by default", () => {
    const env = parseEnv(scratch());
    expect(env.trustProxyHops).toBe(0);
    expect(env.sandboxControlToken).toBeUndefined();
  });

  it("reads TRUST_PROXY hops and a control token, and refuses a short token without printing it", () => {
    const env = parseEnv({ ...scratch(), TRUST_PROXY: "1", SANDBOX_CONTROL_TOKEN: "a-long-enough-sandbox-token-1234" });
    expect(env.trustProxyHops).toBe(1);
    expect(env.sandboxControlToken?.reveal()).toBe("a-long-enough-sandbox-token-1234");
    const message = failure({ ...scratch(), TRUST_PROXY: "yes", SANDBOX_CONTROL_TOKEN: "short-s3cret" });
    expect(message).toMatch(/TRUST_PROXY/);
    expect(message).toMatch(/SANDBOX_CONTROL_TOKEN: must be at least 24 characters/);
    expect(message).not.toContain("short-s3cret");
  });

  it("counts the rate limits in the database unless REDIS_URL names a Redis, and never prints a bad one", () => {
    expect(parseEnv(scratch()).redisUrl).toBeUndefined();
    const env = parseEnv({ ...scratch(), REDIS_URL: "redis://:pa55word@cache.internal:6379/2" });
    expect(env.redisUrl?.reveal()).toBe("redis://:pa55word@cache.internal:6379/2");
    const message = failure({ ...scratch(), REDIS_URL: "http://:pa55word@cache.internal" });
    expect(message).toMatch(/REDIS_URL: must start with redis:\/\/ or rediss:\/\//);
    expect(message).not.toContain("pa55word");
  });
});

describe("parseEnv: the shop's support contact", () => {
  it("has sample details by default and reads the shop's own", () => {
    expect(parseEnv(scratch()).support).toEqual({
      email: "help@lotus-bazaar.example",
      phone: "+91 80 0000 0000",
      hours: "Monday to Saturday, 10 am to 6 pm IST",
    });
    const env = parseEnv({
      ...scratch(),
      SHOP_SUPPORT_EMAIL: "care@lotusbazaar.in",
      SHOP_SUPPORT_PHONE: " +91 (22) 4000-1234 ",
      SHOP_SUPPORT_HOURS: "Every day, 9 am to 9 pm",
    });
    expect(env.support).toEqual({
      email: "care@lotusbazaar.in",
      phone: "+91 (22) 4000-1234",
      hours: "Every day, 9 am to 9 pm",
    });
  });

  it("names a support email or phone that is not one", () => {
    const message = failure({ ...scratch(), SHOP_SUPPORT_EMAIL: "care at shop", SHOP_SUPPORT_PHONE: "call us" });
    expect(message).toMatch(/SHOP_SUPPORT_EMAIL/);
    expect(message).toMatch(/SHOP_SUPPORT_PHONE: must be a phone number/);
  });
});
