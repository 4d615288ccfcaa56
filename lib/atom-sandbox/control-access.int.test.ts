import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Secret } from "@/lib/atom";
import { PEER_HEADER, stampPeerAddress } from "@/lib/client-address";
import { createSandboxService, type SandboxService } from "./service";
import { startSandbox, type SandboxHarness } from "./testing/sandbox-harness";

// Who may use the sandbox's control routes: callers on this machine (the harness's own
// control client, over HTTP from 127.0.0.1) and holders of SANDBOX_CONTROL_TOKEN.

const TOKEN = "a-sandbox-control-token-for-tests";
let sandbox: SandboxHarness;
let guarded: SandboxService;

beforeAll(async () => {
  sandbox = await startSandbox();
  guarded = createSandboxService({
    db: sandbox.database.db,
    atom: sandbox.atom,
    callbackUrl: sandbox.receiver.callbackUrl,
    controlAccess: { token: new Secret(TOKEN), trustProxyHops: 0 },
  });
});
afterAll(async () => {
  await guarded?.close();
  await sandbox?.close();
});

/** A request to `path` as it reaches the service from a connection at `peer`. */
function from(peer: string, path: string, headers: Record<string, string> = {}, method = "GET"): Request {
  const incoming: Record<string, string | string[] | undefined> = { ...headers };
  stampPeerAddress(incoming, peer);
  return new Request(`http://shop.test/atom-sandbox${path}`, { method, headers: incoming as Record<string, string> });
}

const CONTROL_PATHS = ["/control", "/control/deliveries?merchTxnId=LB1", "/control/transactions?merchTxnId=LB1"];

describe("the sandbox's control routes", () => {
  it("answer a caller on this machine over HTTP (the harness's client)", async () => {
    await expect(sandbox.control.reset()).resolves.toBeUndefined();
    await expect(sandbox.control.deliveries({ merchTxnId: "LBNONE" })).resolves.toEqual([]);
  });

  it("refuse a caller from elsewhere, even one whose X-Forwarded-For or forged peer header says 127.0.0.1", async () => {
    for (const path of CONTROL_PATHS) {
      const refused = await guarded.handle(from("203.0.113.9", path, { "x-forwarded-for": "127.0.0.1" }));
      expect(refused.status, path).toBe(403);
      expect(await refused.json()).toEqual({ error: expect.stringMatching(/SANDBOX_CONTROL_TOKEN/) });
    }
    const forged = new Request("http://shop.test/atom-sandbox/control", {
      headers: { [PEER_HEADER]: "0123456789abcdef0123456789abcdef 127.0.0.1" },
    });
    expect((await guarded.handle(forged)).status).toBe(403);
    expect((await guarded.handle(from("203.0.113.9", "/control", {}, "DELETE"))).status).toBe(403);
  });

  it("answer a caller from elsewhere holding the token, and refuse a wrong one", async () => {
    const allowed = await guarded.handle(from("203.0.113.9", "/control", { authorization: `Bearer ${TOKEN}` }));
    expect(allowed.status).toBe(200);
    const wrong = await guarded.handle(from("203.0.113.9", "/control", { authorization: `Bearer ${TOKEN}x` }));
    expect(wrong.status).toBe(403);
    // Without a configured token, no token opens them.
    const none = await sandbox.service.handle(from("203.0.113.9", "/control", { authorization: `Bearer ${TOKEN}` }));
    expect(none.status).toBe(403);
  });

  it("leave the gateway's own routes open to everyone (the shopper's browser, the shop)", async () => {
    const script = await guarded.handle(from("203.0.113.9", "/staticdata/ots/js/atomcheckout.js"));
    expect(script.status).toBe(200);
  });
});
