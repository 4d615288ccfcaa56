import { z } from "zod";
import { getDatabase } from "@/db";
import { apiError, apiJson, authenticateAdmin, errorAnswer } from "@/lib/api/admin-api";
import { findRefundResource } from "@/lib/api/refund-resource";
import { withRequestLogContext } from "@/lib/log-context";

export const dynamic = "force-dynamic";

/** One refund as the admin API shows it (README's "Refunds API"); 404 refund_not_found. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return withRequestLogContext(request.headers, async () => {
    try {
      const db = await getDatabase();
      const admin = await authenticateAdmin(request, db, { unsafe: false });
      if (admin instanceof Response) return admin;
      const id = z.uuid().safeParse((await context.params).id);
      const refund = id.success ? await findRefundResource(db, id.data) : undefined;
      if (refund === undefined) return apiError(404, { code: "refund_not_found", message: "No refund has this id." });
      return apiJson(200, refund);
    } catch (error) {
      return errorAnswer(error);
    }
  });
}
