import type { Secret } from "@/lib/atom";
import { bearerMatches } from "@/lib/bearer-token";
import { clientAddress, isLoopbackAddress } from "@/lib/client-address";

/** Who may use the sandbox's control routes (fault switches, deliveries, transactions). */
export interface ControlAccess {
  /** SANDBOX_CONTROL_TOKEN: a caller off this machine sends it as `Authorization: Bearer …`. */
  token: Secret | undefined;
  /** TRUST_PROXY: how the caller's address is read (lib/client-address.ts). */
  trustProxyHops: number;
}

/**
 * A caller on this machine (its connection's address, or with trusted proxies the address
 * they report, is loopback) or one holding the token. X-Forwarded-For is read only as far
 * as TRUST_PROXY says, so a remote caller cannot claim to be local with it.
 */
export function mayControlSandbox(request: Request, access: ControlAccess): boolean {
  return (
    isLoopbackAddress(clientAddress(request.headers, access.trustProxyHops)) ||
    bearerMatches(request.headers.get("authorization"), access.token)
  );
}
