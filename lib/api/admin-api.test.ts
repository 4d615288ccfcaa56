import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RateLimitedError } from "@/lib/domain-error";
import { RefundRuleError } from "@/lib/refunds/errors";
import { errorAnswer, invalidRequest, MAX_BODY_BYTES, readJsonBody } from "./admin-api";
import { apiTokenDigest } from "./api-tokens";

const post = (body: string, contentType?: string) =>
  new Request("http://shop.test/api/admin/refunds", {
    method: "POST",
    headers: contentType === undefined ? {} : { "content-type": contentType },
    body,
  });

const errorOf = async (response: Response) => ((await response.json()) as { error: Record<string, unknown> }).error;

describe("readJsonBody", () => {
  it("reads a JSON body, with or without a charset", async () => {
    expect(await readJsonBody(post('{"a":1}', "application/json"))).toEqual({ a: 1 });
    expect(await readJsonBody(post("[]", "Application/JSON; charset=utf-8"))).toEqual([]);
  });

  it("refuses other media types (415), bodies over the limit (413) and text that is not JSON (400)", async () => {
    for (const type of [undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const refused = (await readJsonBody(post("{}", type))) as Response;
      expect(refused.status).toBe(415);
      expect((await errorOf(refused)).code).toBe("unsupported_media_type");
    }
    const large = (await readJsonBody(post(`"${"x".repeat(MAX_BODY_BYTES)}"`, "application/json"))) as Response;
    expect(large.status).toBe(413);
    const broken = (await readJsonBody(post("{", "application/json"))) as Response;
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe("invalid_json");
  });
});

describe("invalidRequest", () => {
  it("lists every issue by field, renaming fields that came from headers", async () => {
    const schema = z.object({ amountPaise: z.number(), idempotencyKey: z.string() });
    const { error } = schema.safeParse({ amountPaise: "1" });
    const answer = invalidRequest(error!.issues, { idempotencyKey: "Idempotency-Key" });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const body = await errorOf(answer);
    expect(body).toMatchObject({ code: "invalid_request", field: "amountPaise" });
    expect(body.issues).toEqual([
      { field: "amountPaise", message: expect.any(String) },
      { field: "Idempotency-Key", message: expect.any(String) },
    ]);
  });
});

describe("errorAnswer", () => {
  it("answers the refund rules with their code: 404 unknown order, 409 reused key, 422 the rest", async () => {
    expect(errorAnswer(new RefundRuleError("order_not_found", "No such order.")).status).toBe(404);
    expect(
      errorAnswer(new RefundRuleError("idempotency_key_reused", "x"), { idempotency_key_reused: "API" }).status,
    ).toBe(409);
    const over = errorAnswer(RefundRuleError.amountExceeds(500));
    expect(over.status).toBe(422);
    expect(await errorOf(over)).toEqual({
      code: "amount_exceeds_refundable",
      message: "At most ₹5.00 can still be refunded on this order (refunds in progress count too).",
      field: "amountPaise",
    });
  });

  it("answers a rate limit 429 with Retry-After", () => {
    const limited = errorAnswer(new RateLimitedError("signInAddress", "Too many.", 42));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("42");
  });

  it("answers anything unexpected 500 without its message or stack", async () => {
    const answer = errorAnswer(new Error("connection to postgres://user:secret@db failed"));
    expect(answer.status).toBe(500);
    const text = JSON.stringify(await answer.json());
    expect(text).toContain("internal_error");
    expect(text).not.toContain("secret");
    expect(text).not.toContain("at ");
  });
});

describe("apiTokenDigest", () => {
  it("is SHA-256 in hex (a known answer)", () => {
    expect(apiTokenDigest("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
