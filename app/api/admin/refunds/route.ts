import { z } from "zod";
import { getDatabase } from "@/db";
import { apiError, apiJson, authenticateAdmin, errorAnswer, invalidRequest, readJsonBody } from "@/lib/api/admin-api";
import { refundResource } from "@/lib/api/refund-resource";
import { withRequestLogContext } from "@/lib/log-context";
import { getAtomClient } from "@/lib/payments/gateway";
import { requestRefund } from "@/lib/refunds";
import { refundRequestSchema } from "@/lib/refunds/refund-input";

export const dynamic = "force-dynamic";

// The fields a body may have (the Idempotency-Key comes as a header); refundRequestSchema
// then checks their values, the same rules as the admin page's form.
const bodyFields = z.strictObject({
  orderId: z.unknown().optional(),
  attemptId: z.unknown().optional(),
  amountPaise: z.unknown().optional(),
  items: z.unknown().optional(),
  reason: z.unknown().optional(),
  restock: z.unknown().optional(),
});

const KEY_RULE = "send an Idempotency-Key header of 16 to 100 characters (A-Z, a-z, 0-9, _ and -), new for each refund";
const REUSED =
  "This Idempotency-Key was already used for a different refund: send a new key for a new refund, or the same body to read the first one.";

/**
 * Refunds an order (by amount or by items) through the same service as the admin page:
 * 201 and the refund when it is new (processing, when the gateway has not answered yet),
 * 200 and the same refund again, with `Idempotent-Replayed: true`, for a repeat with the
 * same Idempotency-Key and body. Errors: README's "Refunds API".
 */
export async function POST(request: Request): Promise<Response> {
  return withRequestLogContext(request.headers, async () => {
    try {
      return await postRefund(request);
    } catch (error) {
      return errorAnswer(error, { idempotency_key_reused: REUSED });
    }
  });
}

async function postRefund(request: Request): Promise<Response> {
  const db = await getDatabase();
  const admin = await authenticateAdmin(request, db, { unsafe: true });
  if (admin instanceof Response) return admin;
  const body = await readJsonBody(request);
  if (body instanceof Response) return body;
  const idempotencyKey = request.headers.get("idempotency-key");
  if (idempotencyKey === null)
    return apiError(400, {
      code: "idempotency_key_required",
      message: `Idempotency-Key: ${KEY_RULE}.`,
      field: "Idempotency-Key",
    });
  const fields = bodyFields.safeParse(body);
  if (!fields.success) return invalidRequest(fields.error.issues);
  const input = refundRequestSchema.safeParse({ ...fields.data, idempotencyKey });
  if (!input.success)
    return invalidRequest(
      input.error.issues.map((issue) => (issue.path[0] === "idempotencyKey" ? { ...issue, message: KEY_RULE } : issue)),
      { idempotencyKey: "Idempotency-Key" },
    );

  const { refund, duplicate } = await requestRefund(db, getAtomClient(), admin, input.data);
  // The service matches a repeat by its money (order, payment, amount, restock); the API's
  // promise is the same body, so a repeat that gives another reason is another request.
  if (duplicate && refund.reason !== input.data.reason)
    return apiError(409, { code: "idempotency_key_reused", message: REUSED });
  const resource = await refundResource(db, refund);
  return duplicate
    ? apiJson(200, resource, { "Idempotent-Replayed": "true" })
    : apiJson(201, resource, { Location: `/api/admin/refunds/${refund.id}` });
}
