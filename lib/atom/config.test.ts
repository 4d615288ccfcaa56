import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { GATEWAY_URLS, parseAtomConfig, UAT_CREDENTIALS } from "./config";
import { AtomConfigurationError } from "./errors";

const appUrl = "http://localhost:3000/";

const productionEnv = {
  ATOM_MODE: "production",
  ATOM_MERCH_ID: "4242",
  ATOM_PASSWORD: "prod-password-xyz",
  ATOM_PRODUCT_ID: "SHOP",
  ATOM_REQ_ENC_KEY: "PRODREQKEY-abcdef",
  ATOM_RES_DEC_KEY: "PRODRESKEY-abcdef",
  ATOM_REQ_HASH_KEY: "PRODREQHASH-abcdef",
  ATOM_RES_HASH_KEY: "PRODRESHASH-abcdef",
};

function configError(run: () => unknown): AtomConfigurationError {
  try {
    run();
  } catch (error) {
    if (error instanceof AtomConfigurationError) return error;
    throw error;
  }
  throw new Error("expected an AtomConfigurationError");
}

describe("parseAtomConfig", () => {
  it("defaults to sandbox mode with the public UAT credentials and the app's sandbox URLs", () => {
    const config = parseAtomConfig({}, { appUrl });
    expect(config.mode).toBe("sandbox");
    expect(config.merchId).toBe(UAT_CREDENTIALS.merchId);
    expect(config.productId).toBe("NSE");
    expect(config.password.reveal()).toBe("Test@123");
    expect(config.requestEncryption.key.reveal()).toBe(UAT_CREDENTIALS.requestEncKey);
    expect(config.requestEncryption.salt.reveal()).toBe(UAT_CREDENTIALS.requestEncKey);
    expect(config.responseEncryption.salt.reveal()).toBe(UAT_CREDENTIALS.responseEncKey);
    expect(config.requestHashKey.reveal()).toBe("KEY123657234");
    expect(config.responseHashKey.reveal()).toBe("KEYRESP123657234");
    expect(config.urls).toEqual({
      auth: "http://localhost:3000/atom-sandbox/ots/aipay/auth",
      status: "http://localhost:3000/atom-sandbox/ots/v2/payment/status",
      refund: "http://localhost:3000/atom-sandbox/ots/payment/refund",
      refundStatus: "http://localhost:3000/atom-sandbox/ots/payment/refund-status",
      checkoutScript: "http://localhost:3000/atom-sandbox/staticdata/ots/js/atomcheckout.js",
    });
  });

  it("treats empty variables as unset", () => {
    expect(parseAtomConfig({ ATOM_MODE: "", ATOM_MERCH_ID: " " }, { appUrl }).merchId).toBe("317157");
  });

  it("uses the production hosts and separate salts when given", () => {
    const config = parseAtomConfig(
      { ...productionEnv, ATOM_REQ_SALT: "req-salt-123", ATOM_RES_SALT: "res-salt-123" },
      { appUrl },
    );
    expect(config.mode).toBe("production");
    expect(config.urls).toEqual(GATEWAY_URLS.production);
    expect(config.requestEncryption.salt.reveal()).toBe("req-salt-123");
    expect(config.responseEncryption.salt.reveal()).toBe("res-salt-123");
    expect(config.responseEncryption.key.reveal()).toBe("PRODRESKEY-abcdef");
  });

  it("uses the UAT hosts in uat mode, and every URL can be overridden", () => {
    const config = parseAtomConfig(
      { ...productionEnv, ATOM_MODE: "uat", ATOM_AUTH_URL: "https://caller.atomtech.in/ots/aipay/auth" },
      { appUrl },
    );
    expect(config.urls).toEqual({ ...GATEWAY_URLS.uat, auth: "https://caller.atomtech.in/ots/aipay/auth" });
  });

  it("names every missing variable outside the sandbox, and never a value", () => {
    const error = configError(() =>
      parseAtomConfig({ ATOM_MODE: "uat", ATOM_MERCH_ID: "317157", ATOM_PASSWORD: "hunter2-secret" }, { appUrl }),
    );
    for (const name of [
      "ATOM_PRODUCT_ID",
      "ATOM_REQ_ENC_KEY",
      "ATOM_RES_DEC_KEY",
      "ATOM_REQ_HASH_KEY",
      "ATOM_RES_HASH_KEY",
    ]) {
      expect(error.message).toContain(name);
    }
    expect(error.message).not.toContain("ATOM_PASSWORD");
    expect(error.message).not.toContain("hunter2");
    expect(error.kind).toBe("configuration");
    expect(error.retryable).toBe(false);
  });

  it("rejects a bad mode, merchant id or URL by name", () => {
    expect(configError(() => parseAtomConfig({ ATOM_MODE: "live" }, { appUrl })).message).toContain("ATOM_MODE");
    expect(configError(() => parseAtomConfig({ ATOM_MERCH_ID: "abc" }, { appUrl })).message).toContain("ATOM_MERCH_ID");
    expect(configError(() => parseAtomConfig({ ATOM_STATUS_URL: "not a url" }, { appUrl })).message).toContain(
      "ATOM_STATUS_URL",
    );
    expect(
      configError(() => parseAtomConfig({ ...productionEnv, ATOM_REFUND_URL: "http://insecure.example" }, { appUrl }))
        .message,
    ).toMatch(/ATOM_REFUND_URL must use https/);
    expect(configError(() => parseAtomConfig({}, { appUrl: "nowhere" })).message).toMatch(/app URL/);
  });

  it("never prints a secret when logged or serialised", () => {
    const config = parseAtomConfig(productionEnv, { appUrl });
    const printed = `${inspect(config, { depth: 10, showHidden: true })} ${JSON.stringify(config)} ${String(config.password)}`;
    for (const value of Object.entries(productionEnv)
      .filter(([name]) => !["ATOM_MODE", "ATOM_MERCH_ID", "ATOM_PRODUCT_ID"].includes(name))
      .map(([, value]) => value)) {
      expect(printed).not.toContain(value);
    }
  });
});
