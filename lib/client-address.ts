import { randomBytes, timingSafeEqual } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { isIPv4, isIPv6 } from "node:net";
import type { Socket } from "node:net";
import { log } from "@/lib/log";

/**
 * Who is calling: the address a request came from, for rate limits and for the sandbox's
 * loopback-only control routes.
 *
 * Next.js gives route handlers and server actions no socket, and `next start` keeps an
 * X-Forwarded-For the client sent (it fills the header with the socket's address only
 * when it is absent), so no header a request arrives with can be believed. Node's
 * `http.server.request.start` diagnostics channel runs before Next sees the request:
 * `installPeerAddressHook` writes the connection's own address into PEER_HEADER there,
 * replacing whatever the client sent, stamped with a random value of this process, so a
 * request the hook missed (one received while the server was still starting) carries no
 * stamp and reads as coming from nowhere rather than from where its headers claim.
 */
export const PEER_HEADER = "x-shop-peer";

const state = globalThis as unknown as { __shopPeerStamp?: string };

/** This process's stamp; on globalThis, as Next loads this module once per bundle. */
function processStamp(): string {
  state.__shopPeerStamp ??= randomBytes(16).toString("hex");
  return state.__shopPeerStamp;
}

/** Writes the connection's address into the request's headers (replacing any the client sent). */
export function stampPeerAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined): void {
  headers[PEER_HEADER] = `${processStamp()} ${remoteAddress ?? ""}`;
}

const hook = globalThis as unknown as { __shopPeerHook?: true };

/** Stamps every request this process's HTTP servers receive, from now on (idempotent). */
export function installPeerAddressHook(): void {
  if (hook.__shopPeerHook) return;
  hook.__shopPeerHook = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    stampPeerAddress(request.headers, socket.remoteAddress);
  });
}

/** The one thing read from a request's headers (a Fetch `Headers` has it). */
export interface HeaderSource {
  get(name: string): string | null;
}

/** The connection's own address, if this process's hook stamped the request. */
function peerAddress(headers: HeaderSource): string | undefined {
  const value = headers.get(PEER_HEADER);
  if (value === null) return undefined;
  const [stamp = "", address = ""] = value.split(" ");
  const expected = Buffer.from(processStamp());
  const given = Buffer.from(stamp);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return normalizeAddress(address);
}

/**
 * The client's address, or undefined when it cannot be known. With `trustProxyHops` 0
 * it is the connection's own; with n trusted reverse proxies in front, each appending the
 * address it received from to X-Forwarded-For, it is the entry the outermost trusted
 * proxy wrote: n from the right, counting the connection itself. Entries further left
 * are the client's to invent and are never read.
 */
export function clientAddress(headers: HeaderSource, trustProxyHops: number): string | undefined {
  const peer = peerAddress(headers);
  if (peer === undefined) warnUnstampedOnce();
  if (peer === undefined || trustProxyHops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const chain = [...forwarded, peer];
  return normalizeAddress(chain[Math.max(0, chain.length - 1 - trustProxyHops)] ?? "");
}

const warned = globalThis as unknown as { __shopPeerUnstampedWarned?: true };

// Expected for a request received while the server was starting; if it goes on, the hook is
// not installed (a custom server without instrumentation.ts) and every caller shares one count.
function warnUnstampedOnce(): void {
  if (warned.__shopPeerUnstampedWarned) return;
  warned.__shopPeerUnstampedWarned = true;
  log.warn(
    { header: PEER_HEADER },
    "a request without this process's peer-address stamp: its caller is unknown (rate limits count all such callers together)",
  );
}

/** An IP address in one spelling (IPv4-mapped IPv6 as IPv4, IPv6 lower-case), or undefined when it is none. */
export function normalizeAddress(text: string): string | undefined {
  const address = text.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1];
  if (isIPv4(address) || isIPv6(address)) return address;
  return undefined;
}

/** 127.0.0.0/8 or ::1: a caller on this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const normalized = normalizeAddress(address);
  if (normalized === undefined) return false;
  if (isIPv4(normalized)) return normalized.startsWith("127.");
  return expandIPv6(normalized) === "0000:0000:0000:0000:0000:0000:0000:0001";
}

/**
 * What one client's limits are counted under: an IPv4 address, or an IPv6 address's /64
 * network (one subscriber usually holds a whole /64, so counting single addresses would
 * give each of them billions of tries). Unknown callers share one bucket.
 */
export function addressBucket(address: string | undefined): string {
  if (address === undefined) return "unknown";
  const normalized = normalizeAddress(address);
  if (normalized === undefined) return "unknown";
  if (isIPv4(normalized)) return normalized;
  return `${expandIPv6(normalized).split(":").slice(0, 4).join(":")}::/64`;
}

/** The eight four-digit groups of an IPv6 address (an embedded IPv4 tail becomes two groups). */
function expandIPv6(address: string): string {
  let text = address;
  const v4Tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4Tail) {
    const [a, b, c, d] = v4Tail[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4Tail[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups]
    .map((group) => group.padStart(4, "0"))
    .join(":");
}
