import { z } from "zod";
import { listDeliveries } from "./callbacks";
import type { SandboxContext } from "./context";
import { applyControl, listSwitches, resetSwitches } from "./switches";
import { describeTransaction, findByMerchTxnId, findByToken } from "./transactions";

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/** ?atomTokenId=… or ?merchTxnId=… */
const paymentFilterSchema = z.union([
  z.object({ atomTokenId: z.string().regex(/^\d{14}$/) }),
  z.object({ merchTxnId: z.string().min(1).max(50) }),
]);

function paymentFilter(request: Request) {
  return paymentFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
}

const badFilter = () => json({ error: "give ?atomTokenId=<14 digits> or ?merchTxnId=<id>" }, 400);

/** POST /atom-sandbox/control: set switches (JSON body, see control-schema.ts). */
export async function setSwitches(context: SandboxContext, request: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: "the body must be JSON" }, 400);
  }
  try {
    const scope = await applyControl(context.db, body);
    return json({ ok: true, scope });
  } catch (error) {
    if (error instanceof z.ZodError) {
      return json(
        {
          error: "invalid switches",
          issues: error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
        },
        400,
      );
    }
    throw error;
  }
}

/** DELETE /atom-sandbox/control: every switch off (recorded payments stay). */
export async function clearSwitches(context: SandboxContext): Promise<Response> {
  await resetSwitches(context.db);
  return json({ ok: true });
}

/** GET /atom-sandbox/control: the switches now set. */
export async function showSwitches(context: SandboxContext): Promise<Response> {
  return json(await listSwitches(context.db));
}

/** GET /atom-sandbox/control/deliveries?atomTokenId=…|merchTxnId=… */
export async function showDeliveries(context: SandboxContext, request: Request): Promise<Response> {
  const filter = paymentFilter(request);
  if (!filter.success) return badFilter();
  return json({ deliveries: await listDeliveries(context.db, filter.data) });
}

/** GET /atom-sandbox/control/transactions?atomTokenId=…|merchTxnId=… */
export async function showTransaction(context: SandboxContext, request: Request): Promise<Response> {
  const filter = paymentFilter(request);
  if (!filter.success) return badFilter();
  const transaction =
    "atomTokenId" in filter.data
      ? await findByToken(context.db, filter.data.atomTokenId)
      : await findByMerchTxnId(context.db, context.atom.merchId, filter.data.merchTxnId);
  if (transaction === undefined) return json({ error: "no such sandbox transaction" }, 404);
  return json({ transaction: await describeTransaction(context.db, transaction) });
}
