import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addressBucket,
  clientAddress,
  installPeerAddressHook,
  isLoopbackAddress,
  normalizeAddress,
  PEER_HEADER,
  stampPeerAddress,
} from "./client-address";

/** Headers as a request arrives with them, stamped by this process's hook as coming from `peer`. */
function stamped(peer: string, extra: Record<string, string> = {}): Headers {
  const incoming: IncomingHttpHeaders = { ...extra };
  stampPeerAddress(incoming, peer);
  return new Headers(incoming as Record<string, string>);
}

describe("clientAddress", () => {
  it("is the connection's own address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(stamped("203.0.113.5"), 0)).toBe("203.0.113.5");
    expect(clientAddress(stamped("203.0.113.5", { "x-forwarded-for": "127.0.0.1" }), 0)).toBe("203.0.113.5");
    expect(clientAddress(stamped("::ffff:203.0.113.5"), 0)).toBe("203.0.113.5");
  });

  it("is unknown without this process's stamp: a header the client wrote itself is not believed", () => {
    expect(clientAddress(new Headers({ [PEER_HEADER]: "0123456789abcdef0123456789abcdef 127.0.0.1" }), 0)).toBe(
      undefined,
    );
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1" }), 1)).toBe(undefined);
    expect(clientAddress(new Headers(), 0)).toBe(undefined);
  });

  it("behind n trusted proxies, is the entry the outermost one appended, never one further left", () => {
    // The client wrote "127.0.0.1"; the proxy appended the address it saw, 198.51.100.9.
    const headers = stamped("10.0.0.2", { "x-forwarded-for": "127.0.0.1, 198.51.100.9" });
    expect(clientAddress(headers, 1)).toBe("198.51.100.9");
    // Two proxies: the outer one saw the client (198.51.100.9), the inner one the outer (10.0.0.3).
    expect(clientAddress(stamped("10.0.0.2", { "x-forwarded-for": "127.0.0.1, 198.51.100.9, 10.0.0.3" }), 2)).toBe(
      "198.51.100.9",
    );
    // Fewer entries than trusted hops: the furthest one there is.
    expect(clientAddress(stamped("10.0.0.2", { "x-forwarded-for": "198.51.100.9" }), 3)).toBe("198.51.100.9");
    expect(clientAddress(stamped("10.0.0.2", { "x-forwarded-for": "198.51.100.9, not-an-address" }), 1)).toBe(
      undefined,
    );
  });
});

describe("addresses", () => {
  it("normalizes spellings and refuses what is no address", () => {
    expect(normalizeAddress(" 2001:DB8::1 ")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(normalizeAddress("localhost")).toBe(undefined);
    expect(normalizeAddress("300.1.1.1")).toBe(undefined);
  });

  it("knows loopback: 127.0.0.0/8 and ::1 in any spelling, nothing else", () => {
    for (const address of ["127.0.0.1", "127.9.8.7", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"])
      expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ["10.0.0.1", "::", "::2", "128.0.0.1", "192.0.2.2", "fe80::1", undefined, "localhost"])
      expect(isLoopbackAddress(address), String(address)).toBe(false);
  });

  it("counts IPv4 per address, IPv6 per /64, and every unknown caller together", () => {
    expect(addressBucket("203.0.113.5")).toBe("203.0.113.5");
    expect(addressBucket("2001:db8:a:b:1:2:3:4")).toBe("2001:0db8:000a:000b::/64");
    expect(addressBucket("2001:db8:a:b::ffff")).toBe("2001:0db8:000a:000b::/64");
    expect(addressBucket("2001:db8:a:c::1")).toBe("2001:0db8:000a:000c::/64");
    expect(addressBucket("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressBucket(undefined)).toBe("unknown");
    expect(addressBucket("garbage")).toBe("unknown");
  });
});

// Node's request hook on a real server: the address the app sees is the connection's.
describe("installPeerAddressHook", () => {
  let url: URL;
  const server = createServer((request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === "string") headers.set(name, value);
    response.end(
      JSON.stringify({ untrusted: clientAddress(headers, 0) ?? null, oneProxy: clientAddress(headers, 1) ?? null }),
    );
  });

  beforeAll(async () => {
    installPeerAddressHook();
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Asks the server what it sees, connecting from `localAddress`. */
  function ask(localAddress: string, headers: Record<string, string>, host = url.hostname) {
    return new Promise<{ untrusted: string | null; oneProxy: string | null }>((resolve, reject) => {
      const outgoing = httpRequest({ host, port: url.port, path: "/", headers, localAddress }, (incoming) => {
        let body = "";
        incoming.on("data", (chunk: Buffer) => (body += chunk.toString()));
        incoming.on("end", () => resolve(JSON.parse(body) as { untrusted: string | null; oneProxy: string | null }));
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  }

  it("replaces a peer header the client forged, and X-Forwarded-For counts only through a trusted proxy", async () => {
    const seen = await ask("127.0.0.1", {
      [PEER_HEADER]: "0123456789abcdef0123456789abcdef 203.0.113.66",
      "x-forwarded-for": "203.0.113.77",
    });
    expect(seen).toEqual({ untrusted: "127.0.0.1", oneProxy: "203.0.113.77" });
  });

  // This machine's own non-loopback address, if it has one, as a caller from elsewhere.
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry !== undefined && entry.family === "IPv4" && !entry.internal)?.address;

  it.skipIf(outside === undefined)("sees a caller off loopback as such, even when it claims 127.0.0.1", async () => {
    const seen = await ask(outside!, { "x-forwarded-for": "127.0.0.1" }, outside);
    expect(seen.untrusted).toBe(outside);
    expect(isLoopbackAddress(seen.untrusted ?? undefined)).toBe(false);
  });
});
