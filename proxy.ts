import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/request-id";
import { securityHeaders } from "@/lib/security-headers";

/**
 * Runs before every request, build assets and public files included:
 * - gives it an id: the caller's sane `x-request-id` or a new one, passed on to the route
 *   (which runs in a log context carrying it, so every line it logs has it) and answered on
 *   the response, so a person reporting a problem can quote it;
 * - stamps the security headers (lib/security-headers.ts) on the response, with a nonce of
 *   its own, which Next.js puts on the page's scripts: so every page renders per request
 *   (app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const env = getEnv();
  const security = securityHeaders({
    appUrl: env.appUrl,
    atom: env.atom,
    development: process.env.NODE_ENV === "development",
    nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64"),
    request: { method: request.method, pathname: request.nextUrl.pathname },
  });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  // Next.js finds the nonce in the request's policy (its guide sets it there; Next also copies
  // the proxy's response headers onto the request, but this does not rely on that).
  const policy = security["Content-Security-Policy"];
  if (policy !== undefined) headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}
