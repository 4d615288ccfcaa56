import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq, isNull, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/password";
import { CATALOG, CATEGORIES } from "./catalog";
import type { Database } from "./client";
import { categories, products, users } from "./schema";

export interface SeedOptions {
  /** The admin to create if absent. Without one, a development admin is made with a generated password. */
  admin?: { email: string; password: string };
  /**
   * Whether a development admin with a generated password may be created (sandbox only),
   * and the file its password is written to (readable only by its owner). The password is
   * never logged: the log names the file.
   */
  generatedAdmin: { passwordFile: string } | false;
  /** Where progress ("info") and refusals that need an operator ("error") are written; never a password. */
  log: SeedLog;
}

export type SeedLog = (message: string, level: "info" | "error") => void;

export const DEFAULT_ADMIN_EMAIL = "admin@shop.local";

/**
 * Idempotent: inserts the catalog and the admin when they are missing. A product already there
 * from an earlier seed, which had no category, summary or picture description, gets them (and
 * its fuller description, its GST rate and HSN code, and its stock level: that seed had no stock, so such a shop's products
 * arrive at 0 from the migration, which would show everything "Out of stock"); a product that has a category is left exactly as it is, so the seed
 * never overwrites what someone changed since, its price, name and availability least of all.
 */
export async function seedDatabase(db: Database, options: SeedOptions): Promise<void> {
  await seedCatalog(db);
  await seedAdmin(db, options);
}

async function seedCatalog(db: Database): Promise<void> {
  await db
    .insert(categories)
    .values(CATEGORIES.map((category, index) => ({ ...category, position: index + 1 })))
    .onConflictDoNothing({ target: categories.slug });
  const categoryRows = await db.select({ id: categories.id, slug: categories.slug }).from(categories);
  const categoryIds = new Map(categoryRows.map((row) => [row.slug, row.id]));
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await db
    .insert(products)
    .values(
      CATALOG.map(({ category, ...entry }) => ({
        ...entry,
        categoryId: categoryIds.get(category),
        image: `/products/${entry.slug}.svg`,
      })),
    )
    .onConflictDoUpdate({
      target: products.slug,
      set: {
        summary: excluded("summary"),
        description: excluded("description"),
        image: excluded("image"),
        imageAlt: excluded("image_alt"),
        categoryId: excluded("category_id"),
        featuredRank: excluded("featured_rank"),
        stock: excluded("stock"),
        gstRateBasisPoints: excluded("gst_rate_basis_points"),
        hsnCode: excluded("hsn_code"),
      },
      setWhere: isNull(products.categoryId),
    });
  // A product seeded before products had HSN codes (it has a category, so the upsert above left
  // it alone) gets the catalog's code and rate; one that has a code was classified since, and
  // is kept as it is.
  for (const entry of CATALOG) {
    if (entry.hsnCode == null) continue;
    await db
      .update(products)
      .set({ hsnCode: entry.hsnCode, gstRateBasisPoints: entry.gstRateBasisPoints })
      .where(and(eq(products.slug, entry.slug), isNull(products.hsnCode)));
  }
}

async function seedAdmin(db: Database, options: SeedOptions): Promise<void> {
  if (options.admin) {
    await ensureConfiguredAdmin(db, options.admin, options.log);
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
      "info",
    );
  }
}

/**
 * The admin named by ADMIN_EMAIL/ADMIN_PASSWORD exists after every start (whatever
 * SEED_ON_START says): created when missing. An existing admin is left as it is (its
 * password is not reset from ADMIN_PASSWORD). An existing customer account with that email
 * is not promoted, since whoever signed up with it would become an admin: it is left alone
 * and the refusal logged as an error for the operator.
 */
export async function ensureConfiguredAdmin(
  db: Database,
  admin: { email: string; password: string },
  log: SeedLog,
): Promise<void> {
  const email = admin.email.toLowerCase();
  const [existing] = await db.select({ role: users.role }).from(users).where(eq(users.email, email));
  if (existing?.role === "admin") return;
  if (existing === undefined) {
    const inserted = await db
      .insert(users)
      .values({ email, name: "Shop admin", role: "admin", passwordHash: await hashPassword(admin.password) })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (inserted.length > 0) {
      log(`Created admin ${email} (password from ADMIN_PASSWORD).`, "info");
      return;
    }
  }
  // A customer's account (or one made by a sign-up between the two statements above).
  const [now] = await db.select({ role: users.role }).from(users).where(eq(users.email, email));
  if (now?.role !== "admin")
    log(
      `ADMIN_EMAIL ${email} belongs to a customer account: it was NOT made an admin. If the account is yours, promote it in SQL (update users set role = 'admin' where email = '${email}'), or set ADMIN_EMAIL to an address no one has signed up with.`,
      "error",
    );
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
