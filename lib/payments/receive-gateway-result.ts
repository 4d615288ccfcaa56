import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDatabase, type Database } from "@/db";
import { paymentAttempts } from "@/db/schema";
import {
  AtomDecryptionError,
  AtomSignatureError,
  isAtomError,
  type AtomClient,
  type VerifiedPayment,
} from "@/lib/atom";
import { openAttention } from "@/lib/attention/open-attention";
import { formatRupees } from "@/lib/money";
import { getEnv } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { withLogContext } from "@/lib/log-context";
import { observeGatewayMessage, type MessageObservation } from "@/lib/observability/observe-gateway";
import { applyGatewayResult, type AppliedResult, type GatewayResultSource } from "./apply-gateway-result";
import { getAtomClient } from "./gateway";
import { storableText } from "./storable-text";

/** The posted form, read: its encData, or why it is not a gateway result. */
export type GatewayBody = { ok: true; encData: string } | { ok: false; reason: string };

/** Why a message was not applied, for the figures (the reason says it in words). */
export type Rejection = Exclude<MessageObservation["rejection"], "none">;

export type ReceiveOutcome =
  | { kind: "applied"; result: AppliedResult }
  /** The message cannot be trusted or does not fit an attempt: answer 4xx, nothing was applied. */
  | { kind: "rejected"; rejection: Rejection; reason: string; orderId?: string }
  /** It could not be stored (database trouble): answer 5xx so the gateway tries again. */
  | { kind: "unavailable" };

export interface ReceiveContext {
  db: Database;
  gateway: Pick<AtomClient, "verifyGatewayResult">;
  merchId: string;
}

const gatewayFormSchema = z.object({
  encData: z.string().trim().min(1, "encData is missing").max(200_000, "encData is too long"),
  merchId: z.string().max(20).optional(),
});

/** The body as the gateway posts it, a form, whatever the Content-Type says; undefined when it was too large to read. */
export function parseGatewayBody(text: string | undefined): GatewayBody {
  if (text === undefined) return { ok: false, reason: "body too large" };
  const form = gatewayFormSchema.safeParse(Object.fromEntries(new URLSearchParams(text)));
  if (!form.success) return { ok: false, reason: form.error.issues[0]?.message ?? "malformed body" };
  return { ok: true, encData: form.data.encData };
}

/**
 * The callback and return routes' shared path: verify (decrypt, check the signature) →
 * apply to the attempt. Every outcome is a value: untrusted, unknown or mismatched input
 * is a rejection (logged); a failure to store it (the database, say) is `unavailable`,
 * logged without the query parameters, which carry the shopper's details.
 */
export async function receiveGatewayResult(
  body: GatewayBody,
  source: MessageObservation["source"],
  context?: ReceiveContext,
): Promise<ReceiveOutcome> {
  let outcome: ReceiveOutcome;
  try {
    outcome = body.ok
      ? await verifyAndApply(body.encData, source, context ?? (await processContext()))
      : { kind: "rejected", rejection: "malformed", reason: body.reason };
  } catch (error) {
    log.error({ source, ...errorFields(error) }, "gateway result could not be stored");
    outcome = { kind: "unavailable" };
  }
  if (outcome.kind === "rejected")
    log.warn({ source, reason: outcome.reason, orderId: outcome.orderId }, "gateway result rejected");
  await observeGatewayMessage(context?.db ?? getDatabase(), { source, ...observationOf(outcome) });
  return outcome;
}

function observationOf(outcome: ReceiveOutcome): Omit<MessageObservation, "source"> {
  switch (outcome.kind) {
    case "applied":
      return { result: outcome.result.changed ? "applied" : "duplicate", rejection: "none" };
    case "rejected":
      return { result: "rejected", rejection: outcome.rejection };
    case "unavailable":
      return { result: "unavailable", rejection: "none" };
  }
}

async function verifyAndApply(
  encData: string,
  source: GatewayResultSource,
  context: ReceiveContext,
): Promise<ReceiveOutcome> {
  let verified;
  try {
    verified = await context.gateway.verifyGatewayResult(encData);
  } catch (error) {
    if (!isAtomError(error)) throw error;
    if (error instanceof AtomSignatureError) await logSignatureFailure(context.db, source, error);
    return {
      kind: "rejected",
      rejection: error.kind === "signature" ? "signature" : "malformed",
      reason: `${error.kind}: ${error.message}`,
    };
  }
  return withLogContext({ merchTxnId: verified.merchTxnId }, async () => {
    const received = {
      source,
      atomTxnId: verified.atomTxnId,
      status: verified.outcome,
      statusCode: verified.statusCode,
    };
    let outcome: ReceiveOutcome;
    try {
      outcome = await applyVerifiedResult(context, verified, source);
    } catch (error) {
      log.info({ ...received, result: "unavailable" }, "Callback received");
      throw error;
    }
    const orderId =
      outcome.kind === "applied" ? outcome.result.orderId : outcome.kind === "rejected" ? outcome.orderId : undefined;
    log.info({ ...received, result: observationOf(outcome).result, orderId }, "Callback received");
    return outcome;
  });
}

/**
 * A posted message that could not be decrypted or whose signature failed: logged with
 * which step failed and, when it could be read, the payment it claims to be about and
 * that payment's order (null when it names none of ours or could not be read). Never the
 * message itself.
 */
async function logSignatureFailure(
  db: Database,
  source: GatewayResultSource,
  error: AtomSignatureError,
): Promise<void> {
  const claimed = error.claimedMerchTxnId;
  // Only for the log line: a database that cannot answer leaves the order unknown, the answer still 400.
  const [attempt] =
    claimed === undefined
      ? []
      : await db
          .select({ orderId: paymentAttempts.orderId })
          .from(paymentAttempts)
          .where(eq(paymentAttempts.merchTxnId, claimed))
          .limit(1)
          .catch(() => []);
  log.warn(
    {
      source,
      orderId: attempt?.orderId ?? null,
      claimedMerchTxnId: claimed ?? null,
      // Which step failed (class names do not survive the production bundle's minifier).
      failure: error instanceof AtomDecryptionError ? "decryption" : "signature",
      errorMessage: error.message,
    },
    "Signature verification failed",
  );
}

/**
 * A verified result (posted with its signature checked, or the answer to a requery: see
 * requeryAttempt) → stored as far as it can be: identifiers must be storable as they are,
 * other text is made storable; a successful payment naming no attempt of ours goes on the
 * needs-attention list; a mismatch is refused (and flagged by applyGatewayResult).
 */
export async function applyVerifiedResult(
  context: Pick<ReceiveContext, "db" | "merchId">,
  verified: VerifiedPayment,
  source: GatewayResultSource,
): Promise<ReceiveOutcome> {
  const storable = storableText(verified);
  // Identifiers are compared, not only shown: one that needed a replacement could pass for
  // another, so such a result is refused rather than stored.
  if (storable.merchTxnId !== verified.merchTxnId || storable.atomTxnId !== verified.atomTxnId) {
    return {
      kind: "rejected",
      rejection: "other",
      reason: "the result's merchTxnId or atomTxnId holds characters that cannot be stored",
    };
  }
  if (JSON.stringify(storable) !== JSON.stringify(verified)) {
    log.warn(
      { source, merchTxnId: verified.merchTxnId },
      "gateway result held unstorable characters: stored as U+FFFD",
    );
  }
  const outcome = await applyGatewayResult(context.db, context.merchId, storable, source);
  switch (outcome.kind) {
    case "applied":
      return outcome;
    case "unknown_attempt":
      await reportUnknownPayment(context.db, storable, source);
      return { kind: "rejected", rejection: "unknown_attempt", reason: outcome.reason };
    case "mismatch":
      return {
        kind: "rejected",
        rejection: "mismatch",
        reason: `Gateway result does not match the order: ${outcome.problems.join("; ")}`,
        orderId: outcome.orderId,
      };
  }
}

/**
 * A genuine (signed) result for a merchTxnId the shop never issued: money may be at the
 * gateway for nothing the shop knows, so an admin must look. One item per transaction.
 */
async function reportUnknownPayment(db: Database, result: VerifiedPayment, source: GatewayResultSource): Promise<void> {
  // A failed or pending try holds no money.
  if (result.outcome !== "success") return;
  await db.transaction((tx) =>
    openAttention(tx, {
      kind: "unknown_payment",
      subject: `${result.merchTxnId}/${result.atomTxnId}`,
      reason: `The gateway reported a payment (${source}) for merchTxnId ${result.merchTxnId}, atomTxnId ${result.atomTxnId}, ${formatRupees(result.totalAmountPaise)}, which no payment attempt of the shop has.`,
      detail: {
        merchTxnId: result.merchTxnId,
        atomTxnId: result.atomTxnId,
        amountPaise: result.totalAmountPaise,
        source,
      },
    }),
  );
}

/** This process's database, gateway client and merchant. */
async function processContext(): Promise<ReceiveContext> {
  return { db: await getDatabase(), gateway: getAtomClient(), merchId: getEnv().atom.merchId };
}
