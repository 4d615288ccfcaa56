import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { describe, expect, it } from "vitest";
import { parseAtomConfig, UAT_CREDENTIAL_VARIABLES, type AtomMode } from "@/lib/atom";
import { directivesOf } from "@/lib/testing/content-security-policy";
import { sandboxPaymentPageHeaders, securityHeaders, type SecurityHeadersInput } from "./security-headers";

const NONCE = "q5Yd8mZ0cJx2Vw1fL6tB3g==";
const HOME = { method: "GET", pathname: "/" };

/** The headers for a request, with the gateway configured by lib/atom from these variables. */
function headersFor(
  mode: AtomMode,
  options: {
    appUrl?: string;
    env?: Record<string, string>;
    development?: boolean;
    nonce?: string;
    request?: SecurityHeadersInput["request"];
  } = {},
) {
  const appUrl = options.appUrl ?? "http://localhost:3000";
  const atom = parseAtomConfig({ ATOM_MODE: mode, ...UAT_CREDENTIAL_VARIABLES, ...options.env }, { appUrl });
  return securityHeaders({
    appUrl,
    atom,
    development: options.development ?? false,
    nonce: options.nonce ?? NONCE,
    request: options.request ?? HOME,
  });
}

const cspOf = (headers: Record<string, string>) => directivesOf(headers["Content-Security-Policy"]);

describe("the shop's headers", () => {
  it("in sandbox mode, allow the app itself for the gateway and nothing else", () => {
    const headers = headersFor("sandbox");
    expect(cspOf(headers)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", `'nonce-${NONCE}'`, "http://localhost:3000"],
      "style-src": ["'self'", "'unsafe-inline'", "http://localhost:3000"],
      "img-src": ["'self'", "data:", "http://localhost:3000"],
      "font-src": ["'self'"],
      "connect-src": ["'self'", "http://localhost:3000"],
      "frame-src": ["http://localhost:3000"],
      "form-action": ["'self'", "http://localhost:3000"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
    expect(headers).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(headers["Permissions-Policy"]).toContain('payment=(self "http://localhost:3000")');
  });

  it("in uat and production mode, allow the gateway's checkout script and payment page hosts, never the server-to-server APIs", () => {
    const uat = cspOf(headersFor("uat"));
    expect(uat["script-src"]).toEqual(["'self'", `'nonce-${NONCE}'`, "https://pgtest.atomtech.in"]);
    expect(uat["frame-src"]).toEqual(["https://pgtest.atomtech.in", "https://paynetzuat.atomtech.in"]);
    expect(uat["connect-src"]).toEqual(["'self'", "https://pgtest.atomtech.in", "https://paynetzuat.atomtech.in"]);

    const productionHeaders = headersFor("production");
    const production = cspOf(productionHeaders);
    expect(production["script-src"]).toEqual(["'self'", `'nonce-${NONCE}'`, "https://psa.atomtech.in"]);
    expect(production["frame-src"]).toEqual(["https://psa.atomtech.in", "https://payment1.atomtech.in"]);
    expect(productionHeaders["Permissions-Policy"]).toContain(
      'payment=(self "https://psa.atomtech.in" "https://payment1.atomtech.in")',
    );
    // The refund hosts (caller.atomtech.in in uat, payment.atomtech.in in production) and the app's own URL.
    for (const headers of [headersFor("uat"), productionHeaders]) {
      const text = JSON.stringify(headers);
      expect(text).not.toMatch(/caller\.atomtech\.in|"https:\/\/payment\.atomtech\.in|localhost/);
    }
  });

  it("follow the ATOM_*_URL overrides: a gateway at another origin is named, with the script's and AUTH's origins", () => {
    const gateway = "http://127.0.0.1:3201/atom-sandbox";
    const csp = cspOf(
      headersFor("uat", {
        appUrl: "http://localhost:3202",
        env: {
          ATOM_CHECKOUT_SCRIPT_URL: `${gateway}/staticdata/ots/js/atomcheckout.js`,
          ATOM_AUTH_URL: "http://127.0.0.1:3203/ots/aipay/auth",
          ATOM_STATUS_URL: "http://status.example/ots/v2/payment/status",
        },
      }),
    );
    expect(csp["script-src"]).toEqual(["'self'", `'nonce-${NONCE}'`, "http://127.0.0.1:3201"]);
    expect(csp["frame-src"]).toEqual(["http://127.0.0.1:3201", "http://127.0.0.1:3203"]);
    expect(JSON.stringify(csp)).not.toContain("status.example");
  });

  it("never allow inline script without the nonce, eval outside `next dev`, or strict-dynamic", () => {
    for (const mode of ["sandbox", "uat", "production"] as const) {
      const scripts = cspOf(headersFor(mode))["script-src"];
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts).not.toContain("'strict-dynamic'");
    }
    expect(cspOf(headersFor("sandbox", { development: true }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("carry this request's nonce where Next.js finds it", () => {
    const nonce = "c29tZS1vdGhlci1ub25jZQ==";
    const policy = headersFor("uat", { nonce })["Content-Security-Policy"] ?? "";
    expect(getScriptNonceFromHeader(policy)).toBe(nonce);
  });

  it("keep the browser on https (HSTS, upgrade-insecure-requests) only when APP_URL is https", () => {
    const https = headersFor("production", { appUrl: "https://shop.example" });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(cspOf(https)["upgrade-insecure-requests"]).toEqual([]);

    const http = headersFor("sandbox", { appUrl: "http://localhost:3000" });
    expect(http["Strict-Transport-Security"]).toBeUndefined();
    expect(cspOf(http)["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("refuse every powerful feature but payment, which only the page and the gateway's frame may use", () => {
    const features = Object.fromEntries(
      (headersFor("uat")["Permissions-Policy"] ?? "").split(", ").map((entry) => entry.split("=")),
    );
    expect(features).toMatchObject({ camera: "()", microphone: "()", geolocation: "()", usb: "()" });
    const allowed = Object.entries(features).filter(([, allowlist]) => allowlist !== "()");
    expect(allowed).toEqual([["payment", '(self "https://pgtest.atomtech.in" "https://paynetzuat.atomtech.in")']]);
  });

  it("leave the framing headers of the sandbox's payment page (GET and POST, sandbox mode) to the page", () => {
    const paymentPage = (mode: AtomMode, method: string, pathname = "/atom-sandbox/pay/12345678901234") =>
      headersFor(mode, { request: { method, pathname } });
    for (const method of ["GET", "POST"]) {
      const headers = paymentPage("sandbox", method);
      expect(headers["Content-Security-Policy"]).toBeUndefined();
      expect(headers["X-Frame-Options"]).toBeUndefined();
      expect(headers["Permissions-Policy"]).toBeUndefined();
      expect(headers).toMatchObject({
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
      });
    }
    // Anything else under /atom-sandbox, another method, and every mode without the sandbox get the shop's.
    for (const headers of [
      paymentPage("sandbox", "DELETE"),
      paymentPage("sandbox", "GET", "/atom-sandbox/pay/123"),
      paymentPage("sandbox", "GET", "/atom-sandbox/pay/12345678901234/x"),
      paymentPage("sandbox", "GET", "/atom-sandbox/staticdata/ots/js/atomcheckout.js"),
      paymentPage("uat", "GET"),
      paymentPage("production", "POST"),
    ]) {
      expect(cspOf(headers)["frame-ancestors"]).toEqual(["'none'"]);
      expect(headers["X-Frame-Options"]).toBe("DENY");
    }
  });
});

describe("the sandbox's payment page headers", () => {
  const page = (merchantOrigin: string | null, hashes = { scripts: ["c2NyaXB0"], styles: ["c3R5bGU="] }) =>
    sandboxPaymentPageHeaders({
      merchantOrigin,
      ownOrigin: "http://localhost:3000",
      inlineScriptHashes: hashes.scripts,
      inlineStyleHashes: hashes.styles,
    });

  it("let the merchant's origin frame it and receive its form, and run only its own inline script and style", () => {
    const headers = page("http://localhost:3000");
    expect(cspOf(headers)).toEqual({
      "default-src": ["'none'"],
      "script-src": ["'sha256-c2NyaXB0'"],
      "style-src": ["'sha256-c3R5bGU='"],
      "form-action": ["'self'", "http://localhost:3000"],
      "base-uri": ["'none'"],
      "frame-ancestors": ["http://localhost:3000"],
    });
    expect(headers["X-Frame-Options"]).toBe("SAMEORIGIN");
    expect(headers["Permissions-Policy"]).toContain("payment=(self)");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
  });

  it("name a merchant at another origin in frame-ancestors only (X-Frame-Options cannot)", () => {
    const headers = page("http://shop.example:8080");
    expect(cspOf(headers)["frame-ancestors"]).toEqual(["http://shop.example:8080"]);
    expect(cspOf(headers)["form-action"]).toEqual(["'self'", "http://shop.example:8080"]);
    expect(headers["X-Frame-Options"]).toBeUndefined();
  });

  it("deny framing when no merchant is known, and every script when the page has none", () => {
    const headers = page(null, { scripts: [], styles: [] });
    expect(cspOf(headers)).toMatchObject({
      "script-src": ["'none'"],
      "style-src": ["'none'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
    expect(headers["X-Frame-Options"]).toBe("DENY");
  });

  it("treat a returnUrl whose origin is not a plain host as no merchant: never a wildcard or a second directive", () => {
    for (const hostile of ["http://*", "http://*.example", "https://a;script-src *", "http://a,b", "javascript:x"]) {
      const headers = page(hostile);
      expect(cspOf(headers)["frame-ancestors"]).toEqual(["'none'"]);
      expect(cspOf(headers)["form-action"]).toEqual(["'self'"]);
      expect(headers["X-Frame-Options"]).toBe("DENY");
    }
    expect(cspOf(page("http://[::1]:3000"))["frame-ancestors"]).toEqual(["http://[::1]:3000"]);
  });
});
