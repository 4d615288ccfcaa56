import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AtomConfigurationError,
  AtomSignatureError,
  AtomTransactionNotFoundError,
  AtomValidationError,
  formatGatewayDateTime,
  type AtomError,
} from "@/lib/atom";
import {
  authInput,
  CARD,
  makePayment,
  newMerchTxnId,
  payOnPage,
  postRawRequest,
  rawAuthPayload,
  startSandbox,
  type SandboxHarness,
} from "./testing/sandbox-harness";

// Every sandbox API through lib/atom's real client over HTTP: the success path and each
// documented refusal. Requests the client refuses to build (its own validation) are sent
// raw, to show the gateway side refuses them too.

let sandbox: SandboxHarness;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());

async function failure(promise: Promise<unknown>): Promise<AtomError> {
  try {
    await promise;
  } catch (error) {
    return error as AtomError;
  }
  throw new Error("expected the call to fail");
}

const driver = () => (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? "postgres" : "pglite");

describe(`AUTH (${driver()})`, () => {
  it("issues a 14-digit token and keeps the request without its password", async () => {
    const input = authInput();
    const result = await sandbox.client().auth(input);
    expect(result.atomTokenId).toMatch(/^[1-9]\d{13}$/);
    expect(result.statusCode).toBe("OTS0000");
    const transaction = await sandbox.control.transaction({ merchTxnId: input.merchTxnId });
    expect(transaction).toMatchObject({
      atomTokenId: result.atomTokenId,
      status: "created",
      amountPaise: 10_000,
      atomTxnId: null,
    });
  });

  it("answers with a form-encoded body labelled application/json", async () => {
    const response = await postRawRequest(sandbox.atom.urls.auth, sandbox.atom, rawAuthPayload(sandbox.atom));
    expect(response.status).toBe(200);
    expect(response.contentType).toBe("application/json");
    const form = new URLSearchParams(response.text);
    expect(form.get("merchId")).toBe("317157");
    expect(form.get("encData")).toMatch(/^[0-9A-F]+$/);
  });

  it("refuses a wrong password with 403 / OTS0451", async () => {
    const error = await failure(sandbox.client({ ATOM_PASSWORD: "not-the-password" }).auth(authInput()));
    expect(error).toBeInstanceOf(AtomConfigurationError);
    expect(error).toMatchObject({ httpStatus: 403, gatewayCode: "OTS0451" });
  });

  it("refuses a merchant id it has no keys for with a plain OTS0451", async () => {
    const error = await failure(sandbox.client({ ATOM_MERCH_ID: "999999" }).auth(authInput()));
    expect(error).toBeInstanceOf(AtomConfigurationError);
    expect(error).toMatchObject({ httpStatus: 403, gatewayCode: "OTS0451" });
  });

  it("answers an encData it cannot decrypt with an empty body", async () => {
    const error = await failure(
      sandbox.client({ ATOM_REQ_ENC_KEY: "0000000000000000WRONGKEY00000000" }).auth(authInput()),
    );
    expect(error).toBeInstanceOf(AtomConfigurationError);
    expect(error.message).toMatch(/empty body/);

    const garbage = await fetch(sandbox.atom.urls.auth, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "merchId=317157&encData=ABCDEF",
    });
    expect(garbage.status).toBe(200);
    expect(await garbage.text()).toBe("");
    const missing = await fetch(sandbox.atom.urls.auth, { method: "POST", body: "merchId=317157" });
    expect(await missing.text()).toBe("");
  });

  it("refuses a repeated merchTxnId with 400 / OTS0600", async () => {
    const input = authInput();
    await sandbox.client().auth(input);
    const error = await failure(sandbox.client().auth({ ...input, merchTxnDate: new Date(Date.now() - 500) }));
    expect(error).toBeInstanceOf(AtomValidationError);
    expect(error).toMatchObject({ httpStatus: 400, gatewayCode: "OTS0600" });
    expect(error.message).toMatch(/duplicate merchTxnId/);
  });

  // What the client's own checks stop before sending: sent raw, refused by the sandbox too.
  const broken: Array<[string, (payload: ReturnType<typeof rawAuthPayload>) => unknown, RegExp]> = [
    [
      "a missing merchTxnId",
      (p) => ({
        ...p,
        payInstrument: { ...p.payInstrument, merchDetails: { ...p.payInstrument.merchDetails, merchTxnId: undefined } },
      }),
      /merchTxnId is mandatory/,
    ],
    [
      "a merchTxnId over 50 characters",
      (p) => ({
        ...p,
        payInstrument: {
          ...p.payInstrument,
          merchDetails: { ...p.payInstrument.merchDetails, merchTxnId: "X".repeat(51) },
        },
      }),
      /merchTxnId must be at most 50/,
    ],
    [
      "an unknown subChannel",
      (p) => ({ ...p, payInstrument: { ...p.payInstrument, payModeSpecificData: { subChannel: "XX" } } }),
      /subChannel must be one of/,
    ],
    [
      "a merchTxnDate in another format",
      (p) => ({
        ...p,
        payInstrument: {
          ...p.payInstrument,
          merchDetails: { ...p.payInstrument.merchDetails, merchTxnDate: "2025-01-15T10:20:30" },
        },
      }),
      /merchTxnDate must be YYYY-MM-DD hh:mm:ss/,
    ],
    [
      "a merchTxnDate in the future",
      (p) => ({
        ...p,
        payInstrument: {
          ...p.payInstrument,
          merchDetails: {
            ...p.payInstrument.merchDetails,
            merchTxnDate: formatGatewayDateTime(new Date(Date.now() + 3_600_000)),
          },
        },
      }),
      /must not be in the future/,
    ],
    [
      "an amount with three decimals",
      (p) => ({
        ...p,
        payInstrument: { ...p.payInstrument, payDetails: { ...p.payInstrument.payDetails, amount: 1.234 } },
      }),
      /amount must be a rupee amount/,
    ],
    [
      "an amount over ten digits",
      (p) => ({
        ...p,
        payInstrument: { ...p.payInstrument, payDetails: { ...p.payInstrument.payDetails, amount: 12_345_678_901 } },
      }),
      /at most 10 digits/,
    ],
    [
      "another product",
      (p) => ({
        ...p,
        payInstrument: { ...p.payInstrument, payDetails: { ...p.payInstrument.payDetails, product: "BSE" } },
      }),
      /product must be the merchant's product/,
    ],
    [
      "an invalid email",
      (p) => ({
        ...p,
        payInstrument: { ...p.payInstrument, custDetails: { custEmail: "nope", custMobile: "9876543210" } },
      }),
      /custEmail must be an email/,
    ],
    [
      "a udf over 45 characters",
      (p) => ({ ...p, payInstrument: { ...p.payInstrument, extras: { udf3: "u".repeat(46) } } }),
      /udf3 must be at most 45/,
    ],
  ];
  it.each(broken)("refuses %s with 400 / OTS0600 naming the field", async (_name, breakIt, description) => {
    const response = await postRawRequest(sandbox.atom.urls.auth, sandbox.atom, breakIt(rawAuthPayload(sandbox.atom)));
    expect(response.status).toBe(400);
    const body = JSON.parse(response.text) as Record<string, string>;
    expect(body.txnStatusCode).toBe("OTS0600");
    expect(body.txnDescription).toMatch(description);
  });

  it("accepts prodDetails that add up to the amount", async () => {
    const result = await sandbox.client().auth({
      ...authInput({ amountPaise: 30_000 }),
      products: [
        { name: "NSE", amountPaise: 10_000 },
        { name: "NSE", amountPaise: 20_000 },
      ],
    });
    expect(result.statusCode).toBe("OTS0000");
  });
});

describe("transaction status", () => {
  it("reports a paid transaction, verified like a callback", async () => {
    const { input, token } = await makePayment(sandbox, CARD.success);
    const status = await sandbox.client().transactionStatus(input);
    expect(status).toMatchObject({
      merchTxnId: input.merchTxnId,
      statusCode: "OTS0000",
      outcome: "success",
      totalAmountPaise: 10_000,
      subChannel: "CC",
      reconStatus: "RS",
      signatureChecked: true,
    });
    const recorded = await sandbox.control.transaction({ atomTokenId: token.atomTokenId });
    expect(status.atomTxnId).toBe(recorded?.atomTxnId);
    expect(status.bankTxnId).toBe(recorded?.bankTxnId);
  });

  it("reports a declined payment as failed and a surcharged one with its total", async () => {
    const declined = await makePayment(sandbox, CARD.declined);
    expect(await sandbox.client().transactionStatus(declined.input)).toMatchObject({
      outcome: "failed",
      statusCode: "OTS0600",
    });
    const surcharged = await makePayment(sandbox, CARD.surcharge);
    expect(await sandbox.client().transactionStatus(surcharged.input)).toMatchObject({
      outcome: "success",
      subChannel: "DC",
      amountPaise: 10_000,
      surchargePaise: 1_180,
      totalAmountPaise: 11_180,
    });
  });

  it("knows nothing of an unknown merchTxnId, a token never paid on, or another day (OTS0401)", async () => {
    const unknown = await failure(
      sandbox.client().transactionStatus({ merchTxnId: newMerchTxnId(), merchTxnDate: new Date(), amountPaise: 100 }),
    );
    expect(unknown).toBeInstanceOf(AtomTransactionNotFoundError);
    expect(unknown.gatewayCode).toBe("OTS0401");

    const input = authInput();
    await sandbox.client().auth(input);
    expect(await failure(sandbox.client().transactionStatus(input))).toBeInstanceOf(AtomTransactionNotFoundError);

    const paid = await makePayment(sandbox);
    const otherDay = { ...paid.input, merchTxnDate: new Date(paid.input.merchTxnDate.getTime() - 86_400_000) };
    expect(await failure(sandbox.client().transactionStatus(otherDay))).toBeInstanceOf(AtomTransactionNotFoundError);
  });

  it("refuses a bad signature (OTS0506), a wrong password (OTS0451) and a wrong amount (OTS0600)", async () => {
    const { input } = await makePayment(sandbox);
    const signature = await failure(sandbox.client({ ATOM_REQ_HASH_KEY: "NOT-THE-KEY" }).transactionStatus(input));
    expect(signature).toBeInstanceOf(AtomSignatureError);
    expect(signature.gatewayCode).toBe("OTS0506");
    const merchant = await failure(sandbox.client({ ATOM_PASSWORD: "wrong" }).transactionStatus(input));
    expect(merchant).toBeInstanceOf(AtomConfigurationError);
    expect(merchant.gatewayCode).toBe("OTS0451");
    const amount = await failure(sandbox.client().transactionStatus({ ...input, amountPaise: 10_001 }));
    expect(amount).toBeInstanceOf(AtomValidationError);
    expect(amount.gatewayCode).toBe("OTS0600");
  });
});

describe("refund and refund status", () => {
  async function paid() {
    const { input, token } = await makePayment(sandbox, CARD.success, 10_000);
    const recorded = await sandbox.control.transaction({ atomTokenId: token.atomTokenId });
    return { merchTxnId: input.merchTxnId, atomTxnId: recorded?.atomTxnId ?? "" };
  }

  it("refunds part, then the rest, and lists both in refund status", async () => {
    const payment = await paid();
    const first = await sandbox
      .client()
      .refund({ ...payment, lines: [{ prodRefundId: newMerchTxnId("R"), amountPaise: 4_000 }] });
    expect(first).toMatchObject({
      accepted: true,
      statusCode: "OTS0000",
      description: "PARTIAL REFUND INITIATED",
      totalRefundAmountPaise: 4_000,
    });
    expect(first.lines[0]?.refundTxnId).toMatch(/^\d+$/);
    const second = await sandbox
      .client()
      .refund({ ...payment, lines: [{ prodRefundId: newMerchTxnId("R"), amountPaise: 6_000 }] });
    expect(second).toMatchObject({ accepted: true, description: "FULL REFUND INITIATED" });

    const status = await sandbox.client().refundStatus({ atomTxnId: payment.atomTxnId });
    expect(status.products).toHaveLength(1);
    expect(
      status.products[0]?.refunds.map((refund) => [refund.refundTxnId, refund.amountPaise, refund.remarks]),
    ).toEqual([
      [first.lines[0]?.refundTxnId, 4_000, "Refund Processed"],
      [second.lines[0]?.refundTxnId, 6_000, "Refund Processed"],
    ]);
  });

  it("answers a repeated prodRefundId with the first result and refunds once", async () => {
    const payment = await paid();
    const line = { prodRefundId: newMerchTxnId("R"), amountPaise: 2_500 };
    const first = await sandbox.client().refund({ ...payment, lines: [line] });
    const again = await sandbox.client().refund({ ...payment, lines: [line] });
    expect(again).toEqual(first);
    expect(await sandbox.control.transaction({ merchTxnId: payment.merchTxnId })).toMatchObject({
      refundedPaise: 2_500,
    });
  });

  it("refuses more than is left to refund, and refunds on a failed payment", async () => {
    const payment = await paid();
    const tooMuch = await sandbox
      .client()
      .refund({ ...payment, lines: [{ prodRefundId: newMerchTxnId("R"), amountPaise: 10_001 }] });
    expect(tooMuch).toMatchObject({
      accepted: false,
      statusCode: "OTS0600",
      description: "REFUND AMOUNT EXCEEDS THE REFUNDABLE BALANCE",
    });
    expect(tooMuch.lines[0]).toMatchObject({ refundTxnId: null, statusCode: "OTS0600" });

    const declined = await makePayment(sandbox, CARD.declined);
    const recorded = await sandbox.control.transaction({ merchTxnId: declined.input.merchTxnId });
    const notRefundable = await sandbox.client().refund({
      merchTxnId: declined.input.merchTxnId,
      atomTxnId: recorded?.atomTxnId ?? "",
      lines: [{ prodRefundId: newMerchTxnId("R"), amountPaise: 100 }],
    });
    expect(notRefundable).toMatchObject({ accepted: false, description: "TRANSACTION IS NOT IN A REFUNDABLE STATE" });
  });

  it("knows no refund for an atomTxnId that is not this payment's (OTS0401)", async () => {
    const payment = await paid();
    const result = await sandbox
      .client()
      .refund({ ...payment, atomTxnId: "99", lines: [{ prodRefundId: newMerchTxnId("R"), amountPaise: 100 }] });
    expect(result).toMatchObject({ accepted: false, statusCode: "OTS0401" });
    expect(await sandbox.client().refundStatus({ atomTxnId: "99" })).toMatchObject({
      statusCode: "OTS0401",
      products: [],
    });
  });

  it("refuses a bad signature (OTS0506) and a wrong password (OTS0451)", async () => {
    const payment = await paid();
    const lines = [{ prodRefundId: newMerchTxnId("R"), amountPaise: 100 }];
    const signature = await failure(sandbox.client({ ATOM_REQ_HASH_KEY: "NOT-THE-KEY" }).refund({ ...payment, lines }));
    expect(signature).toBeInstanceOf(AtomSignatureError);
    expect(signature.gatewayCode).toBe("OTS0506");
    const merchant = await failure(sandbox.client({ ATOM_PASSWORD: "wrong" }).refund({ ...payment, lines }));
    expect(merchant).toBeInstanceOf(AtomConfigurationError);
    const statusMerchant = await failure(
      sandbox.client({ ATOM_PASSWORD: "wrong" }).refundStatus({ atomTxnId: payment.atomTxnId }),
    );
    expect(statusMerchant).toBeInstanceOf(AtomConfigurationError);
    expect(statusMerchant.gatewayCode).toBe("OTS0451");
    expect(await sandbox.control.transaction({ merchTxnId: payment.merchTxnId })).toMatchObject({ refundedPaise: 0 });
  });

  it("never refunds twice when requests race, on one instance or several", async () => {
    const payment = await paid();
    const instances = [sandbox.client(), await sandbox.secondInstance()];
    const client = (index: number) => instances[index % 2] ?? sandbox.client();
    // Six different refunds of 40% each, alternating between two instances: only two fit.
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        client(index).refund({ ...payment, lines: [{ prodRefundId: newMerchTxnId("R"), amountPaise: 4_000 }] }),
      ),
    );
    expect(racing.filter((result) => result.accepted)).toHaveLength(2);
    // Six copies of one request: one refund, six identical answers.
    const other = await paid();
    const line = { prodRefundId: newMerchTxnId("R"), amountPaise: 3_000 };
    const copies = await Promise.all(
      Array.from({ length: 6 }, (_, index) => client(index).refund({ ...other, lines: [line] })),
    );
    expect(new Set(copies.map((copy) => copy.lines[0]?.refundTxnId)).size).toBe(1);
    expect(copies.every((copy) => copy.accepted)).toBe(true);
    expect(await sandbox.control.transaction({ merchTxnId: other.merchTxnId })).toMatchObject({ refundedPaise: 3_000 });
    expect(await sandbox.control.transaction({ merchTxnId: payment.merchTxnId })).toMatchObject({
      refundedPaise: 8_000,
    });
  });
});

describe("payment page form", () => {
  it("says what is wrong next to the field and takes no payment", async () => {
    const token = await sandbox.client().auth(authInput());
    const page = await payOnPage(sandbox.url, token.atomTokenId, {
      ...CARD.success,
      cardNumber: "4111 1111 1111 1112",
      cardExpiry: "01/20",
    });
    expect(page.status).toBe(422);
    expect(page.html).toContain('id="cardNumber-error"');
    expect(page.html).toContain("This card has expired.");
    expect(page.html).toContain('aria-invalid="true"');
    expect(await sandbox.control.transaction({ atomTokenId: token.atomTokenId })).toMatchObject({ status: "created" });
  });
});
