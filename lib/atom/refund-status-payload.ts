import { z } from "zod";
import type { AtomConfig } from "./config";
import { AtomValidationError } from "./errors";
import {
  gatewayId,
  gatewayPaise,
  merchIdNumber,
  optionalText,
  parseOrThrow,
  responseDetailsSchema,
} from "./payload-fields";

/** REFUNDSTATUS request (protocol page §6): note the password goes base64-encoded here. */
const refundStatusRequestSchema = z.object({
  payInstrument: z.object({
    headDetails: z.object({ api: z.literal("REFUNDSTATUS"), source: z.literal("OTS_ARS") }),
    merchDetails: z.object({ merchId: merchIdNumber, password: z.base64().min(1) }),
    payDetails: z.object({
      atomTxnId: z.number().int().positive(),
      prodDetails: z.array(z.object({ prodName: z.string().min(1) })).min(1),
    }),
  }),
});
export type RefundStatusRequestPayload = z.infer<typeof refundStatusRequestSchema>;

export interface RefundStatusInput {
  atomTxnId: string;
  /** Products to ask about; defaults to [config.productId]. */
  prodNames?: readonly string[];
}

export function buildRefundStatusRequest(config: AtomConfig, input: RefundStatusInput): RefundStatusRequestPayload {
  if (!/^\d{1,15}$/.test(input.atomTxnId)) {
    throw new AtomValidationError("Refund status request does not match the protocol", [
      "atomTxnId: must be the gateway's numeric id",
    ]);
  }
  const payload = {
    payInstrument: {
      headDetails: { api: "REFUNDSTATUS", source: "OTS_ARS" },
      merchDetails: {
        merchId: Number(config.merchId),
        password: Buffer.from(config.password.reveal(), "utf8").toString("base64"),
      },
      payDetails: {
        atomTxnId: Number(input.atomTxnId),
        prodDetails: (input.prodNames ?? [config.productId]).map((prodName) => ({ prodName })),
      },
    },
  };
  return parseOrThrow(refundStatusRequestSchema, payload, "Refund status request");
}

const refundStatusDetailsSchema = z.array(
  z.object({
    prodName: optionalText,
    refundStatus: z
      .array(
        z.object({
          refundTxnId: gatewayId.nullish(),
          prodRefundId: optionalText,
          refundAmt: gatewayPaise,
          remarks: optionalText,
          refundInitiatedDate: optionalText,
        }),
      )
      .nullish(),
  }),
);

/**
 * The page shows refundStatusDetails at the top of the decrypted JSON; the other
 * responses wrap everything in payInstrument, so both places are read.
 */
export const refundStatusResponseSchema = z.union([
  z.object({ refundStatusDetails: refundStatusDetailsSchema, responseDetails: responseDetailsSchema.optional() }),
  z.object({
    payInstrument: z.object({
      refundStatusDetails: refundStatusDetailsSchema.nullish(),
      responseDetails: responseDetailsSchema.optional(),
    }),
  }),
]);
export type RefundStatusResponsePayload = z.input<typeof refundStatusResponseSchema>;

export interface RefundStatusEntry {
  refundTxnId: string | null;
  prodRefundId: string;
  amountPaise: number;
  remarks: string;
  initiatedAt: string;
}

export interface RefundStatusResult {
  /** The gateway's status for the query, when it sent one. */
  statusCode: string | null;
  products: Array<{ prodName: string; refunds: RefundStatusEntry[] }>;
}

export function toRefundStatusResult(response: z.output<typeof refundStatusResponseSchema>): RefundStatusResult {
  const body = "payInstrument" in response ? response.payInstrument : response;
  return {
    statusCode: body.responseDetails?.statusCode ?? null,
    products: (body.refundStatusDetails ?? []).map((product) => ({
      prodName: product.prodName,
      refunds: (product.refundStatus ?? []).map((refund) => ({
        refundTxnId: refund.refundTxnId ?? null,
        prodRefundId: refund.prodRefundId,
        amountPaise: refund.refundAmt,
        remarks: refund.remarks,
        initiatedAt: refund.refundInitiatedDate,
      })),
    })),
  };
}
