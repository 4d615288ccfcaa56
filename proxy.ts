import { NextResponse, type NextRequest } from "next/server";
import { acceptRequestId, REQUEST_ID_HEADER } from "@/lib/request-id";

/**
 * Gives every request an id: the caller's sane `x-request-id` or a new one, passed on to
 * the route (which runs in a log context carrying it, so every line it logs has it) and
 * answered on the response, so a person reporting a problem can quote it.
 */
export function proxy(request: NextRequest) {
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Everything but build assets and the pictures under public/.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|webp|ico)$).*)"],
};
