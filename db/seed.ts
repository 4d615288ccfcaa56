import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/password";
import { CATALOG } from "./catalog";
import type { Database } from "./client";
import { products, users } from "./schema";

export interface SeedOptions {
  /** The admin to create if absent. Without one, a development admin is made with a generated password. */
  admin?: { email: string; password: string };
  /**
   * Whether a development admin with a generated password may be created (sandbox only),
   * and the file its password is written to (readable only by its owner). The password is
   * never logged: the log names the file.
   */
  generatedAdmin: { passwordFile: string } | false;
  log: (message: string) => void;
}

export const DEFAULT_ADMIN_EMAIL = "admin@shop.local";

/** Idempotent: inserts the catalog and the admin when they are missing and changes nothing otherwise. */
export async function seedDatabase(db: Database, options: SeedOptions): Promise<void> {
  await db
    .insert(products)
    .values(CATALOG.map((entry) => ({ ...entry, image: `/products/${entry.slug}.svg` })))
    .onConflictDoNothing({ target: products.slug });
  await seedAdmin(db, options);
}

async function seedAdmin(db: Database, options: SeedOptions): Promise<void> {
  if (options.admin) {
    const email = options.admin.email.toLowerCase();
    const inserted = await db
      .insert(users)
      .values({ email, name: "Shop admin", role: "admin", passwordHash: await hashPassword(options.admin.password) })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (inserted.length > 0) options.log(`Created admin ${email} (password from ADMIN_PASSWORD).`);
    return;
  }
  if (options.generatedAdmin === false) return;
  const { passwordFile } = options.generatedAdmin;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  if (existing) return;
  const password = randomBytes(12).toString("base64url");
  const inserted = await db
    .insert(users)
    .values({
      email: DEFAULT_ADMIN_EMAIL,
      name: "Shop admin",
      role: "admin",
      passwordHash: await hashPassword(password),
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  // Written on the run that created it; the database keeps only its hash.
  if (inserted.length > 0) {
    writePasswordFile(passwordFile, password);
    options.log(
      `Created development admin ${DEFAULT_ADMIN_EMAIL}: its password is in ${passwordFile} (readable only by you; set ADMIN_EMAIL/ADMIN_PASSWORD to choose your own).`,
    );
  }
}

function writePasswordFile(file: string, password: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const text = [
    "Lotus Bazaar's development admin (sandbox mode). Sign in at /sign-in:",
    `email:    ${DEFAULT_ADMIN_EMAIL}`,
    `password: ${password}`,
    "",
  ].join("\n");
  writeFileSync(file, text, { mode: 0o600 });
  // A file left by an earlier database keeps its old mode through writeFileSync.
  chmodSync(file, 0o600);
}

/** Where the development admin's generated password is written: beside the embedded database, in `.data/`. */
export function adminPasswordFile(dataDir: string): string {
  return path.join(dataDir, "admin-password");
}
