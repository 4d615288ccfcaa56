import { describe, expect, it } from "vitest";
import { acceptRequestId, requestIdOf } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("acceptRequestId", () => {
  it("keeps a sane incoming id, a load balancer's or a client's", () => {
    for (const id of ["0b5a8a9e-2f0e-4c55-9a43-6c3f0f6f4d11", "Root=1-67891233-abcdef012345678912345678", "req_01.a:b"])
      expect(acceptRequestId(id)).toBe(id);
  });

  it("replaces a missing, short, long or unsafe one with a new UUID", () => {
    const unsafe = [
      null,
      undefined,
      "",
      "short",
      "x".repeat(129),
      "id with spaces",
      'evil"}\n{"level":60',
      "ünïcode-id",
    ];
    for (const id of unsafe) expect(acceptRequestId(id)).toMatch(UUID);
    expect(acceptRequestId(null)).not.toBe(acceptRequestId(null));
  });
});

describe("requestIdOf", () => {
  it("reads x-request-id from the headers", () => {
    expect(requestIdOf(new Headers({ "x-request-id": "from-the-proxy-123" }))).toBe("from-the-proxy-123");
    expect(requestIdOf(new Headers())).toMatch(UUID);
  });
});
