import { pbkdf2Sync } from "node:crypto";
import { inspect } from "node:util";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { decryptJson, decryptText, deriveCipherKey, encryptJson, encryptText, type CipherKey } from "./cipher";
import { UAT_CREDENTIALS } from "./config";
import {
  AtomCiphertextFormatError,
  AtomDecryptionError,
  AtomPlaintextFormatError,
  AtomSignatureError,
  AtomWrongKeyError,
} from "./errors";
import { Secret } from "./secret";

const requestKey = new Secret(UAT_CREDENTIALS.requestEncKey);
const responseKey = new Secret(UAT_CREDENTIALS.responseEncKey);

/**
 * Known answer, cross-checked once with OpenSSL 3.0 (not with this code):
 *   openssl kdf -keylen 32 -kdfopt digest:SHA512 -kdfopt pass:A4476C2062FFA58980DC8F79EB6A799E \
 *     -kdfopt salt:A4476C2062FFA58980DC8F79EB6A799E -kdfopt iter:65536 PBKDF2
 *   → DB:AE:F3:81:…:4F:05 (= UAT_REQUEST_KEY_HEX below)
 *   printf '%s' "$KAT_PLAINTEXT" | openssl enc -aes-256-cbc -K <UAT_REQUEST_KEY_HEX> \
 *     -iv 000102030405060708090a0b0c0d0e0f | xxd -p -u | tr -d '\n'
 *   → KAT_CIPHERTEXT
 */
const UAT_REQUEST_KEY_HEX = "dbaef3814c5b7e9c7b7a6839e1aab8170b1d7d4a503a6abe9bd28fe261f34f05";
const KAT_PLAINTEXT =
  '{"payInstrument":{"headDetails":{"api":"AUTH"},"merchDetails":{"merchId":317157,"merchTxnId":"KAT-0001"},"payDetails":{"amount":336.67,"txnCurrency":"INR"}}}';
const KAT_CIPHERTEXT =
  "582BAC98DB50B7B7465FEC80C84D6FA18F6D1CC00C98351348C5A40EDD068EB806A5C2DE73042DEDAD866711AD08FCF0C27A6DCE1482211D" +
  "EF415EBAE82C635DE040D9BFA5898E360FB3636CF31EE2F9051CA6F9A8D6DF2824E21F3CD170B6C12EF8C122EE674828C49C0EEB26B4163" +
  "14DADA7DF508FDA77B5E75B5D095C44D4CCD2A23A2167F73218391EB2C5FD22D9B96ABA6BE0C434FFFAEEE2E75E1ACE9E";

let requestCipherKey: CipherKey;
let responseCipherKey: CipherKey;

beforeAll(async () => {
  [requestCipherKey, responseCipherKey] = await Promise.all([
    deriveCipherKey(requestKey, requestKey),
    deriveCipherKey(responseKey, responseKey),
  ]);
});

describe("cipher known answers", () => {
  it("derives the UAT request key as PBKDF2-HMAC-SHA512 over the key string's bytes", () => {
    const derived = pbkdf2Sync(UAT_CREDENTIALS.requestEncKey, UAT_CREDENTIALS.requestEncKey, 65_536, 32, "sha512");
    expect(derived.toString("hex")).toBe(UAT_REQUEST_KEY_HEX);
  });

  it("encrypts the fixed plaintext to the OpenSSL-checked ciphertext, in uppercase hex", () => {
    expect(encryptText(requestCipherKey, KAT_PLAINTEXT)).toBe(KAT_CIPHERTEXT);
    expect(encryptJson(requestCipherKey, JSON.parse(KAT_PLAINTEXT))).toBe(KAT_CIPHERTEXT);
  });

  it("decrypts the known ciphertext in either case", () => {
    expect(decryptText(requestCipherKey, KAT_CIPHERTEXT)).toBe(KAT_PLAINTEXT);
    expect(decryptText(requestCipherKey, KAT_CIPHERTEXT.toLowerCase())).toBe(KAT_PLAINTEXT);
    expect(decryptJson(requestCipherKey, KAT_CIPHERTEXT)).toEqual(JSON.parse(KAT_PLAINTEXT));
  });
});

describe("key derivation", () => {
  it("derives each (key, salt) once per process and hands back the same key", async () => {
    const [a, b] = await Promise.all([
      deriveCipherKey(requestKey, requestKey),
      deriveCipherKey(requestKey, requestKey),
    ]);
    expect(a).toBe(b);
    expect(a).toBe(requestCipherKey);
    expect(deriveCipherKey(requestKey, requestKey)).toBe(deriveCipherKey(new Secret(requestKey.reveal()), requestKey));
  });

  it("uses a separate salt when one is configured", async () => {
    const salted = await deriveCipherKey(requestKey, new Secret("another-salt"));
    expect(salted).not.toBe(requestCipherKey);
    expect(() => decryptText(salted, KAT_CIPHERTEXT)).toThrow(AtomDecryptionError);
  });

  it("does not confuse (key, salt) pairs whose concatenations are equal", async () => {
    const one = await deriveCipherKey(new Secret("ab"), new Secret("c"));
    const two = await deriveCipherKey(new Secret("a"), new Secret("bc"));
    expect(one).not.toBe(two);
  });

  it("shows no key material when inspected or serialised", () => {
    const text = `${inspect(requestCipherKey, { showHidden: true, depth: 5 })} ${JSON.stringify(requestCipherKey)}`;
    expect(text).not.toMatch(/dbaef381|DB:AE|A4476C20/i);
  });
});

describe("decryption errors", () => {
  it.each([
    ["odd length", KAT_CIPHERTEXT.slice(0, -1)],
    ["not hex", `${KAT_CIPHERTEXT.slice(0, -2)}ZZ`],
    ["part of a block", KAT_CIPHERTEXT.slice(0, -2)],
    ["empty", ""],
    ["url-encoded", `${KAT_CIPHERTEXT.slice(0, 30)}%20${KAT_CIPHERTEXT.slice(33)}`],
  ])("bad hex (%s) → AtomCiphertextFormatError", (_name, hex) => {
    expect(() => decryptText(requestCipherKey, hex)).toThrow(AtomCiphertextFormatError);
  });

  it("a wrong key → AtomWrongKeyError (bad padding), a kind of signature error", () => {
    const error = catchError(() => decryptText(responseCipherKey, KAT_CIPHERTEXT));
    expect(error).toBeInstanceOf(AtomWrongKeyError);
    expect(error).toBeInstanceOf(AtomSignatureError);
    expect((error as AtomWrongKeyError).kind).toBe("signature");
    expect((error as Error).message).toMatch(/key and salt/);
  });

  it("plaintext that is not JSON → AtomPlaintextFormatError", () => {
    const hex = encryptText(requestCipherKey, "merchId=317157&encData=oops");
    expect(decryptText(requestCipherKey, hex)).toBe("merchId=317157&encData=oops");
    expect(() => decryptJson(requestCipherKey, hex)).toThrow(AtomPlaintextFormatError);
  });
});

describe("encrypt → decrypt (property)", () => {
  it("gives back any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const expected: unknown = JSON.parse(JSON.stringify(value));
        expect(decryptJson(requestCipherKey, encryptJson(requestCipherKey, value))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("gives back any Unicode text, and always writes uppercase hex blocks", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const hex = encryptText(responseCipherKey, text);
        expect(hex).toMatch(/^(?:[0-9A-F]{32})+$/);
        expect(decryptText(responseCipherKey, hex.toLowerCase())).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
