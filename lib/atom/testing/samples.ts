/**
 * Test data for playing the gateway: a sandbox-mode config with the public UAT
 * credentials and a sample payment. The payloads themselves are built by
 * `@/lib/atom/gateway-side`, the same code the embedded sandbox answers with.
 */
import type { AtomClient } from "../client";
import { parseAtomConfig, UAT_CREDENTIALS, type AtomConfig } from "../config";
import type { GatewayPayment } from "../gateway-side";

const TEST_APP_URL = "http://127.0.0.1:3000";

/** Sandbox-mode config with the public UAT credentials; pass ATOM_* overrides as needed. */
export function testAtomConfig(env: Record<string, string | undefined> = {}, appUrl = TEST_APP_URL): AtomConfig {
  return parseAtomConfig({ ATOM_MODE: "sandbox", ...env }, { appUrl });
}

/**
 * A gateway whose AUTH always answers with a token, a new one each call (15000000000001,
 * …2, …): for checkouts in tests and benches that need a pending order, not a gateway.
 */
export function tokenIssuingGateway(): Pick<AtomClient, "auth"> {
  let issued = 0;
  return {
    auth: async (input) => {
      issued += 1;
      return {
        atomTokenId: String(15_000_000_000_000 + issued),
        merchTxnId: input.merchTxnId,
        statusCode: "OTS0000",
        message: "SUCCESS",
        description: "",
      };
    },
  };
}

/** What a test may change about the sample payment. */
export interface SamplePaymentOptions {
  merchTxnId?: string;
  merchTxnDate?: string;
  atomTxnId?: string;
  amountPaise?: number;
  surchargePaise?: number;
  /** The signed total, when it should not be amount + surcharge. */
  totalAmountPaise?: number;
  currency?: string;
  statusCode?: string;
  message?: string;
  description?: string;
  /** "" for a payment that names no subChannel. */
  subChannel?: string;
  bankTxnId?: string;
  bankName?: string;
  custEmail?: string;
  custMobile?: string;
}

const SAMPLE = {
  merchTxnId: "TEST-TXN-0001",
  merchTxnDate: "2025-01-15 10:20:30",
  atomTxnId: "11000000460337",
  amountPaise: 33_667,
  surchargePaise: 0,
  currency: "INR",
  statusCode: "OTS0000",
  message: "SUCCESS",
  description: "TRANSACTION IS SUCCESSFUL",
  subChannel: "DC",
  bankTxnId: "SBI1234567890",
  bankName: "State Bank of India",
  custEmail: "shopper@example.com",
  custMobile: "9876543210",
} as const;

/** A successful ₹336.67 debit-card payment to the UAT merchant, with the options applied. */
export function samplePayment(options: SamplePaymentOptions = {}): GatewayPayment {
  const p = { ...SAMPLE, ...options };
  return {
    merchId: UAT_CREDENTIALS.merchId,
    merchTxnId: p.merchTxnId,
    merchTxnDate: p.merchTxnDate,
    atomTxnId: p.atomTxnId,
    products: [{ prodName: UAT_CREDENTIALS.productId, amountPaise: p.amountPaise }],
    amountPaise: p.amountPaise,
    surchargePaise: p.surchargePaise,
    totalAmountPaise: options.totalAmountPaise,
    currency: p.currency,
    custAccNo: "213232323",
    clientCode: "1234",
    txnInitDate: p.merchTxnDate,
    txnCompleteDate: p.merchTxnDate,
    subChannel: p.subChannel,
    bankTxnId: p.bankTxnId,
    bankDetails: { otsBankId: 2001, bankTxnId: p.bankTxnId, otsBankName: p.bankName },
    extras: { udf1: "", udf2: "", udf3: "", udf4: "", udf5: "" },
    custDetails: { custEmail: p.custEmail, custMobile: p.custMobile },
    responseDetails: { statusCode: p.statusCode, message: p.message, description: p.description },
  };
}

export const SAMPLE_PAYMENT = samplePayment();
