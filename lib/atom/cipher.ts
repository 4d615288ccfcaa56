import { createCipheriv, createDecipheriv, createHash, pbkdf2 } from "node:crypto";
import { AtomCiphertextFormatError, AtomPlaintextFormatError, AtomValidationError, AtomWrongKeyError } from "./errors";
import type { Secret } from "./secret";

/** Protocol page §4: AES-256-CBC, PBKDF2-HMAC-SHA512 (65,536 rounds, 32 bytes), IV 0..15. */
const PBKDF2_ITERATIONS = 65_536;
const PBKDF2_DIGEST = "sha512";
const KEY_LENGTH = 32;
const IV = Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
const ALGORITHM = "aes-256-cbc";

/** An opaque derived key: inspecting it shows nothing; only this module reads the bytes. */
export interface CipherKey {
  readonly kind: "atom-cipher-key";
}

// Kept on globalThis under a registered symbol: a Next.js server loads this module once
// per route bundle, and a key derived in one bundle must serve the others (one
// derivation per process, and a CipherKey from any copy readable by every copy).
interface KeyStore {
  derivedBytes: WeakMap<CipherKey, Buffer>;
  derivations: Map<string, Promise<CipherKey>>;
}
const storeSlot = globalThis as unknown as Record<symbol, KeyStore | undefined>;
const STORE = Symbol.for("lib/atom cipher keys");
const { derivedBytes, derivations } = (storeSlot[STORE] ??= { derivedBytes: new WeakMap(), derivations: new Map() });

function bytesOf(key: CipherKey): Buffer {
  const bytes = derivedBytes.get(key);
  if (bytes === undefined) throw new TypeError("Not a CipherKey made by deriveCipherKey");
  return bytes;
}

/**
 * The key string's UTF-8 bytes are the PBKDF2 password (not hex-decoded) and the salt
 * string's bytes the salt. One derivation costs ~30 ms of CPU, so it runs on the
 * thread pool (async pbkdf2, never pbkdf2Sync) once per (key, salt) per process; the
 * promise is cached under a SHA-256 of the pair so the raw secret is not a map key.
 */
export function deriveCipherKey(key: Secret, salt: Secret): Promise<CipherKey> {
  const keyText = key.reveal();
  const saltText = salt.reveal();
  const cacheKey = createHash("sha256")
    .update(`${Buffer.byteLength(keyText)}:${keyText}`)
    .update(saltText)
    .digest("hex");
  let derivation = derivations.get(cacheKey);
  if (derivation === undefined) {
    derivation = new Promise<CipherKey>((resolve, reject) => {
      pbkdf2(keyText, saltText, PBKDF2_ITERATIONS, KEY_LENGTH, PBKDF2_DIGEST, (error, bytes) => {
        if (error) {
          derivations.delete(cacheKey); // let a later call try again
          reject(error);
          return;
        }
        const cipherKey: CipherKey = Object.freeze({ kind: "atom-cipher-key" as const });
        derivedBytes.set(cipherKey, bytes);
        resolve(cipherKey);
      });
    });
    derivations.set(cacheKey, derivation);
  }
  return derivation;
}

export function encryptText(key: CipherKey, plaintext: string): string {
  const cipher = createCipheriv(ALGORITHM, bytesOf(key), IV);
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
    .toString("hex")
    .toUpperCase();
}

const HEX_BLOCKS = /^(?:[0-9a-fA-F]{32})+$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decryptText(key: CipherKey, hex: string): string {
  if (!HEX_BLOCKS.test(hex)) {
    throw new AtomCiphertextFormatError(
      "encData is not hex text made of whole 16-byte AES blocks: check that the whole field arrived (form decoding, truncation)",
    );
  }
  const decipher = createDecipheriv(ALGORITHM, bytesOf(key), IV);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(Buffer.from(hex, "hex")), decipher.final()]);
  } catch (cause) {
    throw new AtomWrongKeyError(
      "encData could not be decrypted (bad padding): check the key and salt for this direction (response key for gateway replies and callbacks, request key for requests), or the data was altered",
      { cause },
    );
  }
  try {
    return utf8.decode(plain);
  } catch (cause) {
    // Garbage that happened to end in valid padding: almost always a wrong key.
    throw new AtomPlaintextFormatError(
      "Decrypted encData is not UTF-8 text: check the key and salt for this direction (response key for gateway replies and callbacks, request key for requests), or the data was altered",
      { cause },
    );
  }
}

export function encryptJson(key: CipherKey, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new AtomValidationError("Cannot encrypt a value that has no JSON form");
  return encryptText(key, json);
}

export function decryptJson(key: CipherKey, hex: string): unknown {
  const text = decryptText(key, hex);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new AtomPlaintextFormatError(
      "Decrypted encData is not JSON: check the key and salt for this direction (response key for gateway replies and callbacks, request key for requests), or the data was altered",
      { cause },
    );
  }
}
