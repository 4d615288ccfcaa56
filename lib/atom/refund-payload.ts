import { z } from "zod";
import { paiseToPayloadNumber } from "./amount";
import type { AtomConfig } from "./config";
import { AtomValidationError } from "./errors";
import {
  gatewayId,
  gatewayPaise,
  merchantReference,
  merchIdNumber,
  optionalText,
  parseOrThrow,
  payloadAmount,
  responseDetailsSchema,
  toPaiseOrNull,
} from "./payload-fields";
import { refundSignatureMessage, signHex } from "./signature";

/** REFUNDINIT request (protocol page §6). */
const refundRequestSchema = z.object({
  payInstrument: z.object({
    headDetails: z.object({ api: z.literal("REFUNDINIT"), source: z.literal("OTS") }),
    merchDetails: z.object({
      merchId: merchIdNumber,
      password: z.string().min(1).max(80),
      merchTxnId: merchantReference(50),
    }),
    payDetails: z
      .object({
        atomTxnId: z.number().int().positive(),
        signature: z.string().regex(/^[0-9a-f]{128}$/),
        prodDetails: z
          .array(
            z.object({
              prodName: z.string().min(1),
              prodRefundId: merchantReference(50),
              prodRefundAmount: payloadAmount.refine((value) => value > 0, "must be more than zero"),
            }),
          )
          .min(1),
        txnCurrency: z.literal("INR"),
        totalRefundAmount: payloadAmount,
      })
      .superRefine((details, ctx) => {
        const sum = details.prodDetails.reduce((total, line) => total + (toPaiseOrNull(line.prodRefundAmount) ?? 0), 0);
        if (sum !== toPaiseOrNull(details.totalRefundAmount)) {
          ctx.addIssue({
            code: "custom",
            path: ["totalRefundAmount"],
            message: "must equal the sum of prodRefundAmount",
          });
        }
        const ids = details.prodDetails.map((line) => line.prodRefundId);
        if (new Set(ids).size !== ids.length) {
          ctx.addIssue({ code: "custom", path: ["prodDetails"], message: "prodRefundId values must be unique" });
        }
      }),
  }),
});
export type RefundRequestPayload = z.infer<typeof refundRequestSchema>;

export interface RefundLineInput {
  /** Settlement product; defaults to config.productId (UAT requires "NSE"). */
  prodName?: string;
  /**
   * The shop's own id for this refund line. Keep it stable across retries: it is how
   * the gateway recognises a repeated request, which is what makes REFUND safe to retry.
   */
  prodRefundId: string;
  amountPaise: number;
}

export interface RefundInput {
  /** The original payment's merchTxnId and the gateway's atomTxnId for it. */
  merchTxnId: string;
  atomTxnId: string;
  lines: readonly RefundLineInput[];
}

export function buildRefundRequest(config: AtomConfig, input: RefundInput): RefundRequestPayload {
  if (!/^\d{1,15}$/.test(input.atomTxnId)) {
    throw new AtomValidationError("Refund request does not match the protocol", [
      "atomTxnId: must be the gateway's numeric id",
    ]);
  }
  const currency = "INR";
  const totalRefundAmountPaise = input.lines.reduce((total, line) => total + line.amountPaise, 0);
  const password = config.password.reveal();
  const signature = signHex(
    config.requestHashKey,
    refundSignatureMessage({
      merchId: config.merchId,
      password,
      merchTxnId: input.merchTxnId,
      totalRefundAmountPaise,
      currency,
    }),
  );
  const payload = {
    payInstrument: {
      headDetails: { api: "REFUNDINIT", source: "OTS" },
      merchDetails: { merchId: Number(config.merchId), password, merchTxnId: input.merchTxnId },
      payDetails: {
        atomTxnId: Number(input.atomTxnId),
        signature,
        prodDetails: input.lines.map((line) => ({
          prodName: line.prodName ?? config.productId,
          prodRefundId: line.prodRefundId,
          prodRefundAmount: paiseToPayloadNumber(line.amountPaise),
        })),
        txnCurrency: currency,
        totalRefundAmount: paiseToPayloadNumber(totalRefundAmountPaise),
      },
    },
  };
  return parseOrThrow(refundRequestSchema, payload, "Refund request");
}

export const refundResponseSchema = z.object({
  payInstrument: z.object({
    payDetails: z
      .object({
        atomTxnId: gatewayId.nullish(),
        prodDetails: z
          .array(
            z.object({
              prodName: optionalText,
              refundTxnId: gatewayId.nullish(),
              prodRefundId: optionalText,
              prodStatusCode: optionalText,
              prodDescription: optionalText,
              prodRefundAmount: gatewayPaise.nullish(),
            }),
          )
          .nullish(),
        totalRefundAmount: gatewayPaise.nullish(),
        txnCurrency: optionalText,
      })
      .nullish(),
    responseDetails: responseDetailsSchema,
  }),
});
export type RefundResponsePayload = z.input<typeof refundResponseSchema>;

export interface RefundLineResult {
  prodName: string;
  /** The gateway's id for this refund line; null if it created none. */
  refundTxnId: string | null;
  prodRefundId: string;
  statusCode: string;
  description: string;
  amountPaise: number | null;
}

export interface RefundResult {
  /** statusCode === "OTS0000": the gateway accepted the refund request. */
  accepted: boolean;
  atomTxnId: string | null;
  totalRefundAmountPaise: number | null;
  statusCode: string;
  message: string;
  description: string;
  lines: RefundLineResult[];
}

export function toRefundResult(response: z.output<typeof refundResponseSchema>): RefundResult {
  const { payDetails, responseDetails } = response.payInstrument;
  return {
    accepted: responseDetails.statusCode === "OTS0000",
    atomTxnId: payDetails?.atomTxnId ?? null,
    totalRefundAmountPaise: payDetails?.totalRefundAmount ?? null,
    statusCode: responseDetails.statusCode,
    message: responseDetails.message,
    description: responseDetails.description,
    lines: (payDetails?.prodDetails ?? []).map((line) => ({
      prodName: line.prodName,
      refundTxnId: line.refundTxnId ?? null,
      prodRefundId: line.prodRefundId,
      statusCode: line.prodStatusCode,
      description: line.prodDescription,
      amountPaise: line.prodRefundAmount ?? null,
    })),
  };
}
