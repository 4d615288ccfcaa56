import { z } from "zod";
import { paiseToPayloadNumber } from "./amount";
import type { AtomConfig } from "./config";
import { AtomValidationError } from "./errors";
import { formatGatewayDateTime, GATEWAY_DATE_TIME } from "./gateway-date";
import {
  gatewayId,
  merchantReference,
  merchIdNumber,
  optionalText,
  parseOrThrow,
  payloadAmount,
  toPaiseOrNull,
} from "./payload-fields";

/** The only payment-mode hints the gateway accepts; anything else is rejected. */
export const SUB_CHANNELS = ["NB", "CC", "DC", "MW", "PP", "PW", "EM", "NR", "BQ", "UP"] as const;
export type SubChannel = (typeof SUB_CHANNELS)[number];

const UDF_NAMES = ["udf1", "udf2", "udf3", "udf4", "udf5", "udf6", "udf7", "udf8", "udf9", "udf10"] as const;
export type UdfName = (typeof UDF_NAMES)[number];

const udf = z.string().max(45).optional();

/** AUTH request (protocol page §6). Used by the builder below and by the sandbox to check what it receives. */
export const authRequestSchema = z.object({
  payInstrument: z.object({
    headDetails: z.object({ version: z.literal("OTSv1.1"), api: z.literal("AUTH"), platform: z.literal("FLASH") }),
    merchDetails: z.object({
      merchId: merchIdNumber,
      userId: z.string().max(45).optional(),
      password: z.string().min(1).max(80),
      merchTxnId: merchantReference(50),
      merchTxnDate: z.string().regex(GATEWAY_DATE_TIME, "must be YYYY-MM-DD hh:mm:ss"),
    }),
    payDetails: z
      .object({
        amount: payloadAmount,
        product: z.string().min(1).optional(),
        prodDetails: z
          .array(z.object({ prodName: z.string().min(1), prodAmount: payloadAmount }))
          .min(1)
          .optional(),
        custAccNo: z.string().optional(),
        clientCode: z.string().optional(),
        txnCurrency: z.literal("INR"),
      })
      .superRefine((details, ctx) => {
        if ((details.product === undefined) === (details.prodDetails === undefined)) {
          ctx.addIssue({ code: "custom", message: "give either product or prodDetails, not both or neither" });
        }
        if (details.prodDetails !== undefined) {
          const sum = details.prodDetails.reduce((total, line) => total + (toPaiseOrNull(line.prodAmount) ?? 0), 0);
          if (sum !== toPaiseOrNull(details.amount)) {
            ctx.addIssue({ code: "custom", path: ["prodDetails"], message: "prodAmount values must add up to amount" });
          }
        }
      }),
    custDetails: z.object({
      custEmail: z.email().max(100),
      custMobile: z.string().regex(/^\+?\d{10,19}$/, "must be 10 to 19 digits, optionally after '+'"),
      custFirstName: z.string().optional(),
    }),
    extras: z.partialRecord(z.enum(UDF_NAMES), udf).optional(),
    payModeSpecificData: z.object({ subChannel: z.enum(SUB_CHANNELS) }).optional(),
  }),
});
export type AuthRequestPayload = z.infer<typeof authRequestSchema>;

/** What the shop passes: paise and Dates, never rupees. */
export interface AuthInput {
  merchTxnId: string;
  /** When the attempt was made; sent in India time and must not be in the future. */
  merchTxnDate: Date;
  amountPaise: number;
  /** Split the amount across settlement products; otherwise it all goes to config.productId. */
  products?: ReadonlyArray<{ name: string; amountPaise: number }>;
  custEmail: string;
  custMobile: string;
  custFirstName?: string;
  userId?: string;
  custAccNo?: string;
  clientCode?: string;
  udf?: Partial<Record<UdfName, string>>;
  subChannel?: SubChannel;
}

export function buildAuthRequest(config: AtomConfig, input: AuthInput, now: Date = new Date()): AuthRequestPayload {
  if (input.merchTxnDate.getTime() > now.getTime()) {
    throw new AtomValidationError("AUTH request does not match the protocol", [
      "payInstrument.merchDetails.merchTxnDate: must not be in the future (the gateway rejects it)",
    ]);
  }
  const payload = {
    payInstrument: {
      headDetails: { version: "OTSv1.1", api: "AUTH", platform: "FLASH" },
      merchDetails: {
        merchId: Number(config.merchId),
        ...(input.userId === undefined ? {} : { userId: input.userId }),
        password: config.password.reveal(),
        merchTxnId: input.merchTxnId,
        merchTxnDate: formatGatewayDateTime(input.merchTxnDate),
      },
      payDetails: {
        amount: paiseToPayloadNumber(input.amountPaise),
        ...(input.products === undefined
          ? { product: config.productId }
          : {
              prodDetails: input.products.map((line) => ({
                prodName: line.name,
                prodAmount: paiseToPayloadNumber(line.amountPaise),
              })),
            }),
        ...(input.custAccNo === undefined ? {} : { custAccNo: input.custAccNo }),
        ...(input.clientCode === undefined ? {} : { clientCode: input.clientCode }),
        txnCurrency: "INR",
      },
      custDetails: {
        custEmail: input.custEmail,
        custMobile: input.custMobile,
        ...(input.custFirstName === undefined ? {} : { custFirstName: input.custFirstName }),
      },
      ...(input.udf === undefined ? {} : { extras: input.udf }),
      ...(input.subChannel === undefined ? {} : { payModeSpecificData: { subChannel: input.subChannel } }),
    },
  };
  return parseOrThrow(authRequestSchema, payload, "AUTH request");
}

/** AUTH response after decryption. atomTokenId is missing when the gateway refused. */
export const authResponseSchema = z.object({
  atomTokenId: gatewayId.optional(),
  responseDetails: z.object({
    txnStatusCode: z.string().min(1),
    txnMessage: optionalText,
    txnDescription: optionalText,
  }),
});
export type AuthResponsePayload = z.input<typeof authResponseSchema>;

export interface AuthResult {
  /** The 14-digit token for the checkout script, kept as a string. */
  atomTokenId: string;
  merchTxnId: string;
  statusCode: string;
  message: string;
  description: string;
}
