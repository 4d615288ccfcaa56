/**
 * A request's id: the caller's `x-request-id` when it is a sane one (a load balancer's or
 * a client's, so one id follows the request across systems), otherwise a new UUID.
 * Sane: 8 to 128 letters, digits and `-_.:=`, so it cannot forge a log line or carry data.
 */
export const REQUEST_ID_HEADER = "x-request-id";

const SANE_REQUEST_ID = /^[A-Za-z0-9._:=-]{8,128}$/;

export function acceptRequestId(incoming: string | null | undefined): string {
  return incoming != null && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** The id proxy.ts put on the request's headers (or a new one where the proxy did not run). */
export function requestIdOf(headers: Pick<Headers, "get">): string {
  return acceptRequestId(headers.get(REQUEST_ID_HEADER));
}
