import { z } from "zod";
import { AtomConfigurationError } from "./errors";
import { Secret } from "./secret";

export type AtomMode = "sandbox" | "uat" | "production";

export interface AtomEncryptionKeys {
  key: Secret;
  salt: Secret;
}

export interface AtomUrls {
  auth: string;
  status: string;
  refund: string;
  refundStatus: string;
  checkoutScript: string;
}

export interface AtomConfig {
  mode: AtomMode;
  merchId: string;
  password: Secret;
  productId: string;
  /** Outbound requests are encrypted with these. */
  requestEncryption: AtomEncryptionKeys;
  /** Responses and callbacks are decrypted with these. */
  responseEncryption: AtomEncryptionKeys;
  requestHashKey: Secret;
  responseHashKey: Secret;
  urls: AtomUrls;
}

/** The gateway's public UAT test merchant (protocol page §8). Not secrets. */
export const UAT_CREDENTIALS = {
  merchId: "317157",
  password: "Test@123",
  productId: "NSE",
  requestEncKey: "A4476C2062FFA58980DC8F79EB6A799E",
  responseEncKey: "75AEF0FA1B94B3C10D4F5B268F757F11",
  requestHashKey: "KEY123657234",
  responseHashKey: "KEYRESP123657234",
} as const;

/** Protocol page §2. The sandbox's URLs are built from the app's own origin. */
export const GATEWAY_URLS: Record<"uat" | "production", AtomUrls> = {
  uat: {
    auth: "https://paynetzuat.atomtech.in/ots/aipay/auth",
    status: "https://paynetzuat.atomtech.in/ots/v2/payment/status",
    refund: "https://caller.atomtech.in/ots/payment/refund",
    refundStatus: "https://caller.atomtech.in/ots/payment/status",
    checkoutScript: "https://pgtest.atomtech.in/staticdata/ots/js/atomcheckout.js",
  },
  production: {
    auth: "https://payment1.atomtech.in/ots/aipay/auth",
    status: "https://payment1.atomtech.in/ots/v2/payment/status",
    refund: "https://payment.atomtech.in/ots/payment/refund",
    refundStatus: "https://payment1.atomtech.in/ots/payment/status",
    checkoutScript: "https://psa.atomtech.in/staticdata/ots/js/atomcheckout.js",
  },
};

function sandboxUrls(appUrl: string): AtomUrls {
  const base = `${appUrl.replace(/\/+$/, "")}/atom-sandbox`;
  return {
    auth: `${base}/ots/aipay/auth`,
    status: `${base}/ots/v2/payment/status`,
    refund: `${base}/ots/payment/refund`,
    refundStatus: `${base}/ots/payment/refund-status`,
    checkoutScript: `${base}/staticdata/ots/js/atomcheckout.js`,
  };
}

// Variable names per setting; the credential ones are required outside the sandbox.
const CREDENTIAL_VARIABLES = {
  merchId: "ATOM_MERCH_ID",
  password: "ATOM_PASSWORD",
  productId: "ATOM_PRODUCT_ID",
  requestEncKey: "ATOM_REQ_ENC_KEY",
  responseEncKey: "ATOM_RES_DEC_KEY",
  requestHashKey: "ATOM_REQ_HASH_KEY",
  responseHashKey: "ATOM_RES_HASH_KEY",
} as const satisfies Record<keyof typeof UAT_CREDENTIALS, string>;

/**
 * The public UAT test merchant as ATOM_* variables: what a shop configured for Atom's UAT
 * with those credentials (or for the sandbox standing in for it) sets.
 */
export const UAT_CREDENTIAL_VARIABLES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CREDENTIAL_VARIABLES).map(([field, name]) => [
    name,
    UAT_CREDENTIALS[field as keyof typeof UAT_CREDENTIALS],
  ]),
);

const URL_VARIABLES = {
  auth: "ATOM_AUTH_URL",
  status: "ATOM_STATUS_URL",
  refund: "ATOM_REFUND_URL",
  refundStatus: "ATOM_REFUND_STATUS_URL",
  checkoutScript: "ATOM_CHECKOUT_SCRIPT_URL",
} as const satisfies Record<keyof AtomUrls, string>;

/**
 * The URL variables that point a shop in uat or production mode at a sandbox served from
 * `origin` (another process of this app: the e2e's and the benchmarks' separate gateway).
 */
export function sandboxUrlVariables(origin: string): Readonly<Record<string, string>> {
  const urls = sandboxUrls(origin);
  return Object.fromEntries(
    (Object.entries(URL_VARIABLES) as [keyof AtomUrls, string][]).map(([field, name]) => [name, urls[field]]),
  );
}

// An empty variable (KEY= in a .env file) means "not set".
const blankAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);

const envSchema = z.object({
  ATOM_MODE: blankAsUnset(z.enum(["sandbox", "uat", "production"]).default("sandbox")),
  ...Object.fromEntries(
    [...Object.values(CREDENTIAL_VARIABLES), "ATOM_REQ_SALT", "ATOM_RES_SALT", ...Object.values(URL_VARIABLES)].map(
      (name) => [name, blankAsUnset(z.string().optional())],
    ),
  ),
});

const MERCH_ID = /^\d{1,10}$/;

/**
 * Reads the ATOM_* variables once (at start-up) and fails with every problem at once,
 * naming variables, never values.
 */
export function parseAtomConfig(env: Record<string, string | undefined>, options: { appUrl: string }): AtomConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Only ATOM_MODE can fail here: it is the only constrained field.
    throw new AtomConfigurationError('ATOM_MODE must be one of "sandbox", "uat", "production"');
  }
  const vars = parsed.data as Record<string, string | undefined> & { ATOM_MODE: AtomMode };
  const mode = vars.ATOM_MODE;
  const problems: string[] = [];

  const credential = (field: keyof typeof CREDENTIAL_VARIABLES): string => {
    const name = CREDENTIAL_VARIABLES[field];
    const value = vars[name] ?? (mode === "sandbox" ? UAT_CREDENTIALS[field] : undefined);
    if (value === undefined) {
      problems.push(`${name} is required in ${mode} mode`);
      return "";
    }
    return value;
  };

  const merchId = credential("merchId");
  const password = credential("password");
  const productId = credential("productId");
  const requestEncKey = credential("requestEncKey");
  const responseEncKey = credential("responseEncKey");
  const requestHashKey = credential("requestHashKey");
  const responseHashKey = credential("responseHashKey");

  if (merchId !== "" && !MERCH_ID.test(merchId)) {
    problems.push("ATOM_MERCH_ID must be 1 to 10 digits (the gateway sends it back as a number)");
  }
  if (password.length > 80) problems.push("ATOM_PASSWORD must be at most 80 characters");

  const defaults = mode === "sandbox" ? sandboxUrls(options.appUrl) : GATEWAY_URLS[mode];
  const urls = {} as AtomUrls;
  for (const [field, name] of Object.entries(URL_VARIABLES) as [keyof AtomUrls, string][]) {
    const value = vars[name] ?? defaults[field];
    urls[field] = value;
    const problem = urlProblem(value, mode);
    if (problem !== null) {
      problems.push(vars[name] === undefined ? `the app URL (default for ${name}) ${problem}` : `${name} ${problem}`);
    }
  }

  if (problems.length > 0) {
    throw new AtomConfigurationError(`Atom gateway configuration is incomplete: ${problems.join("; ")}`);
  }

  return {
    mode,
    merchId,
    password: new Secret(password),
    productId,
    requestEncryption: { key: new Secret(requestEncKey), salt: new Secret(vars.ATOM_REQ_SALT ?? requestEncKey) },
    responseEncryption: { key: new Secret(responseEncKey), salt: new Secret(vars.ATOM_RES_SALT ?? responseEncKey) },
    requestHashKey: new Secret(requestHashKey),
    responseHashKey: new Secret(responseHashKey),
    urls,
  };
}

// Production sends the password and keys' output over these URLs: insist on https.
function urlProblem(value: string, mode: AtomMode): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL";
  }
  if (mode === "production" && url.protocol !== "https:") return "must use https in production mode";
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http(s) URL";
  return null;
}
