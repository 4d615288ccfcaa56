import type { AtomConfig, AtomMode } from "@/lib/atom";

// Every security header the app sends is decided here, from the configuration alone.
// proxy.ts stamps `securityHeaders` on every response: pages, admin pages, route handlers,
// the sandbox's routes, /_next/static files, public files and 404s. The one exception is
// the sandbox's payment page, which the shop's overlay frames: it sets its own policy
// (`sandboxPaymentPageHeaders`), since only the sandbox knows which merchant may frame it,
// and the proxy leaves those headers to it (a route cannot replace a header the proxy set).
// ATOM_MODE, the ATOM_*_URLs and APP_URL are read when the server starts, never at build,
// so one build is right for whatever mode it is started in.

export interface SecurityHeadersInput {
  /** APP_URL. When it is https, browsers are told to keep to https (HSTS, upgrade-insecure-requests). */
  appUrl: string;
  /** lib/atom's configuration: the gateway's URLs are the only other origins the browser may use. */
  atom: Pick<AtomConfig, "mode" | "urls">;
  /** `next dev`: React rebuilds the server's error stacks in the browser with eval. */
  development: boolean;
  /** This response's nonce (base64): unguessable, new for every request. */
  nonce: string;
  request: { method: string; pathname: string };
}

export type SecurityHeaders = Record<string, string>;

// Powerful features no page of the shop uses: refused to the page and to every frame in it.
// All are features Chromium knows (an unknown one is reported in the console).
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

const HSTS = "max-age=63072000; includeSubDomains";

/** The headers the sandbox's payment page sets itself (see sandboxPaymentPageHeaders). */
const FRAMING_HEADERS = ["Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"];

// The sandbox's payment page: what the overlay's iframe opens, and what its forms post to
// (lib/atom-sandbox/service.ts routes /pay/<14 digits>, GET and POST, to it).
const SANDBOX_PAYMENT_PAGE = /^\/atom-sandbox\/pay\/\d{14}$/;

/** Whether the response is the sandbox's payment page, which sets its own CSP, X-Frame-Options and Permissions-Policy. */
function isSandboxPaymentPage(mode: AtomMode, request: { method: string; pathname: string }): boolean {
  return (
    mode === "sandbox" &&
    (request.method === "GET" || request.method === "POST") &&
    SANDBOX_PAYMENT_PAGE.test(request.pathname)
  );
}

const originOf = (url: string) => new URL(url).origin;
const unique = (values: string[]) => [...new Set(values)];
const directives = (entries: Array<[string, ...string[]]>) => entries.map((entry) => entry.join(" ")).join("; ");

/**
 * The gateway's origins the shop's pages use in the browser. Its checkout script (script-src)
 * opens the gateway's payment page in an iframe: the sandbox's script opens the page beside
 * itself (/atom-sandbox/pay/ on the script's origin); the real gateway serves its payment page
 * from its own hosts, and the two it is configured with for the browser's side of a payment
 * are the script's host and the host that issued the token (AUTH). So frames, the script's
 * own requests and any form it posts to its page may go to those two origins and no other.
 * The status and refund APIs are called by the server only and stay out of the policy.
 */
function gatewayOrigins(atom: SecurityHeadersInput["atom"]) {
  const script = originOf(atom.urls.checkoutScript);
  return { script, page: unique([script, originOf(atom.urls.auth)]) };
}

function permissionsPolicy(paymentOrigins: readonly string[]): string {
  const payment = ["self", ...paymentOrigins.map((origin) => `"${origin}"`)].join(" ");
  return [...DENIED_FEATURES.map((feature) => `${feature}=()`), `payment=(${payment})`].join(", ");
}

/**
 * The shop's security headers for one response. The Content-Security-Policy:
 * - script-src: the app's own files, inline scripts carrying this request's nonce (Next.js puts
 *   it on its own), and the gateway's checkout script by its origin. No 'unsafe-inline', and
 *   no 'strict-dynamic', which would ignore the origin list: the checkout script is inserted
 *   by components/checkout/atom-checkout.ts without a nonce and is allowed by its origin.
 *   'unsafe-eval' only under `next dev`.
 * - style-src 'unsafe-inline': the gateway's script draws its overlay in the shop's page and
 *   injects a <style> element without a nonce (the sandbox's does, the real one does too), and
 *   React renders style attributes (next/image, the admin's recharts charts). A style cannot
 *   run script; what is left is reading the page through CSS selectors after an HTML injection,
 *   which React's escaping prevents. The gateway's origin may serve the overlay's stylesheet
 *   and images.
 * - frame-ancestors 'none' (and X-Frame-Options DENY for browsers older than CSP 2): no page
 *   of the shop may be framed, so no admin form can be clickjacked.
 */
export function securityHeaders(input: SecurityHeadersInput): SecurityHeaders {
  const https = new URL(input.appUrl).protocol === "https:";
  const gateway = gatewayOrigins(input.atom);
  const csp = directives([
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${input.nonce}'`, gateway.script, ...(input.development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'", gateway.script],
    ["img-src", "'self'", "data:", gateway.script],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...gateway.page],
    ["frame-src", ...gateway.page],
    ["form-action", "'self'", ...gateway.page],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ]);
  const headers: SecurityHeaders = {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // The overlay's iframe asks for `payment`: the gateway's page may use the Payment Request API.
    "Permissions-Policy": permissionsPolicy(gateway.page),
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
  if (isSandboxPaymentPage(input.atom.mode, input.request)) {
    for (const name of FRAMING_HEADERS) delete headers[name];
  }
  return headers;
}

export interface SandboxPaymentPageHeadersInput {
  /**
   * The origin of the returnUrl the merchant registered for this payment (null: none, or an
   * unknown token). Whoever registers a returnUrl receives the payment's result there, so
   * letting that origin frame the page grants it nothing more.
   */
  merchantOrigin: string | null;
  /** The page's own origin. */
  ownOrigin: string;
  /** sha256 (base64) of each inline script and style the page's markup holds. */
  inlineScriptHashes: readonly string[];
  inlineStyleHashes: readonly string[];
}

// An origin a policy may name as it is: http(s), a host of letters, digits, dots and dashes (or
// an IPv6 address in brackets), a port. The returnUrl it comes from is the caller's text: a
// host such as `*` would make `frame-ancestors http://*`, any site; `;` or `,` would end the
// directive. Anything else is no merchant.
const PLAIN_ORIGIN = /^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

const hashSources = (hashes: readonly string[]) =>
  hashes.length === 0 ? ["'none'"] : hashes.map((hash) => `'sha256-${hash}'`);

/**
 * The sandbox's payment page, as a gateway serves it: framed by the merchant only, loading
 * nothing, running only its own inline script and style (by hash), posting only to itself
 * and, when the payment ends, to the merchant's returnUrl (in the top window).
 * X-Frame-Options cannot name another origin: SAMEORIGIN when the merchant is the page's own
 * origin (the shop frames its own sandbox), DENY when no merchant is known, absent otherwise
 * (frame-ancestors decides in every current browser).
 */
export function sandboxPaymentPageHeaders(input: SandboxPaymentPageHeadersInput): SecurityHeaders {
  const merchant =
    input.merchantOrigin !== null && PLAIN_ORIGIN.test(input.merchantOrigin) ? input.merchantOrigin : null;
  const csp = directives([
    ["default-src", "'none'"],
    ["script-src", ...hashSources(input.inlineScriptHashes)],
    ["style-src", ...hashSources(input.inlineStyleHashes)],
    ["form-action", "'self'", ...(merchant === null ? [] : [merchant])],
    ["base-uri", "'none'"],
    ["frame-ancestors", merchant ?? "'none'"],
  ]);
  const frameOptions = merchant === null ? "DENY" : merchant === input.ownOrigin ? "SAMEORIGIN" : undefined;
  return {
    "Content-Security-Policy": csp,
    ...(frameOptions === undefined ? {} : { "X-Frame-Options": frameOptions }),
    "Permissions-Policy": permissionsPolicy([]),
  };
}
