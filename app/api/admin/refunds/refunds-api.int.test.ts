import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { apiTokens, orderItems, refunds, users } from "@/db/schema";
import { PROCESS_APP_URL, useProcessDatabase } from "@/db/testing/process-database";
import { testServerUrl } from "@/db/testing/test-database";
import { createOrder, createUser, idempotencyKey } from "@/lib/admin/testing/fixtures";
import { createApiToken, revokeApiToken } from "@/lib/api/api-tokens";
import type { SessionUser } from "@/lib/auth/session";
import { stampPeerAddress } from "@/lib/client-address";
import { RATE_LIMITS } from "@/lib/rate-limits/limits";
import { startRefundGateway, type RefundGatewayStub } from "@/lib/refunds/testing/refund-gateway";
import { GET } from "./[id]/route";
import { POST } from "./route";

// The refunds API's real route handlers, on this process's own database, with the gateway's
// REFUND answered by a local stand-in speaking its wire format (ATOM_REFUND_URL points there).

const AUTH_SECRET = "integration-tests-only-auth-secret-0123456789";
let db: Database;
let release: () => Promise<void>;
let gateway: RefundGatewayStub;
let admin: SessionUser;
let adminToken: string;

beforeAll(async () => {
  gateway = await startRefundGateway("accept");
  process.env.ATOM_REFUND_URL = `${gateway.url}/refund`;
  process.env.ATOM_REFUND_STATUS_URL = `${gateway.url}/refund-status`;
  ({ db, release } = await useProcessDatabase());
  admin = await createUser(db, "admin");
  ({ token: adminToken } = await createApiToken(db, { email: admin.email, name: "integration tests" }));
});
afterAll(async () => {
  await gateway?.close();
  await release?.();
});

type Auth = { token: string } | { session: SessionUser } | "none";

/** A session cookie as next-auth sets it after signing in (http: no __Secure- prefix). */
async function sessionCookie(user: SessionUser): Promise<string> {
  const jwt = await encode({ token: { sub: user.id, email: user.email }, secret: AUTH_SECRET });
  return `next-auth.session-token=${jwt}`;
}

async function headersFor(auth: Auth, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const headers: Record<string, string> = { ...extra };
  if (auth !== "none" && "token" in auth) headers.authorization = `Bearer ${auth.token}`;
  if (auth !== "none" && "session" in auth) headers.cookie = await sessionCookie(auth.session);
  return headers;
}

interface PostOptions {
  auth?: Auth;
  key?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
  /** The peer address the request comes from. */
  from?: string;
}

async function post(body: unknown, options: PostOptions = {}): Promise<Response> {
  const headers = await headersFor(options.auth ?? { token: adminToken }, {
    "content-type": options.contentType ?? "application/json",
    ...options.headers,
  });
  const key = options.key === undefined ? idempotencyKey() : options.key;
  if (key !== null) headers["idempotency-key"] = key;
  if (options.from) stampPeerAddress(headers, options.from);
  return POST(
    new Request(`${PROCESS_APP_URL}/api/admin/refunds`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

async function get(id: string, auth: Auth = { token: adminToken }): Promise<Response> {
  const request = new Request(`${PROCESS_APP_URL}/api/admin/refunds/${id}`, { headers: await headersFor(auth) });
  return GET(request, { params: Promise.resolve({ id }) });
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string; field?: string; issues?: unknown[] } }).error;

const refundsOf = (orderId: string) => db.select().from(refunds).where(eq(refunds.orderId, orderId));

describe(`POST /api/admin/refunds (${testServerUrl() ? "postgres" : "pglite"})`, () => {
  it("refunds an amount (201 and the refund), and the same key and body again answers 200 with the same refund, creating nothing", async () => {
    const order = await createOrder(db, { totalPaise: 50_000 });
    const key = idempotencyKey();
    const body = { orderId: order.id, amountPaise: 12_345, reason: "One tin arrived dented" };

    const first = await post(body, { key });
    expect(first.status).toBe(201);
    const refund = (await first.json()) as Record<string, unknown>;
    expect(refund).toMatchObject({
      orderId: order.id,
      status: "completed",
      amountPaise: 12_345,
      reason: "One tin arrived dented",
      gatewayStatusCode: "OTS0000",
      restock: false,
      items: [],
    });
    expect(refund.refundTxnId).toBe(gateway.refunded.get(String(refund.prodRefundId))?.refundTxnId);
    expect(first.headers.get("location")).toBe(`/api/admin/refunds/${String(refund.id)}`);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const again = await post(body, { key });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(refund);
    expect(await refundsOf(order.id)).toHaveLength(1);
    expect(gateway.requests.filter((seen) => seen.prodRefundId === refund.prodRefundId)).toHaveLength(1);

    // GET reads the same refund.
    const read = await get(String(refund.id));
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(refund);
  });

  it("refuses the same key with another body (409) and creates nothing more", async () => {
    const order = await createOrder(db, { totalPaise: 50_000 });
    const key = idempotencyKey();
    const body = { orderId: order.id, amountPaise: 1_000, reason: "Late delivery" };
    expect((await post(body, { key })).status).toBe(201);

    for (const other of [
      { ...body, amountPaise: 2_000 },
      { ...body, reason: "Another reason" },
      { ...body, restock: true },
    ]) {
      const reused = await post(other, { key });
      expect(reused.status).toBe(409);
      expect((await errorOf(reused)).code).toBe("idempotency_key_reused");
    }
    expect(await refundsOf(order.id)).toHaveLength(1);
  });

  it("refuses more than is refundable (422, naming the amount), and leaves no refund", async () => {
    const order = await createOrder(db, { totalPaise: 10_000 });
    const over = await post({ orderId: order.id, amountPaise: 10_001, reason: "Too much" });
    expect(over.status).toBe(422);
    expect(await errorOf(over)).toMatchObject({
      code: "amount_exceeds_refundable",
      field: "amountPaise",
      message: expect.stringContaining("₹100.00"),
    });
    expect(await refundsOf(order.id)).toHaveLength(0);
  });

  it("refuses an order that cannot be refunded (422) and an unknown one (404)", async () => {
    const unpaid = await createOrder(db, { status: "pending", atomTxnId: null });
    const refused = await post({ orderId: unpaid.id, amountPaise: 100, reason: "Not paid" });
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).code).toMatch(/^(order_not_refundable|no_gateway_transaction)$/);

    const unknown = await post({ orderId: "00000000-0000-4000-8000-000000000000", amountPaise: 100, reason: "Nobody" });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("order_not_found");
  });

  it("lists every problem of an invalid body (400 invalid_request)", async () => {
    const order = await createOrder(db);
    const invalid = await post({ orderId: "not-a-uuid", amountPaise: 12.5, reason: "x" });
    expect(invalid.status).toBe(400);
    const error = await errorOf(invalid);
    expect(error.code).toBe("invalid_request");
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "orderId" }),
        expect.objectContaining({ field: "amountPaise" }),
        expect.objectContaining({ field: "reason" }),
      ]),
    );

    const cases: Array<[unknown, string]> = [
      [{ orderId: order.id, amountPaise: 100, items: [], reason: "Both" }, "items"],
      [
        { orderId: order.id, amountPaise: 100, items: [{ orderItemId: order.id, quantity: 1 }], reason: "Both" },
        "amountPaise",
      ],
      [{ orderId: order.id, reason: "Neither" }, "amountPaise"],
      [{ orderId: order.id, items: [{ orderItemId: "x", quantity: 0 }], reason: "Bad items" }, "items.0.orderItemId"],
      [{ orderId: order.id, amountPaise: "100", reason: "A string" }, "amountPaise"],
      [{ orderId: order.id, amountPaise: 100, reason: "Extra", idempotencyKey: "in-the-body-0123456" }, ""],
      [[1, 2], ""],
    ];
    for (const [body, field] of cases) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      const { code, issues } = await errorOf(answer);
      expect(code).toBe("invalid_request");
      expect(issues, JSON.stringify(body)).toContainEqual(expect.objectContaining({ field }));
    }
    expect(await refundsOf(order.id)).toHaveLength(0);
  });

  it("refunds by items through the refund service: the units valued at their unit price", async () => {
    const order = await createOrder(db, { totalPaise: 45_000 });
    const [line] = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    const answer = await post({ orderId: order.id, items: [{ orderItemId: line!.id, quantity: 1 }], reason: "Broken" });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({
      orderId: order.id,
      amountPaise: 45_000,
      items: [{ orderItemId: line!.id, quantity: 1, amountPaise: 45_000 }],
    });
    // The line has no unit left: a second item refund of it is a rule's refusal.
    const again = await post({ orderId: order.id, items: [{ orderItemId: line!.id, quantity: 1 }], reason: "Again" });
    expect(again.status).toBe(422);
    expect(await refundsOf(order.id)).toHaveLength(1);
  });

  it("needs an Idempotency-Key of the form's shape (400)", async () => {
    const order = await createOrder(db);
    const body = { orderId: order.id, amountPaise: 100, reason: "No key" };
    const missing = await post(body, { key: null });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ code: "idempotency_key_required", field: "Idempotency-Key" });
    const short = await post(body, { key: "too-short" });
    expect(short.status).toBe(400);
    expect(await errorOf(short)).toMatchObject({ code: "invalid_request", field: "Idempotency-Key" });
    expect(await refundsOf(order.id)).toHaveLength(0);
  });

  it("refuses a body that is not JSON (415), too large (413) or unreadable (400)", async () => {
    const order = await createOrder(db);
    const body = { orderId: order.id, amountPaise: 100, reason: "Wrong type" };
    const form = await post(`orderId=${order.id}&amountPaise=100`, {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect((await errorOf(form)).code).toBe("unsupported_media_type");
    expect((await post(JSON.stringify(body), { contentType: "text/plain" })).status).toBe(415);
    expect((await post(body, { contentType: "application/json; charset=utf-8" })).status).toBe(201);

    const large = await post({ ...body, reason: "x".repeat(17 * 1024) });
    expect(large.status).toBe(413);
    expect((await errorOf(large)).code).toBe("body_too_large");
    const broken = await post("{ not json");
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe("invalid_json");
  });
});

describe("who may use the refunds API", () => {
  const body = async () => ({ orderId: (await createOrder(db)).id, amountPaise: 500, reason: "Authorization" });

  it("refuses anyone without a session or token (401 with a Bearer challenge)", async () => {
    const answer = await post(await body(), { auth: "none" });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    expect((await errorOf(answer)).code).toBe("unauthenticated");
    expect((await get("00000000-0000-4000-8000-000000000000", "none")).status).toBe(401);
  });

  it("refuses a signed-in customer (403), and a session cookie that is not the shop's (401)", async () => {
    const customer = await createUser(db, "customer");
    const request = await body();
    const refused = await post(request, { auth: { session: customer } });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("forbidden");
    const forged = await post(request, { auth: "none", headers: { cookie: "next-auth.session-token=forged" } });
    expect(forged.status).toBe(401);
    expect(await refundsOf(request.orderId)).toHaveLength(0);
  });

  it("lets an admin's session refund from the shop's own origin, and refuses it from another (403 cross_origin)", async () => {
    const request = await body();
    const foreign = await post(request, { auth: { session: admin }, headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe("cross_origin");
    expect(await refundsOf(request.orderId)).toHaveLength(0);

    const own = await post(request, { auth: { session: admin }, headers: { origin: PROCESS_APP_URL } });
    expect(own.status).toBe(201);
    const without = await post(await body(), { auth: { session: admin } });
    expect(without.status).toBe(201);
  });

  it("lets an admin's token refund, and records the refund as that admin's", async () => {
    const request = await body();
    const answer = await post(request);
    expect(answer.status).toBe(201);
    const [row] = await refundsOf(request.orderId);
    expect(row?.requestedBy).toBe(admin.id);
  });

  it("refuses a revoked token (401) and a token whose user is no longer an admin (403)", async () => {
    const revoked = await createApiToken(db, { email: admin.email, name: "revoked" });
    await revokeApiToken(db, revoked.id);
    const request = await body();
    const answer = await post(request, { auth: { token: revoked.token } });
    expect(answer.status).toBe(401);
    expect((await errorOf(answer)).code).toBe("invalid_token");
    expect((await get("00000000-0000-4000-8000-000000000000", { token: revoked.token })).status).toBe(401);

    const formerAdmin = await createUser(db, "admin");
    const demoted = await createApiToken(db, { email: formerAdmin.email, name: "demoted" });
    expect((await post(await body(), { auth: { token: demoted.token } })).status).toBe(201);
    await db.update(users).set({ role: "customer" }).where(eq(users.id, formerAdmin.id));
    const refused = await post(request, { auth: { token: demoted.token } });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("forbidden");
    expect(await refundsOf(request.orderId)).toHaveLength(0);

    const garbage = await post(request, { auth: { token: "lbk_not-a-token" } });
    expect(garbage.status).toBe(401);
  });

  it("notes a token's last use at most once a minute", async () => {
    const made = await createApiToken(db, { email: admin.email, name: "last used" });
    const lastUsed = async () =>
      (await db.select().from(apiTokens).where(eq(apiTokens.id, made.id)))[0]?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    await get("00000000-0000-4000-8000-000000000000", { token: made.token });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await get("00000000-0000-4000-8000-000000000000", { token: made.token });
    expect(await lastUsed()).toEqual(first);
  });

  it("limits unknown tokens from one address like failed sign-ins (429 with Retry-After), never a valid token", async () => {
    const { points } = RATE_LIMITS.apiTokenFailuresPerAddress;
    const request = await body();
    const unknown = { token: `lbk_${"A".repeat(43)}` };
    // Every unknown token up to the one that crosses the limit is refused as unknown.
    for (let attempt = 1; attempt <= points + 1; attempt++)
      expect((await post(request, { auth: unknown, from: "198.51.100.77" })).status).toBe(401);
    const limited = await post(request, { auth: unknown, from: "198.51.100.77" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await errorOf(limited)).code).toBe("rate_limited");
    // A valid token behind the same address (a shared NAT) still works.
    expect((await post(request, { auth: { token: adminToken }, from: "198.51.100.77" })).status).toBe(201);
  });
});

describe("GET /api/admin/refunds/[id]", () => {
  it("answers 404 refund_not_found for an unknown id or one that is not an id", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const answer = await get(id);
      expect(answer.status).toBe(404);
      expect((await errorOf(answer)).code).toBe("refund_not_found");
    }
  });

  it("lets a customer's session read nothing (403)", async () => {
    const customer = await createUser(db, "customer");
    expect((await get("00000000-0000-4000-8000-000000000000", { session: customer })).status).toBe(403);
  });
});
