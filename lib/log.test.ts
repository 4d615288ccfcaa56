import { afterEach, describe, expect, it } from "vitest";
import { AtomSystemError } from "./atom";
import { withLogContext } from "./log-context";
import { captureLogOutput, errorFields, log, logFormatFor } from "./log";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** Every line the logger writes while `work` runs, parsed. */
function linesOf(work: () => void): Array<Record<string, unknown>> {
  const lines: string[] = [];
  restore = captureLogOutput((line) => lines.push(line));
  work();
  restore();
  restore = undefined;
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

// One value per kind of field that must never be written, each unique so a leak is found by its value.
const SENSITIVE: Record<string, string> = {
  password: "NCA@2024",
  passwordHash: "$2b$11$hashhashhash",
  secret: "the-auth-secret-value",
  authSecret: "another-auth-secret",
  key: "order-link-key-value",
  keys: "key-list-value",
  salt: "A4476C2062FFA58980DC8F79EB6A799E",
  hashKey: "KEY123657234",
  requestEncKey: "A4476C2062FFA58980DC8F79EB6A799E-req",
  responseEncKey: "75AEF0FA1B94B3C10D4F5B268F757F11-res",
  requestHashKey: "KEY123657234-req",
  responseHashKey: "KEYRESP123657234-res",
  signature: "deadbeefsignature",
  databaseUrl: "postgres://shop:db-password@db:5432/shop",
  smtpUrl: "smtp://mailer:smtp-password@mail:587",
  token: "bearer-token-value",
  accessToken: "access-token-value",
  refreshToken: "refresh-token-value",
  sessionToken: "session-token-value",
  authorization: "Bearer metrics-token-value",
  Authorization: "Bearer metrics-token-Value2",
  cookie: "next-auth.session-token=cookie-value",
  Cookie: "lb_cart=cookie-value-2",
  "set-cookie": "lb_cart=set-cookie-value",
  encData: "8F2A9C0011223344ENCDATA",
  cartId: "cart-id-value",
  cardNumber: "4111111111111111",
  cardNo: "5555555555554444",
  pan: "4000000000000002",
  cvv: "123cvv",
  cvc: "456cvc",
  cardCvv: "789cvv",
  expiry: "12/30expiry",
  expiryDate: "11/29expiry",
  cardExpiry: "10/28expiry",
  cardName: "Test Shopper Name",
  vpa: "success@upi",
  upiId: "shopper@okaxis",
  payerVpa: "payer@ybl",
  custEmail: "asha@example.in",
  custMobile: "9876543210",
  email: "ravi@example.in",
  mobile: "9123456780",
  custFirstName: "Ashaname",
  custLastName: "Raosurname",
  custAccNo: "00112233445566",
  accountNumber: "99887766554433",
  payload: "payload-with-everything",
  gatewayPayload: "gateway-payload-with-everything",
};

describe("redaction", () => {
  it("replaces every secret, card, VPA and contact field at the top level", () => {
    const text = JSON.stringify(linesOf(() => log.info({ ...SENSITIVE, orderId: "o-1" }, "everything")));
    for (const [field, value] of Object.entries(SENSITIVE)) {
      expect(text, field).not.toContain(value);
      expect(text).toContain(`${JSON.stringify(field)}:"[redacted]"`);
    }
    expect(text).toContain('"orderId":"o-1"');
  });

  it("replaces them nested down to four objects deep, and inside arrays", () => {
    const nested = { a: { b: { c: { d: SENSITIVE } } } };
    const text = JSON.stringify(
      linesOf(() => {
        log.info({ one: SENSITIVE }, "one level");
        log.info({ two: { deep: SENSITIVE } }, "two levels");
        log.info(nested, "four levels");
        log.info({ list: [SENSITIVE] }, "in an array");
      }),
    );
    for (const [field, value] of Object.entries(SENSITIVE)) expect(text, field).not.toContain(value);
  });

  it("leaves ids and outcomes as they are", () => {
    const [line] = linesOf(() =>
      log.info({ orderId: "o-2", merchTxnId: "LB123", atomTokenId: "15000000085830", amountPaise: 49900 }, "ids"),
    );
    expect(line).toMatchObject({
      orderId: "o-2",
      merchTxnId: "LB123",
      atomTokenId: "15000000085830",
      amountPaise: 49900,
    });
  });
});

describe("log context", () => {
  it("puts the context's ids on every line inside it, inner values over outer, and none outside", () => {
    const lines = linesOf(() => {
      log.info("before");
      withLogContext({ requestId: "req-12345678" }, () => {
        log.info("in the request");
        withLogContext({ orderId: "o-3", merchTxnId: "LB1" }, () => log.info({ step: 1 }, "in the order"));
        withLogContext({ orderId: "o-4" }, () => log.info({ orderId: "o-explicit" }, "the call's own field wins"));
      });
    });
    expect(lines.map(({ msg, requestId, orderId, merchTxnId }) => ({ msg, requestId, orderId, merchTxnId }))).toEqual([
      { msg: "before", requestId: undefined, orderId: undefined, merchTxnId: undefined },
      { msg: "in the request", requestId: "req-12345678", orderId: undefined, merchTxnId: undefined },
      { msg: "in the order", requestId: "req-12345678", orderId: "o-3", merchTxnId: "LB1" },
      { msg: "the call's own field wins", requestId: "req-12345678", orderId: "o-explicit", merchTxnId: undefined },
    ]);
  });

  it("follows the work across awaits", async () => {
    const lines: string[] = [];
    restore = captureLogOutput((line) => lines.push(line));
    await Promise.all(
      ["req-aaaaaaaa", "req-bbbbbbbb"].map((requestId) =>
        withLogContext({ requestId }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          log.info({ expected: requestId }, "after an await");
        }),
      ),
    );
    const parsed = lines.map((line) => JSON.parse(line) as { requestId: string; expected: string });
    expect(parsed).toHaveLength(2);
    for (const line of parsed) expect(line.requestId).toBe(line.expected);
  });
});

describe("logFormatFor", () => {
  it("takes LOG_FORMAT when set, otherwise pretty for a terminal and JSON for a pipe", () => {
    expect(logFormatFor("json", true)).toBe("json");
    expect(logFormatFor("pretty", false)).toBe("pretty");
    expect(logFormatFor(undefined, true)).toBe("pretty");
    expect(logFormatFor(undefined, false)).toBe("json");
    expect(logFormatFor("yaml", false)).toBe("json");
  });
});

describe("errorFields", () => {
  it("keeps the driver's message and code, never a failed query's parameters", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      code: "23505",
    });
    const error = new Error(
      'Failed query: insert into "users" ("email", "password_hash") values ($1, $2)\nparams: asha@example.in,$2b$11$secrethash',
      { cause },
    );
    error.name = "DrizzleQueryError";
    const fields = errorFields(error);
    expect(fields).toEqual({
      errorName: "DrizzleQueryError",
      errorCode: "23505",
      errorMessage: 'duplicate key value violates unique constraint "users_email_unique"',
    });
    expect(JSON.stringify(fields)).not.toContain("secrethash");
    expect(JSON.stringify(fields)).not.toContain("asha@example.in");
  });

  it("describes anything thrown, with a gateway error's kind", () => {
    expect(errorFields(new TypeError("bad"))).toEqual({ errorName: "TypeError", errorMessage: "bad" });
    expect(errorFields(new AtomSystemError("STATUS: HTTP 503", "unavailable"))).toMatchObject({
      errorKind: "system",
      errorMessage: "STATUS: HTTP 503",
    });
    expect(errorFields("oops")).toEqual({ errorName: "unknown", errorMessage: "oops" });
  });
});
