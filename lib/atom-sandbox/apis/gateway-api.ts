import type { SandboxApi } from "@/db/sandbox-schema";
import type { SandboxContext } from "../context";
import { STATUS } from "../gateway-status";
import { scopesFor, takeApiFault } from "../switches";
import { findByMerchTxnId } from "../transactions";
import { readMerchantForm } from "@/lib/atom/gateway-side";
import { decryptRequest, emptyAnswer, plainStatusAnswer, unavailableAnswer } from "../wire";
import { sectionOf, textIn } from "./fields";

/** One gateway API: which payment a request is about (for fault switches), and its answer. */
export interface GatewayApi {
  name: SandboxApi;
  /** Fault-switch scopes, most specific first, read leniently from the unvalidated request. */
  scopes(context: SandboxContext, payload: Record<string, unknown>): Promise<string[]>;
  answer(context: SandboxContext, payload: Record<string, unknown>): Promise<Response>;
}

/**
 * form → merchant's keys → decrypt → fault switches → the API's answer.
 * Like the gateway: no merchId/encData or an undecryptable encData gets an empty body;
 * a merchId it has no keys for gets a plain OTS0451.
 */
export async function serveGatewayApi(context: SandboxContext, api: GatewayApi, request: Request): Promise<Response> {
  // The posted form, or null when it lacks merchId or encData (the gateway then answers nothing).
  const form = readMerchantForm(await request.text());
  if (form === null) return emptyAnswer();
  if (form.merchId !== context.atom.merchId) return plainStatusAnswer(403, STATUS.invalidMerchant);
  const payload = await decryptRequest(context.atom, form.encData);
  if (payload === null) return emptyAnswer();

  const fault = await takeApiFault(context.db, api.name, await api.scopes(context, payload));
  if (fault.fail5xx) return unavailableAnswer();
  const response = await api.answer(context, payload);
  // hangMs: the request took effect, but its answer comes too late for the client.
  if (fault.hangMs > 0) await context.background.sleep(fault.hangMs);
  return response;
}

/** Scopes of a request that names its payment by merchDetails.merchTxnId (status, refund). */
export async function scopesOfMerchTxnId(context: SandboxContext, payload: Record<string, unknown>): Promise<string[]> {
  const merchTxnId = textIn(sectionOf(payload, "merchDetails"), "merchTxnId");
  const transaction =
    merchTxnId === null ? undefined : await findByMerchTxnId(context.db, context.atom.merchId, merchTxnId);
  return scopesFor({ atomTokenId: transaction?.atomTokenId, merchTxnId });
}
