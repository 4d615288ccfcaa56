import { z } from "zod";
import type { Database } from "@/db";
import { isAtomError, type AtomClient } from "@/lib/atom";
import { applyGatewayResult, ResultMismatchError, UnknownAttemptError, type AppliedResult, type GatewayResultSource } from "./apply-gateway-result";

export type ReceiveOutcome =
  | { kind: "applied"; result: AppliedResult }
  /** The message cannot be trusted or does not fit an attempt: answer 4xx, nothing was applied. */
  | { kind: "rejected"; reason: string; orderId?: string }
  /** It could not be stored (database trouble): answer 5xx so the gateway tries again. */
  | { kind: "unavailable" };

const gatewayFormSchema = z.object({
  encData: z.string().trim().min(1, "encData is missing").max(200_000, "encData is too long"),
  merchId: z.string().max(20).optional(),
});

/**
 * The callback and return routes' shared path: form body → decrypt → verify signature →
 * check against the attempt → apply. Database failures are thrown (the route answers
 * 5xx so the gateway retries); untrusted or mismatched input is a rejection.
 */
export async function receiveGatewayResult(
  context: { db: Database; gateway: Pick<AtomClient, "readGatewayResult">; merchId: string },
  rawBody: string,
  source: GatewayResultSource,
): Promise<ReceiveOutcome> {
  // The gateway posts a form; read it as one whatever the Content-Type says.
  const form = gatewayFormSchema.safeParse(Object.fromEntries(new URLSearchParams(rawBody)));
  if (!form.success) return { kind: "rejected", reason: form.error.issues[0]?.message ?? "malformed body" };
  let verified;
  try {
    verified = await context.gateway.readGatewayResult(form.data.encData);
  } catch (error) {
    if (isAtomError(error)) return { kind: "rejected", reason: `${error.kind}: ${error.message}` };
    throw error;
  }
  try {
    return { kind: "applied", result: await applyGatewayResult(context.db, context.merchId, verified, source) };
  } catch (error) {
    if (error instanceof UnknownAttemptError) return { kind: "rejected", reason: error.message };
    if (error instanceof ResultMismatchError) return { kind: "rejected", reason: error.message, orderId: error.orderId };
    throw error;
  }
}
