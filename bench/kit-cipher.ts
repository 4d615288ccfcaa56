import { createCipheriv, createDecipheriv, pbkdf2Sync } from "node:crypto";

// The gateway's sample kits' cipher, the baseline of the benchmarks: the key derived inside
// every encrypt and decrypt, synchronously (65,536 rounds of PBKDF2-HMAC-SHA512).

const IV = Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

function kitKey(key: string): Buffer {
  return pbkdf2Sync(key, key, 65_536, 32, "sha512");
}

export function kitEncrypt(plaintext: string, key: string): string {
  const cipher = createCipheriv("aes-256-cbc", kitKey(key), IV);
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
    .toString("hex")
    .toUpperCase();
}

export function kitDecrypt(hex: string, key: string): string {
  const decipher = createDecipheriv("aes-256-cbc", kitKey(key), IV);
  return Buffer.concat([decipher.update(Buffer.from(hex, "hex")), decipher.final()]).toString("utf8");
}
