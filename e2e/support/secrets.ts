import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseAtomConfig } from "../../lib/atom/config";
import { E2E_SECRET_VARIABLES, e2eServerEnv } from "./server-env";
import { OTHER_TYPED_PASSWORDS, SHOPPER_PASSWORD } from "./shopper";

// Every secret the e2e server holds, and a search for them in text: the build's static output
// (e2e/secrets.spec.ts) and the server's log of the whole run (e2e/support/scan-server-log.ts).

/** A secret by its name; the value never appears in a message. */
export interface NamedSecret {
  name: string;
  value: string;
}

/**
 * Shorter values could occur by chance (the 6-digit merchId, "NSE"); none of the secrets
 * below is shorter, and one that was would be refused rather than scanned for.
 */
const SHORTEST_SECRET = 8;

/**
 * What the e2e server has that must never leave it: the secret variables of its environment,
 * the Atom credentials in effect (in sandbox mode the sandbox's: the public UAT password, keys,
 * salts and hash keys, read by the app's own parseAtomConfig), and every password the specs type.
 */
export function e2eSecrets(port: number): NamedSecret[] {
  const env = e2eServerEnv(port);
  const atom = parseAtomConfig(env, { appUrl: env.APP_URL ?? "" });
  const secrets: NamedSecret[] = [
    ...E2E_SECRET_VARIABLES.map((name) => ({ name, value: env[name] ?? "" })),
    { name: "the Atom password", value: atom.password.reveal() },
    { name: "the Atom request encryption key", value: atom.requestEncryption.key.reveal() },
    { name: "the Atom request salt", value: atom.requestEncryption.salt.reveal() },
    { name: "the Atom response decryption key", value: atom.responseEncryption.key.reveal() },
    { name: "the Atom response salt", value: atom.responseEncryption.salt.reveal() },
    { name: "the Atom request hash key", value: atom.requestHashKey.reveal() },
    { name: "the Atom response hash key", value: atom.responseHashKey.reveal() },
    { name: "the shoppers' password", value: SHOPPER_PASSWORD },
    ...Object.entries(OTHER_TYPED_PASSWORDS).flatMap(([label, values]) =>
      (typeof values === "string" ? [values] : values).map((value) => ({ name: `a typed password (${label})`, value })),
    ),
  ];
  for (const secret of secrets)
    if (secret.value.length < SHORTEST_SECRET) throw new Error(`${secret.name} is too short to scan for`);
  return secrets;
}

/**
 * The value's base64 inside a longer base64 text, at each of the three byte alignments it may
 * start at: only the characters made of the value's bits alone, so any surrounding bytes match.
 */
function base64Needles(value: string): string[] {
  const bytes = Buffer.from(value);
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    return encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
  });
}

/** The forms a secret may leak in: as it is, URL-encoded, HTML-escaped, hex, base64 and base64url. */
function leakForms(value: string): Array<{ form: string; text: string; caseSensitive: boolean }> {
  const html = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const base64 = base64Needles(value);
  return [
    { form: "as it is", text: value, caseSensitive: false },
    { form: "URL-encoded", text: encodeURIComponent(value), caseSensitive: false },
    { form: "HTML-escaped", text: html, caseSensitive: false },
    { form: "hex", text: Buffer.from(value).toString("hex"), caseSensitive: false },
    ...base64.map((text) => ({ form: "base64", text, caseSensitive: true })),
    ...base64.map((text) => ({
      form: "base64url",
      text: text.replace(/\+/g, "-").replace(/\//g, "_"),
      caseSensitive: true,
    })),
  ];
}

/** Where a secret was found: its name and form, and where (never the value). */
export interface Leak {
  secret: string;
  form: string;
  where: string;
}

/** Every secret (in any of its forms) that `text` contains; `where` names the text in the answer. */
export function findLeaks(text: string, secrets: readonly NamedSecret[], where: string): Leak[] {
  const lower = text.toLowerCase();
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    const seen = new Set<string>();
    for (const { form, text: needle, caseSensitive } of leakForms(secret.value)) {
      if (seen.has(needle)) continue;
      seen.add(needle);
      const found = caseSensitive ? text.includes(needle) : lower.includes(needle.toLowerCase());
      if (found) leaks.push({ secret: secret.name, form, where });
    }
  }
  return leaks;
}

/** Every file under `folder` (recursively) that `keep` accepts. */
export function filesUnder(folder: string, keep: (file: string) => boolean = () => true): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(keep);
}

/** The leaks in each file, read as UTF-8 (binary files hold no text secret worth finding otherwise). */
export function findLeaksInFiles(files: readonly string[], secrets: readonly NamedSecret[], root: string): Leak[] {
  return files.flatMap((file) => findLeaks(readFileSync(file, "utf8"), secrets, path.relative(root, file)));
}

export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks.map((leak) => `${leak.secret} (${leak.form}) in ${leak.where}`).join("\n");
}
