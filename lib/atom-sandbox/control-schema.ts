import { z } from "zod";
import { SANDBOX_APIS } from "@/db/sandbox-schema";

// The control route's JSON (POST /atom-sandbox/control). Shared by the route and by
// control-client.ts, so tests that set switches are checked against the same schema.

/** "global", or one payment named by its token or the merchant's merchTxnId. */
const switchScopeSchema = z.union([
  z.literal("global"),
  z.strictObject({ atomTokenId: z.string().regex(/^\d{14}$/, "must be the 14-digit atomTokenId") }),
  z.strictObject({ merchTxnId: z.string().min(1).max(50) }),
]);
export type SwitchScope = z.infer<typeof switchScopeSchema>;

export const callbackSwitchesSchema = z.strictObject({
  /** Hold the first attempt back this long. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Never send it (the delivery is recorded as "dropped"). */
  drop: z.boolean().optional(),
  /** Send this many identical copies at once (2 or more duplicates the callback). */
  duplicates: z.number().int().min(1).max(20).optional(),
  /** Send a signature that does not match. */
  corruptSignature: z.boolean().optional(),
  /** Report this amount (paise) instead of the real one, under a VALID signature. */
  tamperAmountPaise: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  /** Retry schedule: first backoff step (doubles per retry) and attempts in all. */
  retryBaseMs: z.number().int().min(10).max(60_000).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
});
export type CallbackSwitches = z.infer<typeof callbackSwitchesSchema>;

export const pendingSwitchesSchema = z.strictObject({
  /** How long a pending test payment waits before it settles. */
  settleAfterMs: z.number().int().min(0).max(86_400_000).optional(),
  /** What it settles to. */
  settleAs: z.enum(["success", "failed"]).optional(),
});
export type PendingSwitches = z.infer<typeof pendingSwitchesSchema>;

const apiFaultSchema = z.strictObject({
  /** Answer 503 without processing: the next N requests, or every one (true). */
  fail5xx: z.union([z.literal(true), z.number().int().min(1).max(10_000)]).optional(),
  /** Process the request, then hold the answer back this long (the client times out). */
  hangMs: z.number().int().min(1).max(600_000).optional(),
});
export type ApiFault = z.infer<typeof apiFaultSchema>;

/**
 * Each section given replaces that section for the scope ("callback": {} clears it);
 * sections left out stay as they were.
 */
export const controlRequestSchema = z.strictObject({
  scope: switchScopeSchema.default("global"),
  callback: callbackSwitchesSchema.optional(),
  pending: pendingSwitchesSchema.optional(),
  api: z.partialRecord(z.enum(SANDBOX_APIS), apiFaultSchema).optional(),
});
export type ControlRequest = z.input<typeof controlRequestSchema>;

/** The key a scope is stored under. */
export function scopeKey(scope: SwitchScope): string {
  if (scope === "global") return "global";
  return "atomTokenId" in scope ? `token:${scope.atomTokenId}` : `merchTxnId:${scope.merchTxnId}`;
}

/** One callback copy as GET /atom-sandbox/control/deliveries lists it. */
export interface DeliveryView {
  id: string;
  atomTokenId: string;
  merchTxnId: string;
  targetUrl: string;
  status: "scheduled" | "delivered" | "failed" | "dropped";
  faults: string[];
  attempts: Array<{
    attempt: number;
    httpStatus: number | null;
    error: string | null;
    durationMs: number;
    startedAt: string;
  }>;
  maxAttempts: number;
  lastHttpStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  /**
   * SHA-256 (hex) of the form body posted (merchId=…&encData=…), to match it with what a
   * receiver got. Not the body: the sandbox's keys are public, so it is as readable as the payload.
   */
  bodySha256: string;
  /** Its decrypted JSON, the shopper's email, mobile and name masked. */
  payload: Record<string, unknown>;
}

/** A sandbox transaction as GET /atom-sandbox/control/transactions shows it (no secrets). */
export interface TransactionView {
  atomTokenId: string;
  atomTxnId: string | null;
  merchTxnId: string;
  status: "created" | "pending" | "success" | "failed";
  amountPaise: number;
  surchargePaise: number;
  refundedPaise: number;
  statusCode: string | null;
  subChannel: string | null;
  bankTxnId: string | null;
  settleAt: string | null;
  refunds: Array<{ refundTxnId: string; prodRefundId: string; amountPaise: number }>;
}
