import { z } from "zod";
import { SUB_CHANNELS } from "@/lib/atom";
import { buildAuthAnswer } from "@/lib/atom/gateway-side";
import type { SandboxContext } from "../context";
import { STATUS, validationFailed } from "../gateway-status";
import { scopesFor } from "../switches";
import { insertTransaction } from "../transactions";
import { encryptedAnswer, plainStatusAnswer } from "../wire";
import {
  amountInPaise,
  checkMerchant,
  firstIssue,
  mandatoryText,
  numericId,
  optionalText,
  sectionOf,
  textIn,
} from "./fields";
import type { GatewayApi } from "./gateway-api";

const udf = optionalText(45);

const authRequestSchema = z.object({
  payInstrument: z.object(
    {
      headDetails: z.object(
        {
          version: z.literal("OTSv1.1", { error: 'must be "OTSv1.1"' }),
          api: z.literal("AUTH", { error: 'must be "AUTH"' }),
          platform: z.literal("FLASH", { error: 'must be "FLASH"' }),
        },
        { error: "is mandatory" },
      ),
      merchDetails: z.object(
        {
          merchId: numericId(10),
          userId: optionalText(45),
          password: mandatoryText(80),
          merchTxnId: mandatoryText(50),
          merchTxnDate: mandatoryText(19),
        },
        { error: "is mandatory" },
      ),
      payDetails: z.object(
        {
          amount: amountInPaise,
          product: z.string().trim().min(1).optional(),
          prodDetails: z
            .array(z.object({ prodName: mandatoryText(50), prodAmount: amountInPaise }))
            .min(1)
            .optional(),
          txnCurrency: z.literal("INR", { error: 'must be "INR"' }),
          custAccNo: optionalText(50),
          clientCode: optionalText(50),
        },
        { error: "is mandatory" },
      ),
      custDetails: z.object(
        {
          custEmail: z.email({ error: "must be an email address" }).max(100, "must be at most 100 characters"),
          custMobile: z
            .string({ error: "is mandatory" })
            .regex(/^\+?\d{1,19}$/, "must be digits (at most 20 characters)"),
          custFirstName: optionalText(100),
        },
        { error: "is mandatory" },
      ),
      extras: z
        .object(Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`udf${index + 1}`, udf])))
        .optional(),
      payModeSpecificData: z
        .object({
          subChannel: z.enum(SUB_CHANNELS, { error: `must be one of ${SUB_CHANNELS.join(" ")}` }).optional(),
        })
        .optional(),
    },
    { error: "is mandatory" },
  ),
});

// "YYYY-MM-DD hh:mm:ss" in India time (UTC+05:30).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;

/** The instant an India-time "YYYY-MM-DD hh:mm:ss" names, or null if it is not a real date and time. */
export function parseIndiaDateTime(text: string): Date | null {
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute;
  return real ? new Date(utc - IST_OFFSET_MS) : null;
}

const refuse = (detail: string) => plainStatusAnswer(400, validationFailed(detail));

/**
 * AUTH (protocol page §6). Refusals follow the protocol's HTTP statuses: 403 for
 * merchant details, 400 for validation (including a repeated merchTxnId), each with a
 * plain { txnStatusCode, txnMessage, txnDescription } body.
 */
export const authApi: GatewayApi = {
  name: "auth",

  scopes: async (_context, payload) =>
    scopesFor({ merchTxnId: textIn(sectionOf(payload, "merchDetails"), "merchTxnId") }),

  async answer(context: SandboxContext, payload) {
    const merchant = checkMerchant(context.atom, sectionOf(payload, "merchDetails"), { password: "plain" });
    if (merchant === "unknown") return plainStatusAnswer(403, STATUS.invalidMerchant);

    const parsed = authRequestSchema.safeParse(payload);
    if (!parsed.success) return refuse(firstIssue(parsed.error));
    const { merchDetails, payDetails, custDetails, payModeSpecificData } = parsed.data.payInstrument;

    const merchTxnDate = parseIndiaDateTime(merchDetails.merchTxnDate);
    if (merchTxnDate === null) return refuse("merchDetails.merchTxnDate must be YYYY-MM-DD hh:mm:ss");
    if (merchTxnDate.getTime() > Date.now()) return refuse("merchDetails.merchTxnDate must not be in the future");

    if ((payDetails.product === undefined) === (payDetails.prodDetails === undefined)) {
      return refuse("payDetails needs either product or prodDetails");
    }
    const products = payDetails.prodDetails ?? [{ prodName: payDetails.product ?? "", prodAmount: payDetails.amount }];
    if (products.some((line) => line.prodName !== context.atom.productId)) {
      return refuse(`payDetails product must be the merchant's product (${context.atom.productId})`);
    }
    if (products.reduce((total, line) => total + line.prodAmount, 0) !== payDetails.amount) {
      return refuse("payDetails.prodDetails prodAmount values must add up to amount");
    }

    // Everything the merchant sent except the password, for echoing extras and for debugging.
    const merchDetailsWithoutPassword = {
      merchId: merchDetails.merchId,
      userId: merchDetails.userId,
      merchTxnId: merchDetails.merchTxnId,
      merchTxnDate: merchDetails.merchTxnDate,
    };
    const stored = await insertTransaction(context.db, {
      merchId: merchDetails.merchId,
      merchTxnId: merchDetails.merchTxnId,
      merchTxnDate: merchDetails.merchTxnDate,
      amount: payDetails.amount,
      currency: payDetails.txnCurrency,
      products,
      custEmail: custDetails.custEmail,
      custMobile: custDetails.custMobile,
      requestedSubChannel: payModeSpecificData?.subChannel ?? null,
      authRequest: {
        payInstrument: { ...(payload.payInstrument as object), merchDetails: merchDetailsWithoutPassword },
      },
    });
    if (stored === "duplicate") return refuse("merchDetails.merchTxnId has already been used (duplicate merchTxnId)");

    return encryptedAnswer(context.atom, buildAuthAnswer(STATUS.tokenGenerated, stored.atomTokenId));
  },
};
